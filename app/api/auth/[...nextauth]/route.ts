import NextAuth from "next-auth";
import { checkLoginAllowed } from "@/server/auth/login-limiter";
import { CLIENT_IP_HEADER } from "@/server/auth/client-ip";
import { authOptions } from "@/server/auth/next-auth";

const nextAuth = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Brute force gets 429 before a password is even checked. The body keeps the
// shape next-auth's client expects so the form can say what happened.
async function POST(request: Request, context: RouteContext) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request.clone().formData();
    const email = String(form.get("email") ?? "");
    const verdict = await checkLoginAllowed(request.headers.get(CLIENT_IP_HEADER) ?? "unknown", email);
    if (!verdict.allowed) {
      const url = new URL("/sign-in?error=RateLimited", request.url).toString();
      return Response.json({ url }, { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds) } });
    }
  }
  return nextAuth(request, context);
}

export { nextAuth as GET, POST };
