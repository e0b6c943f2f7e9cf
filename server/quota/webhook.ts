import { createHmac } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { AppError } from "@/server/errors";

// Webhook targets: https (or http) URLs whose host is on the operator's
// allowlist (QUOTA_WEBHOOK_ALLOWLIST: exact hosts, or "*.example.com"), and
// never a loopback, private, link-local or otherwise internal address, so
// that the portal cannot be made to call its own network.

export function hostAllowed(host: string, allowlist: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return allowlist.some((entry) => (entry.startsWith("*.") ? h.endsWith(entry.slice(1)) && h.length > entry.length - 1 : h === entry));
}

const PRIVATE_V4: [number, number][] = [
  [0x00000000, 8], // 0.0.0.0/8
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 (carrier-grade NAT)
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local, cloud metadata
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // 192.0.0/24
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15
  [0xe0000000, 3], // multicast and reserved
];

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) {
    const n = address.split(".").reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
    return PRIVATE_V4.some(([base, bits]) => n >>> (32 - bits) === base >>> (32 - bits));
  }
  if (family === 6) {
    const a = address.toLowerCase();
    if (a === "::" || a === "::1") return true;
    const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped) return isInternalAddress(mapped[1]!);
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(a);
  }
  return true;
}

/** Checks a webhook URL when it is configured; returns it normalised or throws. */
export function checkWebhookUrl(raw: string, allowlist: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("BAD_REQUEST", "The webhook URL is not a valid URL", { param: "webhookUrl" });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AppError("BAD_REQUEST", "The webhook URL must use https", { param: "webhookUrl" });
  if (url.username || url.password) throw new AppError("BAD_REQUEST", "The webhook URL must not carry credentials", { param: "webhookUrl" });
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && isInternalAddress(host)) throw new AppError("BAD_REQUEST", "The webhook URL points at an internal address", { param: "webhookUrl" });
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) {
    throw new AppError("BAD_REQUEST", "The webhook URL points at an internal host", { param: "webhookUrl" });
  }
  if (!hostAllowed(host, allowlist)) {
    throw new AppError("BAD_REQUEST", `The webhook host "${host}" is not on the allowlist (QUOTA_WEBHOOK_ALLOWLIST)`, { param: "webhookUrl" });
  }
  return url.toString();
}

/** Resolves the host at delivery time too: a name that now points inside is refused (DNS rebinding). */
export async function assertPublicTarget(url: string, allowInternal = false): Promise<void> {
  if (allowInternal) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  if (addresses.some((a) => isInternalAddress(a.address))) throw new Error(`webhook host ${host} resolves to an internal address`);
}

/** The signature header: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, as Stripe does. */
export function signPayload(secret: string, body: string, timestamp: number): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** Exponential backoff with a cap: 10 s, 20 s, 40 s … 1 h. */
export function backoffMs(attempt: number): number {
  return Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempt - 1));
}

export const MAX_ATTEMPTS = 8;
