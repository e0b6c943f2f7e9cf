import { TRPCError, type AnyProcedure } from "@trpc/server";
import { z } from "zod";
import { appRouter } from "../root";

export type ProcedureInfo = { path: string; type: "query" | "mutation" | "subscription"; shape: Record<string, z.ZodType> | null };

// Every procedure of the app router with the merged shape of its inputs, so
// that tests cover procedures added later without being edited.
export function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
  return Object.entries(procedures).map(([path, procedure]) => {
    const inputs = (procedure._def as unknown as { inputs: unknown[] }).inputs;
    const objects = inputs.filter((i): i is z.ZodObject => i instanceof z.ZodObject);
    const shape = objects.length ? Object.assign({}, ...objects.map((o) => o.shape)) : null;
    return { path, type: procedure._def.type, shape };
  });
}

type Def = { type: string; innerType?: z.ZodType; format?: string; entries?: Record<string, string>; options?: unknown[] };

// A valid value for a field, so that a call fails for the reason under test
// and not because of its input.
export function sampleValue(schema: z.ZodType): unknown {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case "optional":
    case "default":
      return undefined;
    case "nullable":
      return sampleValue(def.innerType!);
    case "string":
      if (def.format === "uuid") return "00000000-0000-4000-8000-000000000000";
      if (def.format === "email") return "sample@example.com";
      return "sample-value";
    case "number":
      return 1;
    case "boolean":
      return true;
    case "date":
      return new Date();
    case "array":
      return [];
    case "enum":
      return Object.values(def.entries!)[0];
    default:
      throw new Error(`sampleValue: no sample for zod type ${def.type}`);
  }
}

export function callProcedure(caller: object, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

// "OK", or the tRPC error code a call failed with; anything else is rethrown.
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
