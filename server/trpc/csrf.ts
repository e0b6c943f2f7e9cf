// tRPC mutations are POSTs. A cross-site form or fetch cannot send JSON with
// a matching Origin, so requiring both shuts out cross-site request forgery.
export function isSameOriginJsonPost(request: Request): boolean {
  if (request.method !== "POST") return true;
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/json")) return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
