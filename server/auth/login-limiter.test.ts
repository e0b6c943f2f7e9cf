import { describe, expect, it } from "vitest";
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess } from "./login-limiter";

describe("login limiter", () => {
  it("blocks an address and e-mail after ten failures, with a retry time within the window", async () => {
    for (let i = 0; i < 10; i++) {
      expect(await checkLoginAllowed("10.0.0.1", "a@x.test")).toEqual({ allowed: true });
      await recordLoginFailure("10.0.0.1", "a@x.test");
    }
    const verdict = await checkLoginAllowed("10.0.0.1", "A@X.test");
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.retryAfterSeconds).toBeGreaterThan(14 * 60);
    // The same account from another address, and another account from this one, still get in.
    expect(await checkLoginAllowed("10.0.0.2", "a@x.test")).toEqual({ allowed: true });
    expect(await checkLoginAllowed("10.0.0.1", "b@x.test")).toEqual({ allowed: true });
  });

  it("forgets failures after a successful sign-in", async () => {
    for (let i = 0; i < 9; i++) await recordLoginFailure("10.0.0.3", "c@x.test");
    await recordLoginSuccess("10.0.0.3", "c@x.test");
    await recordLoginFailure("10.0.0.3", "c@x.test");
    expect(await checkLoginAllowed("10.0.0.3", "c@x.test")).toEqual({ allowed: true });
  });

  it("limits one address across many e-mails", async () => {
    for (let i = 0; i < 50; i++) await recordLoginFailure("10.0.0.4", `user${i}@x.test`);
    expect((await checkLoginAllowed("10.0.0.4", "fresh@x.test")).allowed).toBe(false);
  });
});
