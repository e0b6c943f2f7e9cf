import { redirect } from "next/navigation";
import { ssoEnabled, ssoName } from "@/server/auth/oidc";
import { getViewer } from "../_components/viewer";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await getViewer()) redirect("/portal");
  const { error } = await searchParams;
  return <SignInForm sso={ssoEnabled() ? ssoName() : null} initialError={error ?? null} />;
}
