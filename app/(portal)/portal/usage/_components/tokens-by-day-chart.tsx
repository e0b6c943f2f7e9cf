"use client";

import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Day = { day: string; promptTokens: number; completionTokens: number };

/** Prompt and completion tokens per local day, stacked. */
export function TokensByDayChart({ days }: { days: Day[] }) {
  const t = useTranslations("usage");
  const number = new Intl.NumberFormat(useLocale(), { notation: "compact" });
  return (
    <div style={{ width: "100%", height: 260 }} data-testid="tokens-by-day-chart">
      <ResponsiveContainer>
        <BarChart data={days} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e6eb" />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} />
          <YAxis tickFormatter={(v: number) => number.format(v)} />
          <Tooltip />
          <Legend />
          <Bar dataKey="promptTokens" name={t("promptTokens")} stackId="tokens" fill="#2f5bea" isAnimationActive={false} />
          <Bar dataKey="completionTokens" name={t("completionTokens")} stackId="tokens" fill="#18794e" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
