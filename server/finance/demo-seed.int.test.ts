import { describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed/demo";
import { roundMoney, sum } from "@/server/economics";
import { addMonths, alternativesReport, clusterChargeback, monthOf, platformOverview, roiBaseScenario } from "./index";

describe("the demo seed", () => {
  it("is fast and leaves the finance pages with real numbers", async () => {
    const started = Date.now();
    const { created } = await seedDemo();
    const elapsed = Date.now() - started;
    expect(created).toEqual(["demo", "acme"]);
    expect(elapsed).toBeLessThan(3_000);

    const last = addMonths(monthOf(new Date()), -1);
    const o = await platformOverview(last);
    if (o.status !== "ok") throw new Error("no cost model");
    expect(o.assumptions.costModel.name).toBe("Qwen2.5-7B on 4 x RTX 4090D");
    expect(roundMoney(o.cost.total).toFixed(2)).toBe("2483.73");
    expect(Number(o.tokens.total)).toBeGreaterThan(100_000_000);
    expect(o.alternatives.map((a) => a.name)).toEqual(["Tongyi Qianwen API", "Aliyun GN7i"]);

    const c = await clusterChargeback(last);
    if (c.status !== "ok") throw new Error("no cost model");
    expect(c.lines).toHaveLength(4);
    expect(sum(c.lines.map((l) => l.amount)).toFixed(2)).toBe(c.total);

    expect((await alternativesReport()).status).toBe("ok");
    const roi = await roiBaseScenario();
    expect(roi.status === "ok" && roi.volumeSource.observed).toBe(true);

    // Seeding again changes nothing.
    expect((await seedDemo()).created).toEqual([]);
  });
});
