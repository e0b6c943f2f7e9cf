import { getLocale, getTranslations } from "next-intl/server";
import { comparePublished, evaluateScenario, ARTICLE_SCENARIO, type PublishedRow } from "@/server/economics";

type Unit = PublishedRow["unit"];

function formatFigure(value: number, unit: Unit, locale: string, digits = 2): string {
  const n = (d: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: d, minimumFractionDigits: 0 }).format(value);
  switch (unit) {
    case "CNY":
      return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" }).format(value);
    case "percent":
      return `${n(digits)}%`;
    default:
      return n(digits);
  }
}

function printedText(row: PublishedRow, locale: string): string {
  const p = row.printed;
  const f = (v: { toString(): string }, d = 1) => formatFigure(Number(v.toString()), row.unit, locale, d);
  switch (p.kind) {
    case "exact":
      return f(p.value, p.decimals);
    case "range":
      return `${f(p.low, 0)} ~ ${f(p.high, 0)}`;
    case "atLeast":
      return `≥ ${f(p.value, 0)}`;
    case "atMost":
      return `≤ ${f(p.value, 0)}`;
  }
}

// The seed article's printed figures beside the engine's own computation from
// the article's inputs, so that finance can see each slip and its cause.
export async function PublishedVsComputed() {
  const t = await getTranslations("finance");
  const locale = await getLocale();
  const zh = locale === "zh-CN";
  const rows = comparePublished();
  const report = evaluateScenario(ARTICLE_SCENARIO);
  const payback = report.payback.months;
  return (
    <section className="panel" data-testid="published-vs-computed">
      <h2>{t("articleTitle")}</h2>
      <p className="muted">{t("articleIntro")}</p>
      <div className="form-row" style={{ marginBottom: "1rem" }}>
        <div className="kpi">
          <span className="muted">{t("payback")}</span>
          <strong data-testid="kpi-payback">{payback === null ? t("never") : t("months", { value: Number(payback.toFixed(2)) })}</strong>
        </div>
        <div className="kpi">
          <span className="muted">{t("roi3")}</span>
          <strong>{formatFigure(Number(report.years[2]!.cashRoi!.times(100).toFixed(2)), "percent", locale)}</strong>
        </div>
      </div>
      <table>
        <thead>
          <tr>
            <th>{t("figure")}</th>
            <th className="num">{t("printed")}</th>
            <th className="num">{t("computed")}</th>
            <th>{t("why")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.differs ? "differs" : undefined} data-testid={`published-${row.key}`}>
              <td>{zh ? row.label.zh : row.label.en}</td>
              <td className="num">{printedText(row, locale)}</td>
              <td className="num">{row.computed === null ? "—" : formatFigure(Number(row.computed.toFixed(4)), row.unit, locale)}</td>
              <td>{row.differs ? (zh ? row.reason?.zh : row.reason?.en) : <span className="muted">{t("agrees")}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
