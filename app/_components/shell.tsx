import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { navFor } from "./nav";
import { NavLinks } from "./nav-links";
import { LocaleSwitcher, SignOutButton, TenantSwitcher } from "./shell-controls";
import { TenantProvider } from "./tenant-context";
import type { Viewer } from "./viewer";

export async function Shell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  const t = await getTranslations();
  const groups = navFor({
    scopes: viewer.tenant?.scopes ?? [],
    platformScopes: viewer.platformScopes,
    departmentAdmin: (viewer.tenant?.adminOfDepartmentIds.length ?? 0) > 0,
  }).map((g) => ({
    label: t(`nav.${g.label}`),
    links: g.links.map((l) => ({ href: l.href, label: t(`nav.${l.label}`) })),
  }));
  return (
    <TenantProvider tenant={viewer.tenant}>
      <div className="shell">
        <nav className="sidebar" aria-label="main">
          <div className="brand">{t("common.appName")}</div>
          <NavLinks groups={groups} />
        </nav>
        <div>
          <header className="topbar">
            {viewer.tenants.length > 0 && (
              <TenantSwitcher tenants={viewer.tenants.map((x) => ({ slug: x.slug, name: x.name }))} current={viewer.tenant?.slug ?? ""} />
            )}
            <span className="muted" data-testid="viewer-email">{viewer.user.email}</span>
            <LocaleSwitcher />
            <SignOutButton />
          </header>
          <main className="content">{children}</main>
        </div>
      </div>
    </TenantProvider>
  );
}
