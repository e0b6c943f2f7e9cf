import { listenForKeyChanges, type ListenerOptions } from "./change-listener";
import { hashApiKey, looksLikeApiKey } from "./key-format";
import { createLastUsedFlusher } from "./last-used";
import { ALL_KEYS } from "./notify";
import { loadPrincipal, markUsed, type KeyPrincipal } from "./principal";
import { TtlLru } from "./ttl-lru";

export interface KeyCache {
  /** The key's principal, or null for an unknown, revoked, expired or orphaned key. */
  lookup(rawKey: string): Promise<KeyPrincipal | null>;
  /** Records that the key was used; written to the database in batches. */
  touch(keyId: string): void;
  close(): Promise<void>;
}

export type KeyCacheOptions = {
  /** A connection for LISTEN; lookups themselves go through the Prisma client. */
  connectionString: string;
  ttlMs?: number;
  maxEntries?: number;
  /** How long an unknown key is remembered, so floods of bad keys spare the database. */
  negativeTtlMs?: number;
  flushIntervalMs?: number;
  listener?: ListenerOptions;
};

/**
 * The gateway's key lookup: hash, then memory, then PostgreSQL. Every change
 * to a key is NOTIFYed in its transaction and evicts the key in every
 * process; while the LISTEN connection is down nothing cached is trusted and
 * lookups read the database, so a revocation is never missed.
 */
export async function createKeyCache(opts: KeyCacheOptions): Promise<KeyCache> {
  const maxEntries = opts.maxEntries ?? 10_000;
  // Apart, so that a flood of unknown keys cannot push out the good ones.
  const known = new TtlLru<KeyPrincipal>(maxEntries, opts.ttlMs ?? 60_000);
  const unknown = new TtlLru<true>(maxEntries, opts.negativeTtlMs ?? 5_000);
  const inflight = new Map<string, Promise<KeyPrincipal | null>>();
  // Bumped by every eviction: a read that overlapped one may hold the row as
  // it was before the change, and must not be cached.
  let epoch = 0;

  const forget = (hash: string) => {
    epoch++;
    known.delete(hash);
    unknown.delete(hash);
    inflight.delete(hash);
  };
  const forgetAll = () => {
    epoch++;
    known.clear();
    unknown.clear();
    inflight.clear();
  };
  const listener = await listenForKeyChanges(
    opts.connectionString,
    { onChange: (payload) => (payload === ALL_KEYS ? forgetAll() : forget(payload)), onResync: forgetAll },
    opts.listener,
  );
  const lastUsed = createLastUsedFlusher(markUsed, opts.flushIntervalMs ?? 5_000);

  async function load(hash: string): Promise<KeyPrincipal | null> {
    const startedAt = epoch;
    const principal = await loadPrincipal(hash);
    if (startedAt === epoch && listener.listening) {
      if (principal) known.set(hash, principal);
      else unknown.set(hash, true);
    }
    return principal;
  }

  function cached(hash: string, now: number): KeyPrincipal | null | undefined {
    if (!listener.listening) return undefined;
    const principal = known.get(hash, now);
    if (principal) {
      if (!principal.expiresAt || principal.expiresAt.getTime() > now) return principal;
      known.delete(hash);
      unknown.set(hash, true, now);
      return null;
    }
    return unknown.get(hash, now) ? null : undefined;
  }

  return {
    async lookup(rawKey) {
      if (!looksLikeApiKey(rawKey)) return null;
      const hash = hashApiKey(rawKey);
      const hit = cached(hash, Date.now());
      if (hit !== undefined) return hit;
      // Concurrent requests with the same uncached key share one read.
      let pending = inflight.get(hash);
      if (!pending) {
        const read = load(hash).finally(() => {
          if (inflight.get(hash) === read) inflight.delete(hash);
        });
        inflight.set(hash, read);
        pending = read;
      }
      return pending;
    },
    touch: (keyId) => lastUsed.touch(keyId),
    async close() {
      await listener.close();
      await lastUsed.close();
      forgetAll();
    },
  };
}
