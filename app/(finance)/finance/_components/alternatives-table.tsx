"use client";

import { useLocale, useTranslations } from "next-intl";
import { money, pct } from "./fmt";

export type AlternativeRow = {
  kind: "api" | "cloud";
  name: string;
  source: string | null;
  cost: string;
  instances: number | null;
  sized: boolean | null;
  savings: string;
  savingsRate: string | null;
};

/** What the same usage would have cost on each alternative, and the savings. */
export function AlternativesTable({ rows, actual, currency, testId }: { rows: AlternativeRow[]; actual: string; currency: string; testId?: string }) {
  const t = useTranslations("finance");
  const locale = useLocale();
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>{t("alternative")}</th>
          <th className="num">{t("altCost")}</th>
          <th className="num">{t("actualCost")}</th>
          <th className="num">{t("savings")}</th>
          <th className="num">{t("savingsRate")}</th>
          <th>{t("notes")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} data-testid={`alt-${r.name}`}>
            <td>{r.name} <span className="badge">{t(`kind.${r.kind}`)}</span></td>
            <td className="num">{money(r.cost, locale, currency)}</td>
            <td className="num">{money(actual, locale, currency)}</td>
            <td className="num" style={{ color: Number(r.savings) >= 0 ? "var(--ok)" : "var(--danger)" }}>{money(r.savings, locale, currency)}</td>
            <td className="num">{pct(r.savingsRate, locale)}</td>
            <td className="muted">
              {r.kind === "cloud" ? (r.sized ? t("instancesSized", { count: r.instances ?? 0 }) : t("instancesUnsized", { count: r.instances ?? 0 })) : ""} {r.source}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
