import type { IncomingMessage } from "node:http";
import type { KeyCache, KeyPrincipal } from "@/server/auth/api-keys";
import { AppError } from "@/server/errors";

const missing = () =>
  new AppError(
    "UNAUTHORIZED",
    "You didn't provide an API key. Send it in the Authorization header as 'Bearer sk-...'; keys are created in the portal under My API keys.",
    { reason: "invalid_api_key" },
  );
const invalid = () => new AppError("UNAUTHORIZED", "Incorrect, revoked or expired API key provided.", { reason: "invalid_api_key" });

export async function authenticate(req: IncomingMessage, keys: KeyCache): Promise<KeyPrincipal> {
  const header = req.headers.authorization;
  if (!header) throw missing();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw missing();
  const principal = await keys.lookup(match[1]!);
  if (!principal) throw invalid();
  keys.touch(principal.keyId);
  return principal;
}
