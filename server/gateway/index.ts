export { createGatewayHandler } from "./handler";
export { DEFAULT_BODY_LIMIT } from "./body";
export { closeUpstreams } from "./upstream";
export type { Caller, GatewayDeps } from "./types";
