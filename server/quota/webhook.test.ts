import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { backoffMs, checkWebhookUrl, hostAllowed, isInternalAddress, signPayload } from "./webhook";

const allow = ["hooks.example.com", "*.corp.example"];

describe("webhook targets", () => {
  it.each([
    ["https://hooks.example.com/quota", true],
    ["https://a.corp.example/x", true],
    ["https://corp.example/x", false],
    ["https://evil.com/x", false],
    ["https://hooks.example.com.evil.com/x", false],
  ])("%s allowed: %s", (url, ok) => {
    expect(hostAllowed(new URL(url).hostname, allow)).toBe(ok);
  });

  it.each(["http://127.0.0.1/", "http://10.1.2.3/", "http://169.254.169.254/latest", "http://192.168.0.1/", "http://[::1]/", "http://localhost:3000/", "http://[::ffff:10.0.0.1]/", "ftp://hooks.example.com/", "https://user:pw@hooks.example.com/", "https://evil.com/"])(
    "refuses %s at configuration time",
    (url) => {
      expect(() => checkWebhookUrl(url, [...allow, "127.0.0.1", "localhost", "10.1.2.3"])).toThrow();
    },
  );

  it.each([
    ["8.8.8.8", false],
    ["172.15.0.1", false],
    ["172.16.0.1", true],
    ["100.64.0.1", true],
    ["2001:4860::1", false],
    ["fd00::1", true],
  ])("%s internal: %s", (address, internal) => {
    expect(isInternalAddress(address)).toBe(internal);
  });
});

describe("signatures and retries", () => {
  it("signs timestamp.body with HMAC-SHA256", () => {
    const expected = createHmac("sha256", "s3cret").update("1700000000.{}").digest("hex");
    expect(signPayload("s3cret", "{}", 1700000000)).toBe(`t=1700000000,v1=${expected}`);
  });
  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 20].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 3_600_000]);
  });
});
