"use client";

import { useTranslations } from "next-intl";

export const RANGES = [7, 30, 90] as const;
export type Range = (typeof RANGES)[number];

export function RangePicker({ value, onChange }: { value: Range; onChange: (days: Range) => void }) {
  const t = useTranslations("usage");
  return (
    <label>
      {t("range")}
      <select value={value} onChange={(e) => onChange(Number(e.target.value) as Range)}>
        {RANGES.map((d) => (
          <option key={d} value={d}>{t("lastDays", { count: d })}</option>
        ))}
      </select>
    </label>
  );
}
