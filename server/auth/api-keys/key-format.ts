import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// 62^43 > 2^256, so 43 digits hold any 32 bytes; padding keeps every key the
// same length, which lets the gateway refuse malformed keys without a lookup.
const BODY_LENGTH = 43;
const KEY_PATTERN = /^sk-[0-9A-Za-z]{43}$/;

/** How many leading characters of a key are stored and shown to recognise it. */
export const DISPLAY_PREFIX_LENGTH = 12;

export function base62(bytes: Uint8Array, length: number): string {
  let n = bytes.length ? BigInt(`0x${Buffer.from(bytes).toString("hex")}`) : 0n;
  let out = "";
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(length, "0");
}

export function looksLikeApiKey(raw: string): boolean {
  return KEY_PATTERN.test(raw);
}

// A fast hash is enough: the key carries 256 random bits, so there is nothing
// to brute-force, and the gateway hashes on every request.
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function displayPrefix(key: string): string {
  return key.slice(0, DISPLAY_PREFIX_LENGTH);
}

export type GeneratedKey = { key: string; hash: string; prefix: string };

export function generateApiKey(): GeneratedKey {
  const key = `sk-${base62(randomBytes(32), BODY_LENGTH)}`;
  return { key, hash: hashApiKey(key), prefix: displayPrefix(key) };
}
