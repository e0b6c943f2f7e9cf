"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { TenantScope } from "@/server/auth/scopes";

export type CurrentTenant = { id: string; slug: string; name: string; currency: string; timezone: string; role: string; scopes: TenantScope[] };

const TenantContext = createContext<CurrentTenant | null>(null);

export function TenantProvider({ tenant, children }: { tenant: CurrentTenant | null; children: ReactNode }) {
  return <TenantContext.Provider value={tenant}>{children}</TenantContext.Provider>;
}

export function useTenant(): CurrentTenant {
  const tenant = useContext(TenantContext);
  if (!tenant) throw new Error("useTenant outside a tenant page");
  return tenant;
}

export function useCan(scope: TenantScope): boolean {
  return useContext(TenantContext)?.scopes.includes(scope) ?? false;
}
