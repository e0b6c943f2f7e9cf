import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { currentClaims } from "@/server/auth/current-user";
import { CLIENT_IP_HEADER } from "@/server/auth/client-ip";
import { isSameOriginJsonPost } from "@/server/trpc/csrf";
import { createInnerContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";

function handler(request: Request) {
  if (!isSameOriginJsonPost(request)) {
    return Response.json({ error: { message: "Cross-site request refused", code: "FORBIDDEN" } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () => createInnerContext(await currentClaims(), request.headers.get(CLIENT_IP_HEADER)),
  });
}

export { handler as GET, handler as POST };
