import { describe, expect, it } from "vitest";
import { endOf, keyStatus } from "./listed-key";

const now = new Date("2026-01-01T00:00:00Z");
const before = new Date("2025-12-31T00:00:00Z");
const after = new Date("2026-01-02T00:00:00Z");

describe("key status", () => {
  it.each([
    [null, null, "active"],
    [null, after, "active"],
    [null, before, "expired"],
    [before, null, "revoked"],
    [before, before, "revoked"],
    // Rotated with a grace period: still working until then.
    [after, null, "active"],
  ] as const)("revokedAt %s expiresAt %s -> %s", (revokedAt, expiresAt, expected) => {
    expect(keyStatus({ revokedAt, expiresAt }, now)).toBe(expected);
  });

  it("ends at the earlier of revocation and expiry", () => {
    expect(endOf({ revokedAt: null, expiresAt: null })).toBeNull();
    expect(endOf({ revokedAt: after, expiresAt: null })).toEqual(after);
    expect(endOf({ revokedAt: after, expiresAt: before })).toEqual(before);
  });
});
