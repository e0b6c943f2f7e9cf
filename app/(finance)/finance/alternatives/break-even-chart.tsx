"use client";

import { useLocale, useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { money } from "../_components/fmt";

const COLOURS = ["#2f5bea", "#d97706", "#7c3aed", "#0891b2", "#be185d"];

/** Monthly cost of each alternative by monthly volume, the flat self-hosting cost, and today's volume. */
export function BreakEvenChart({ names, kinds, points, current, currency }: { names: string[]; kinds: ("api" | "cloud")[]; points: { volume: string; selfHosted: string; costs: string[] }[]; current: string; currency: string }) {
  const t = useTranslations("finance");
  const locale = useLocale();
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  const data = points.map((p) => ({ volume: Number(p.volume), self: Number(p.selfHosted), ...Object.fromEntries(p.costs.map((c, i) => [`alt${i}`, Number(c)])) }));
  return (
    <div style={{ width: "100%", height: 320 }} data-testid="break-even-chart">
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e6eb" />
          <XAxis dataKey="volume" type="number" domain={[0, "dataMax"]} tickFormatter={(v: number) => compact.format(v)} label={{ value: t("tokensPerMonth"), position: "insideBottomRight", offset: -4 }} />
          <YAxis tickFormatter={(v: number) => compact.format(v)} />
          <Tooltip formatter={(v) => money(String(v), locale, currency)} labelFormatter={(v) => `${compact.format(Number(v))} ${t("tokensPerMonth")}`} />
          <Legend />
          <Line dataKey="self" name={t("selfHosted")} stroke="#1c2430" strokeWidth={2} dot={false} isAnimationActive={false} />
          {names.map((n, i) => (
            <Line key={n} dataKey={`alt${i}`} name={n} stroke={COLOURS[i % COLOURS.length]} dot={false} type={kinds[i] === "cloud" ? "stepAfter" : "linear"} isAnimationActive={false} />
          ))}
          <ReferenceLine x={Number(current)} stroke="#18794e" strokeDasharray="4 4" label={{ value: t("currentVolume"), position: "top" }} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
