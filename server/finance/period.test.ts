import { describe, expect, it } from "vitest";
import { addMonths, monthBounds, monthOf, monthStart } from "./period";

describe("platform months (Asia/Shanghai)", () => {
  it("start at local midnight on the 1st", () => {
    expect(monthStart("2026-05").toISOString()).toBe("2026-04-30T16:00:00.000Z");
    expect(monthOf(new Date("2026-04-30T16:00:00Z"))).toBe("2026-05");
    expect(monthOf(new Date("2026-04-30T15:59:59Z"))).toBe("2026-04");
  });

  it("add across years", () => {
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
  });

  it("cost a month in progress up to now, a past month whole, and refuse a future one", () => {
    const now = new Date("2026-06-15T16:00:00Z"); // June 16th, 00:00 in Shanghai: 15 of 30 days
    const june = monthBounds("2026-06", now);
    expect(june.complete).toBe(false);
    expect(june.until).toEqual(now);
    expect(june.fraction.toString()).toBe("0.5");
    expect(monthBounds("2026-05", now)).toMatchObject({ complete: true });
    expect(monthBounds("2026-05", now).fraction.toString()).toBe("1");
    expect(() => monthBounds("2026-07", now)).toThrow(/not started/);
  });
});
