import { expect, it } from "vitest";
import { getDb } from "@/server/db";

it("getDb() reaches this file's migrated database", async () => {
  const db = getDb();
  const created = await db.tenant.create({ data: { slug: "smoke", name: "Smoke test" } });
  const read = await db.tenant.findUniqueOrThrow({ where: { slug: "smoke" } });
  expect(read).toMatchObject({ id: created.id, name: "Smoke test", currency: "CNY" });
});
