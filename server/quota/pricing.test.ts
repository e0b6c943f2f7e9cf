import { describe, expect, it } from "vitest";
import { priceTokens, rateAt, type RateRow } from "./pricing";

describe("priceTokens", () => {
  it.each([
    [{ inputPerMillion: "2", outputPerMillion: "8" }, 1_000_000, 0, "2.00000000"],
    [{ inputPerMillion: "2", outputPerMillion: "8" }, 0, 1_000_000, "8.00000000"],
    [{ inputPerMillion: "2", outputPerMillion: "8" }, 1, 1, "0.00001000"],
    [{ inputPerMillion: "0.1", outputPerMillion: "0.3" }, 7, 3, "0.00000160"],
    // Rounded once, half up, at 8 places.
    [{ inputPerMillion: "0.005", outputPerMillion: "0" }, 1, 0, "0.00000001"],
    [{ inputPerMillion: "0.004", outputPerMillion: "0" }, 1, 0, "0.00000000"],
  ])("%o x %i in + %i out = %s", (rate, prompt, completion, expected) => {
    expect(priceTokens({ ...rate, currency: "CNY" }, prompt, completion)).toBe(expected);
  });
});

describe("rateAt", () => {
  const row = (tenantId: string | null, from: string, input: string): RateRow => ({
    tenantId,
    effectiveFrom: new Date(from),
    inputPerMillion: input,
    outputPerMillion: "1",
    currency: "CNY",
  });
  const rows = [row(null, "2026-01-01", "1"), row(null, "2026-06-01", "2"), row("t1", "2026-03-01", "5"), row("t2", "2027-01-01", "9")];

  it("takes the tenant's own latest rate in force", () => {
    expect(rateAt(rows, "t1", new Date("2026-07-01"))?.inputPerMillion).toBe("5");
  });
  it("falls back to the platform's latest rate in force", () => {
    expect(rateAt(rows, "t1", new Date("2026-02-01"))?.inputPerMillion).toBe("1");
    expect(rateAt(rows, "t2", new Date("2026-07-01"))?.inputPerMillion).toBe("2");
  });
  it("has no rate before any is in force", () => {
    expect(rateAt(rows, "t3", new Date("2025-01-01"))).toBeNull();
  });
});
