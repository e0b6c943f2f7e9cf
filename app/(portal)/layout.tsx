import type { ReactNode } from "react";
import { Shell } from "../_components/shell";
import { requireViewer } from "../_components/viewer";

export const dynamic = "force-dynamic";

export default async function Layout({ children }: { children: ReactNode }) {
  return <Shell viewer={await requireViewer()}>{children}</Shell>;
}
