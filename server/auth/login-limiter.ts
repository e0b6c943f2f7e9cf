import { RateLimiterMemory } from "rate-limiter-flexible";

// Failed sign-ins are limited per (address, e-mail) and per address. Windows
// expire on their own, so an attacker slows the real user down for a quarter
// of an hour at most instead of locking the account.
const WINDOW_SECONDS = 15 * 60;
const perAccount = new RateLimiterMemory({ points: 10, duration: WINDOW_SECONDS });
const perAddress = new RateLimiterMemory({ points: 50, duration: WINDOW_SECONDS });

export type LoginThrottle = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const accountKey = (ip: string, email: string) => `${ip}|${email.trim().toLowerCase()}`;

export async function checkLoginAllowed(ip: string, email: string): Promise<LoginThrottle> {
  const [account, address] = await Promise.all([perAccount.get(accountKey(ip, email)), perAddress.get(ip)]);
  const blocked = [account, address].filter((r) => r !== null && r.remainingPoints <= 0);
  if (blocked.length === 0) return { allowed: true };
  const ms = Math.max(...blocked.map((r) => r!.msBeforeNext));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}

export async function recordLoginFailure(ip: string, email: string): Promise<void> {
  await Promise.all([
    perAccount.penalty(accountKey(ip, email), 1),
    perAddress.penalty(ip, 1),
  ]);
}

export async function recordLoginSuccess(ip: string, email: string): Promise<void> {
  await perAccount.delete(accountKey(ip, email));
}
