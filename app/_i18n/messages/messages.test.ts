import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAMESPACES } from "./index";

const dir = import.meta.dirname;
const read = (locale: string, ns: string) => JSON.parse(fs.readFileSync(path.join(dir, locale, `${ns}.json`), "utf8"));

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  it.each(NAMESPACES)("%s has the same keys in English and Chinese", (ns) => {
    expect(keys(read("zh-CN", ns)).sort()).toEqual(keys(read("en", ns)).sort());
  });

  it("every namespace file is listed", () => {
    const files = fs.readdirSync(path.join(dir, "en")).map((f) => path.basename(f, ".json"));
    expect([...NAMESPACES].sort()).toEqual(files.sort());
  });
});
