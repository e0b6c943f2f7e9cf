import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Session cookies are signed with NEXTAUTH_SECRET. Without one configured, a
// random secret is made once and kept under the data folder so that sessions
// survive restarts of a local install.
export function ensureAuthSecret(dataDir: string): void {
  if (process.env.NEXTAUTH_SECRET) return;
  if (process.env.AUTH_SECRET) {
    process.env.NEXTAUTH_SECRET = process.env.AUTH_SECRET;
    return;
  }
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}
