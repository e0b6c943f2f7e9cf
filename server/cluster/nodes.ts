import { getDb, type Prisma } from "@/server/db";
import { AppError, conflict, notFound } from "@/server/errors";
import { recordAudit } from "@/server/tenancy/audit";
import { nodeFields, type NodeChanges, type NodeSpec } from "./node-spec";
import { notifyNodesChanged } from "./notify";

type Tx = Prisma.TransactionClient;

export async function listNodes() {
  return getDb().clusterNode.findMany({ orderBy: { name: "asc" } });
}

async function assertNameFree(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const other = await tx.clusterNode.findUnique({ where: { name }, select: { id: true } });
  if (other && other.id !== exceptId) throw conflict(`A node named "${name}" already exists`);
}

function assertPower(node: { idleWatts: number; loadWatts: number }): void {
  if (node.loadWatts < node.idleWatts) throw new AppError("BAD_REQUEST", "Power under load cannot be below idle power");
}

export async function createNode(actorUserId: string | null, spec: NodeSpec) {
  return getDb().$transaction(async (tx) => {
    await assertNameFree(tx, spec.name);
    const node = await tx.clusterNode.create({ data: spec });
    assertPower(node);
    await recordAudit(tx, { tenantId: null, actorUserId, action: "cluster_node.create", targetType: "cluster_node", targetId: node.id, data: { ...spec } });
    await notifyNodesChanged(tx);
    return node;
  });
}

export async function updateNode(actorUserId: string | null, nodeId: string, changes: NodeChanges) {
  return getDb().$transaction(async (tx) => {
    if (!(await tx.clusterNode.findUnique({ where: { id: nodeId }, select: { id: true } }))) throw notFound("Node");
    if (changes.name) await assertNameFree(tx, changes.name, nodeId);
    const node = await tx.clusterNode.update({ where: { id: nodeId }, data: changes });
    assertPower(node);
    await recordAudit(tx, { tenantId: null, actorUserId, action: "cluster_node.update", targetType: "cluster_node", targetId: nodeId, data: { ...changes } });
    await notifyNodesChanged(tx);
    return node;
  });
}

export async function setNodeEnabled(actorUserId: string | null, nodeId: string, enabled: boolean) {
  return getDb().$transaction(async (tx) => {
    if (!(await tx.clusterNode.findUnique({ where: { id: nodeId }, select: { id: true } }))) throw notFound("Node");
    const node = await tx.clusterNode.update({ where: { id: nodeId }, data: { enabled } });
    await recordAudit(tx, {
      tenantId: null,
      actorUserId,
      action: enabled ? "cluster_node.enable" : "cluster_node.disable",
      targetType: "cluster_node",
      targetId: nodeId,
      data: { name: node.name },
    });
    await notifyNodesChanged(tx);
    return node;
  });
}

/**
 * Creates or updates nodes by name (start-up registers the simulated nodes in
 * demo mode, whose ports change from run to run). An admin's enabled flag is
 * left alone.
 */
export async function registerNodes(specs: readonly NodeSpec[]) {
  const parsed = specs.map((s) => nodeFields.parse(s));
  return getDb().$transaction(async (tx) => {
    const nodes = [];
    for (const spec of parsed) {
      const node = await tx.clusterNode.upsert({ where: { name: spec.name }, create: spec, update: spec });
      assertPower(node);
      nodes.push(node);
    }
    await recordAudit(tx, {
      tenantId: null,
      actorUserId: null,
      action: "cluster_node.register",
      targetType: "cluster_node",
      data: { nodes: parsed.map((s) => ({ name: s.name, baseUrl: s.baseUrl })) },
    });
    await notifyNodesChanged(tx);
    return nodes;
  });
}
