// API keys: issued and managed by the portal, looked up by the gateway.
export { createKeyCache, type KeyCache, type KeyCacheOptions } from "./cache";
export type { KeyPrincipal } from "./principal";
export { KEY_ENDPOINTS, keyAllows, keySettings, type KeyEndpoint, type KeySettings } from "./key-scopes";
export { hashApiKey, looksLikeApiKey } from "./key-format";
export { KEY_CHANGED_CHANNEL, ALL_KEYS } from "./notify";
export type { KeyActor, MemberActor, OperatorActor } from "./actor";
export { createPersonalKey, createPersonalKeyFor, createServiceKey, type CreatedKey } from "./create";
export { revokeKey, rotateKey, MAX_ROTATION_GRACE_SECONDS } from "./change";
export { keyByPrefix, listDepartmentKeys, listMyKeys, listTenantKeys } from "./list";
export type { KeyStatus, ListedKey } from "./listed-key";
