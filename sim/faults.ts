/** Fault injection: what a node can be told to do wrong, per node, at start-up or at run time. */
import { z } from "zod";

const count = z.number().int().min(0);

const faultsSchema = z.strictObject({
  /** Close the listening socket and reset open connections; with `forMs`, reopen after that long. */
  refuseConnections: z.strictObject({ forMs: count.optional() }).optional(),
  /** Answer completions with an error status instead of serving them. */
  fail: z
    .strictObject({
      rate: z.number().min(0).max(1).default(1),
      status: z.union([z.literal(500), z.literal(503)]).default(503),
      /** Only the next `count` requests (then the fault disarms itself). */
      count: count.optional(),
    })
    .optional(),
  /** Send nothing until `ms` have passed (or, without `ms`, until the client gives up). */
  hang: z.strictObject({ ms: count.optional(), rate: z.number().min(0).max(1).default(1) }).optional(),
  /** Reset the connection (TCP RST) once this many tokens have been sent. */
  resetAfterTokens: count.optional(),
  /** Send vLLM's mid-stream error event once this many tokens have been sent. */
  errorAfterTokens: count.optional(),
  /** Leave `usage` out of responses and streams, even when asked for. */
  omitUsage: z.boolean().optional(),
  /** Make every engine step this many times slower. */
  slowdown: z.number().positive().optional(),
  /** `/health` answers 503, as vLLM does when its engine died. */
  unhealthy: z.boolean().optional(),
});

export type Faults = z.input<typeof faultsSchema>;
export type ActiveFaults = z.output<typeof faultsSchema>;

export function parseFaults(input: unknown): ActiveFaults {
  return faultsSchema.parse(input);
}

export type RequestFault =
  | { kind: "fail"; status: 500 | 503 }
  | { kind: "hang"; ms: number | undefined }
  | { kind: "none" };

/** Decides, for one completion request, which of the armed request-level faults fires. */
export function drawRequestFault(faults: ActiveFaults, random: () => number): RequestFault {
  const fail = faults.fail;
  if (fail && (fail.count === undefined || fail.count > 0) && random() < fail.rate) {
    if (fail.count !== undefined) fail.count -= 1;
    return { kind: "fail", status: fail.status };
  }
  const hang = faults.hang;
  if (hang && random() < hang.rate) return { kind: "hang", ms: hang.ms };
  return { kind: "none" };
}
