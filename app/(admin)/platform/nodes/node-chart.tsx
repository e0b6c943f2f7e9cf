"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { QueryState } from "@/app/_components/query-state";
import { useTRPC } from "@/app/_trpc/client";

/** A node's measured power and running requests over the last hours, from its samples. */
export function NodeChart({ nodeId }: { nodeId: string }) {
  const t = useTranslations("cluster");
  const locale = useLocale();
  const trpc = useTRPC();
  const samples = useQuery(trpc.cluster.samples.queryOptions({ nodeId, hours: 6 }, { refetchInterval: 15_000 }));
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
  const data = (samples.data ?? []).map((s) => ({ at: s.at.getTime(), power: s.powerWatts, running: s.running }));
  return (
    <QueryState query={samples} isEmpty={data.length === 0} empty={{ title: t("chartEmpty"), hint: "" }}>
      <div style={{ width: "100%", height: 260 }} data-testid="node-chart">
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6eb" />
            <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(v: number) => time.format(v)} />
            <YAxis yAxisId="power" unit=" W" />
            <YAxis yAxisId="running" orientation="right" allowDecimals={false} />
            <Tooltip labelFormatter={(v) => time.format(Number(v))} />
            <Legend />
            <Line yAxisId="power" type="monotone" dataKey="power" name={t("powerSeries")} stroke="#2f5bea" dot={false} connectNulls={false} isAnimationActive={false} />
            <Line yAxisId="running" type="stepAfter" dataKey="running" name={t("runningSeries")} stroke="#18794e" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </QueryState>
  );
}
