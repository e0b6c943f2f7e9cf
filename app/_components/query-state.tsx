"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

type QueryLike = { isPending: boolean; isError: boolean; error: { message: string } | null; refetch: () => unknown };

// Loading, error and empty states said the same way on every page.
export function QueryState({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike;
  isEmpty?: boolean;
  empty?: { title: string; hint: string };
  children: ReactNode;
}) {
  const t = useTranslations("common");
  if (query.isPending) return <p className="muted" role="status">{t("loading")}</p>;
  if (query.isError) {
    return (
      <div className="notice error" role="alert">
        {t("error", { message: query.error?.message ?? "" })} <button onClick={() => query.refetch()}>{t("retry")}</button>
      </div>
    );
  }
  if (isEmpty && empty) {
    return (
      <div className="panel" data-testid="empty-state">
        <strong>{empty.title}</strong>
        <p className="muted">{empty.hint}</p>
      </div>
    );
  }
  return <>{children}</>;
}

export function MutationError({ error }: { error: { message: string } | null }) {
  const t = useTranslations("common");
  if (!error) return null;
  return <div className="notice error" role="alert">{t("error", { message: error.message })}</div>;
}
