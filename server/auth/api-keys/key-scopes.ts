import { z } from "zod";

// What a key may call. Empty lists on a key mean "everything", so a key made
// before an endpoint or model existed keeps working with it.
export const KEY_ENDPOINTS = ["chat.completions", "completions", "models"] as const;
export type KeyEndpoint = (typeof KEY_ENDPOINTS)[number];

const MAX_KEY_MODELS = 50;
const MAX_MODEL_ID_LENGTH = 200;

const unique = <T>(items: T[]) => [...new Set(items)];

export const keyName = z.string().trim().min(1).max(100);
export const keyEndpoints = z.array(z.enum(KEY_ENDPOINTS)).max(KEY_ENDPOINTS.length * 2).transform(unique);
export const modelId = z
  .string()
  .trim()
  .min(1)
  .max(MAX_MODEL_ID_LENGTH)
  .regex(/^[\x21-\x7e]+$/, "A model id has no spaces or control characters");
export const keyModels = z.array(modelId).max(MAX_KEY_MODELS).transform(unique);
export const keyExpiry = z.date().refine((d) => d.getTime() > Date.now(), "The expiry must be in the future");

/** The settings a key is created with, and keeps when it is rotated. */
export const keySettings = z.object({
  name: keyName,
  endpoints: keyEndpoints.default([]),
  models: keyModels.default([]),
  expiresAt: keyExpiry.nullish(),
});
export type KeySettings = z.input<typeof keySettings>;
export type ParsedKeySettings = z.output<typeof keySettings>;

export function keyAllows(key: { endpoints: readonly string[]; models: readonly string[] }, endpoint: KeyEndpoint, model: string | null): boolean {
  if (key.endpoints.length > 0 && !key.endpoints.includes(endpoint)) return false;
  if (model === null || key.models.length === 0) return true;
  return key.models.includes(model);
}
