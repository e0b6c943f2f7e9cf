"use client";

import { useTranslations } from "next-intl";
import { recentMonths } from "./fmt";

export function MonthPicker({ value, onChange }: { value: string; onChange: (month: string) => void }) {
  const t = useTranslations("finance");
  return (
    <label>
      {t("month")}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="month-picker">
        {recentMonths().map((m) => (
          <option key={m} value={m}>{m}</option>
        ))}
      </select>
    </label>
  );
}

export const currentMonth = () => recentMonths(1)[0]!;
