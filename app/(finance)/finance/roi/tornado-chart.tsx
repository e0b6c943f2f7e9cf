"use client";

import { useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TornadoBar } from "@/server/economics";

/** Cash ROI with each input alone at -swing and +swing, as percentage points against the base, widest first. */
export function TornadoChart({ bars, base, swing }: { bars: TornadoBar[]; base: string | null; swing: string }) {
  const t = useTranslations("finance");
  const locale = useLocale();
  const b = base === null ? 0 : Number(base);
  const data = bars.map((x) => ({
    label: locale === "zh-CN" ? x.label.zh : x.label.en,
    low: x.low === null ? 0 : (Number(x.low.toString()) - b) * 100,
    high: x.high === null ? 0 : (Number(x.high.toString()) - b) * 100,
  }));
  const pp = (v: number) => `${v >= 0 ? "+" : ""}${v.toFixed(1)} pp`;
  return (
    <div style={{ width: "100%", height: Math.max(200, 40 * data.length + 60) }} data-testid="tornado-chart">
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e6eb" />
          <XAxis type="number" tickFormatter={(v: number) => pp(v)} />
          <YAxis type="category" dataKey="label" width={230} />
          <Tooltip formatter={(v) => pp(Number(v))} />
          <Legend />
          <ReferenceLine x={0} stroke="#1c2430" />
          <Bar dataKey="low" name={t("tornadoLow", { swing: (Number(swing) * 100).toFixed(0) })} fill="#c4302b" isAnimationActive={false} />
          <Bar dataKey="high" name={t("tornadoHigh", { swing: (Number(swing) * 100).toFixed(0) })} fill="#18794e" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
