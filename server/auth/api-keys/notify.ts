import type { Prisma } from "@/server/db";

/** Every gateway process LISTENs here and drops its cached copy of the key. */
export const KEY_CHANGED_CHANNEL = "api_key_changed";
/** A payload that clears whole caches, for changes that touch many keys. */
export const ALL_KEYS = "*";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw">;

// Sent inside the transaction that changes the key: PostgreSQL delivers it on
// commit only, so no process evicts for a change that rolled back, and none
// can reload the old row after hearing of the new one.
export async function notifyKeyChanged(tx: Tx, hash: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${KEY_CHANGED_CHANNEL}, ${hash})`;
}
