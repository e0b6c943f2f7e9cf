import { describe, expect, it } from "vitest";
import { formatDateTime, formatMoney } from "./format";

describe("formatMoney", () => {
  it.each([
    ["63000", "zh-CN", "¥63,000.00"],
    ["63000", "en", "CN¥63,000.00"],
    ["4204.8", "zh-CN", "¥4,204.80"],
    ["0.005", "zh-CN", "¥0.01"],
    ["12345678901234.565", "en", "CN¥12,345,678,901,234.57"],
  ])("%s in %s", (amount, locale, expected) => {
    expect(formatMoney(amount, locale)).toBe(expected);
  });
});

describe("formatDateTime", () => {
  it("shows the tenant's time zone", () => {
    expect(formatDateTime("2026-12-04T16:30:00Z", "en")).toBe("Dec 5, 2026, 12:30 AM");
  });
});
