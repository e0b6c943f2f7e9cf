"use client";

import { useLocale } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Point = { at: Date; used: number };

/** Cumulative use through the period, the forecast from now, and the limit. */
export function BurnDownChart({ points, forecast, limit, periodEnd, labels }: { points: Point[]; forecast: Point[]; limit: number | null; periodEnd: Date; labels: { used: string; forecast: string; limit: string } }) {
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale, { notation: "compact" });
  const date = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" });
  const rows = [
    ...points.map((p) => ({ t: new Date(p.at).getTime(), used: p.used })),
    ...forecast.map((p) => ({ t: new Date(p.at).getTime(), forecast: p.used })),
  ].sort((a, b) => a.t - b.t);
  return (
    <div style={{ width: "100%", height: 280 }} data-testid="burn-down-chart">
      <ResponsiveContainer>
        <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e6eb" />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", new Date(periodEnd).getTime()]} tickFormatter={(t: number) => date.format(t)} />
          <YAxis tickFormatter={(v: number) => number.format(v)} domain={[0, (max: number) => Math.max(max, limit ?? 0)]} />
          <Tooltip labelFormatter={(t) => date.format(Number(t))} formatter={(v) => number.format(Number(v))} />
          <Legend />
          <Line dataKey="used" name={labels.used} stroke="#2f5bea" dot={false} connectNulls isAnimationActive={false} />
          <Line dataKey="forecast" name={labels.forecast} stroke="#c4320a" strokeDasharray="6 4" dot={false} connectNulls isAnimationActive={false} />
          {limit !== null && <ReferenceLine y={limit} stroke="#18794e" label={labels.limit} />}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
