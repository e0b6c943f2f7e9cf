import { z } from "zod";

// The server's root: the balancer appends /health, /metrics and /v1/...
const baseUrl = z
  .url({ protocol: /^https?$/, message: "Use an http:// or https:// URL, e.g. http://gpu-1:8000" })
  .max(300)
  .refine((u) => {
    const url = new URL(u);
    return !url.search && !url.hash && !/\/v1\/?$/.test(url.pathname);
  }, "Give the server's root URL, without /v1, query or fragment")
  .transform((u) => u.replace(/\/+$/, ""));

/**
 * A node as an admin describes it. Nothing here has a default, so that the
 * partial form updates only the fields it names; the database supplies the
 * defaults on create.
 */
export const nodeFields = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "Use 1-63 letters, digits, dots, hyphens or underscores"),
  baseUrl,
  model: z.string().trim().min(1).max(200),
  maxModelLen: z.int().min(256).max(10_000_000).optional(),
  gpuModel: z.string().trim().min(1).max(100).optional(),
  gpuCount: z.int().min(1).max(64).optional(),
  idleWatts: z.int().min(0).max(100_000).optional(),
  loadWatts: z.int().min(0).max(100_000).optional(),
  weight: z.int().min(1).max(1000).optional(),
  maxConcurrency: z.int().min(1).max(100_000).optional(),
});

export const nodeChanges = nodeFields.partial();

export type NodeSpec = z.infer<typeof nodeFields>;
export type NodeChanges = z.infer<typeof nodeChanges>;
