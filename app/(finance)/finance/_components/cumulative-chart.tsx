"use client";

import { useLocale, useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { money } from "./fmt";

export type CumulativePoint = { month: number; cost: string; benefit: string };

/** Cumulative cash cost against cumulative benefit by month, with the payback point (and today). */
export function CumulativeChart({ points, payback, today, currency }: { points: CumulativePoint[]; payback: string | null; today?: number; currency: string }) {
  const t = useTranslations("finance");
  const locale = useLocale();
  const data = points.map((p) => ({ month: p.month, cost: Number(p.cost), benefit: Number(p.benefit) }));
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  return (
    <div style={{ width: "100%", height: 300 }} data-testid="cumulative-chart">
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e6eb" />
          <XAxis dataKey="month" type="number" domain={[0, "dataMax"]} tickCount={13} label={{ value: t("monthsSinceStart"), position: "insideBottomRight", offset: -4 }} />
          <YAxis tickFormatter={(v: number) => compact.format(v)} />
          <Tooltip formatter={(v) => money(String(v), locale, currency)} labelFormatter={(v) => t("monthN", { n: Number(v) })} />
          <Legend />
          <Line type="linear" dataKey="cost" name={t("cumulativeCost")} stroke="#c4302b" dot={false} isAnimationActive={false} />
          <Line type="linear" dataKey="benefit" name={t("cumulativeBenefit")} stroke="#18794e" dot={false} isAnimationActive={false} />
          {payback !== null && (
            <ReferenceLine x={Number(payback)} stroke="#2f5bea" strokeDasharray="4 4" label={{ value: t("paybackAt", { months: Number(payback).toFixed(2) }), position: "top" }} />
          )}
          {today !== undefined && today >= 0 && <ReferenceLine x={today} stroke="#8a94a6" label={{ value: t("today"), position: "insideTopLeft" }} />}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
