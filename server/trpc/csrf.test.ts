import { describe, expect, it } from "vitest";
import { isSameOriginJsonPost } from "./csrf";

const post = (headers: Record<string, string>) =>
  new Request("http://portal.local:3000/api/trpc/x", { method: "POST", headers, body: "{}" });

describe("isSameOriginJsonPost", () => {
  it.each([
    ["same origin JSON", { host: "portal.local:3000", origin: "http://portal.local:3000", "content-type": "application/json" }, true],
    ["JSON with charset", { host: "portal.local:3000", origin: "http://portal.local:3000", "content-type": "application/json; charset=utf-8" }, true],
    ["other origin", { host: "portal.local:3000", origin: "http://evil.example", "content-type": "application/json" }, false],
    ["no origin", { host: "portal.local:3000", "content-type": "application/json" }, false],
    ["form post", { host: "portal.local:3000", origin: "http://portal.local:3000", "content-type": "application/x-www-form-urlencoded" }, false],
    ["text/plain", { host: "portal.local:3000", origin: "http://portal.local:3000", "content-type": "text/plain" }, false],
    ["garbage origin", { host: "portal.local:3000", origin: "null", "content-type": "application/json" }, false],
  ])("%s", (_name, headers, expected) => {
    expect(isSameOriginJsonPost(post(headers))).toBe(expected);
  });

  it("lets GET queries through", () => {
    expect(isSameOriginJsonPost(new Request("http://portal.local:3000/api/trpc/x"))).toBe(true);
  });
});
