import { describe, expect, it } from "vitest";
import { TtlLru } from "./ttl-lru";

describe("TtlLru", () => {
  it("forgets entries after their time to live", () => {
    const lru = new TtlLru<number>(10, 100);
    lru.set("a", 1, 0);
    expect(lru.get("a", 99)).toBe(1);
    expect(lru.get("a", 100)).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it("evicts the least recently used entry when full", () => {
    const lru = new TtlLru<number>(2, 1000);
    lru.set("a", 1, 0);
    lru.set("b", 2, 0);
    expect(lru.get("a", 1)).toBe(1);
    lru.set("c", 3, 2);
    expect(lru.get("b", 3)).toBeUndefined();
    expect(lru.get("a", 3)).toBe(1);
    expect(lru.get("c", 3)).toBe(3);
  });

  it("deletes and clears", () => {
    const lru = new TtlLru<number>(10, 1000);
    lru.set("a", 1, 0);
    lru.set("b", 2, 0);
    lru.delete("a");
    expect(lru.get("a", 0)).toBeUndefined();
    lru.clear();
    expect(lru.size).toBe(0);
  });
});
