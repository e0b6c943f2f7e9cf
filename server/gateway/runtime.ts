import type { GatewayDeps } from "./types";

// The pool, recorder and key cache live once per process, created by the
// server at start-up. Next bundles its own copies of these modules, so the
// instances are shared through globalThis rather than module state.
const KEY = Symbol.for("inference-cost-portal.gateway-runtime");
type Holder = { [KEY]?: GatewayDeps };

export function setGatewayRuntime(deps: GatewayDeps | null): void {
  (globalThis as Holder)[KEY] = deps ?? undefined;
}

export function getGatewayRuntime(): GatewayDeps | null {
  return (globalThis as Holder)[KEY] ?? null;
}
