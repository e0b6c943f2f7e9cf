import { getDb } from "@/server/db";

export type ServedModel = { id: string; maxModelLen: number; nodes: number };

// The models the cluster serves: one entry per model across enabled nodes.
export async function listServedModels(): Promise<ServedModel[]> {
  const rows = await getDb().clusterNode.groupBy({
    by: ["model"],
    where: { enabled: true },
    _min: { maxModelLen: true },
    _count: { _all: true },
    orderBy: { model: "asc" },
  });
  return rows.map((r) => ({ id: r.model, maxModelLen: r._min.maxModelLen ?? 0, nodes: r._count._all }));
}
