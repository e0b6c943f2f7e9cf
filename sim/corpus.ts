/**
 * Sentences the simulated model answers with. Each ends with a letter and carries no
 * final punctuation: the generator adds ". " / "。" in front of the next sentence, so
 * every joint falls on a pre-tokenizer boundary and the tokens of the parts add up to
 * the tokens of the whole (see text-generator.ts).
 */

export const ENGLISH_OPENINGS = [
  "Sure, here is a short overview",
  "Good question, and the answer depends on a few things",
  "Let me walk you through it step by step",
  "Here is what I would suggest",
  "That is a common point of confusion",
  "Happy to help with that",
];

export const ENGLISH_SENTENCES = [
  "The first thing to check is whether the input data is complete and consistent",
  "A small example usually makes the idea much easier to follow",
  "In practice, most of the cost comes from a handful of heavy requests",
  "You can start with a simple version and refine it once you see real numbers",
  "Keep the configuration in one place so that every service reads the same values",
  "If the results look surprising, compare them with a baseline measured the same way",
  "Caching the expensive part often gives the biggest improvement for the least effort",
  "It helps to write down the assumptions before choosing between the options",
  "Each step should be small enough that you can verify it on its own",
  "For long documents, split the text into sections and summarise each one first",
  "Latency and throughput pull in different directions, so decide which one matters more",
  "A clear naming scheme saves a lot of time when the project grows",
  "Measure before and after every change, otherwise it is hard to know what helped",
  "The safest approach is to roll out the change gradually and watch the error rate",
  "When two teams share a resource, agree on limits early to avoid surprises",
  "Good documentation explains why a decision was made, not only what was done",
  "Automated tests catch regressions long before users notice them",
  "If you are unsure, try both approaches on a small sample and compare the outcome",
  "Budgets are easier to respect when everyone can see their own usage",
  "A short feedback loop makes learning much faster for the whole team",
  "Most problems become simpler once the data flow is drawn on paper",
  "The model can draft the text, but a person should review the final version",
  "Clear error messages help users fix their own mistakes without asking for support",
  "Use plain language and concrete examples whenever you explain a technical topic",
  "Hardware that is already paid for still has running costs such as power and cooling",
  "Comparing the total cost over several years gives a fairer picture than the monthly bill",
  "Keep an eye on the queue length, because it is the first sign of overload",
  "Shorter prompts are cheaper and often produce more focused answers",
  "Let me know if you would like more detail on any of these points",
  "I hope this gives you a useful starting point",
];

export const CHINESE_OPENINGS = [
  "好的，下面我简单说明一下",
  "这是一个很好的问题",
  "我们可以一步一步来看",
  "很高兴为你解答",
  "关于这个问题，有几点需要注意",
];

export const CHINESE_SENTENCES = [
  "首先要确认输入的数据是否完整",
  "举一个简单的例子会更容易理解",
  "在实际使用中，大部分成本来自少数几个大型请求",
  "可以先做一个简单的版本，再根据实际数据逐步改进",
  "把配置放在同一个地方，所有服务读取的值就会一致",
  "如果结果出乎意料，可以和同样方法测得的基准进行比较",
  "对最耗时的部分做缓存，往往能用最少的工作带来最大的提升",
  "在选择方案之前，先把前提条件写下来会很有帮助",
  "每一步都应该足够小，这样可以单独验证",
  "对于很长的文档，可以先分段，再分别总结每一部分",
  "延迟和吞吐量往往需要权衡，要先确定哪一个更重要",
  "清晰的命名规则能在项目变大时节省很多时间",
  "每次改动前后都要测量，否则很难知道哪些改动真正有效",
  "最稳妥的做法是逐步发布，同时观察错误率的变化",
  "多个团队共享资源时，最好提前约定使用上限",
  "好的文档不仅说明做了什么，还要说明为什么这样做",
  "自动化测试能在用户发现问题之前发现回归",
  "如果不确定，可以先在小样本上试试两种方法，再比较结果",
  "当每个人都能看到自己的用量时，预算更容易遵守",
  "反馈周期越短，团队学习的速度就越快",
  "把数据流画在纸上之后，很多问题都会变得简单",
  "模型可以起草文字，但最终版本最好由人来审阅",
  "清楚的错误信息能帮助用户自己解决问题",
  "解释技术问题时，尽量使用简单的语言和具体的例子",
  "已经购买的硬件仍然有电费和散热等运行成本",
  "比较几年内的总成本，比只看每月账单更加客观",
  "要留意排队的长度，因为这是过载的第一个信号",
  "较短的提示词更便宜，回答也往往更加集中",
  "如果你想进一步了解其中任何一点，请告诉我",
  "希望这些内容对你有所帮助",
];
