import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { withClient } from "./admin";
import { applyMigrations } from "./migrate";
import { loadMigrations } from "./migrations-dir";
import { MIGRATIONS_DIR, SCHEMA_PATH } from "./paths";
import { diffDatabaseToSchema, withSchemaEngine } from "./schema-engine";
import { createTestDatabase } from "./testing/test-database";

async function emptyDatabase(): Promise<string> {
  const database = await createTestDatabase({ migrated: false });
  onTestFinished(database.drop);
  return database.url;
}

async function history(url: string) {
  const { rows } = await withClient(url, (client) =>
    client.query<{ migration_name: string; checksum: string; applied_steps_count: number }>(
      `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    ),
  );
  return rows;
}

describe("schema.prisma and prisma/migrations", () => {
  it("agree: a database with every migration applied needs no change", async () => {
    expect(await diffDatabaseToSchema(process.env.DATABASE_URL!)).toBe("");
  });

  it("disagree once a column is dropped by hand", async () => {
    const database = await createTestDatabase({ migrated: true });
    onTestFinished(database.drop);
    const column = await withClient(database.url, async (client) => {
      // Any nullable column will do; picked at run time so the schema can evolve.
      const { rows } = await client.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' AND is_nullable = 'YES'
         ORDER BY table_name, column_name LIMIT 1`,
      );
      const found = rows[0]!;
      await client.query(`ALTER TABLE "${found.table_name}" DROP COLUMN "${found.column_name}"`);
      return found;
    });
    const sql = await diffDatabaseToSchema(database.url);
    expect(sql).toMatch(new RegExp(`ALTER TABLE "${column.table_name}" ADD COLUMN\\s+"${column.column_name}"`));
  });
});

describe("applyMigrations", () => {
  it("applies every migration once and records Prisma's checksums", async () => {
    const url = await emptyDatabase();
    const migrations = await loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);

    expect((await applyMigrations(url)).applied).toEqual(migrations.map((m) => m.name));
    expect((await applyMigrations(url)).applied).toEqual([]);
    expect(await history(url)).toEqual(
      migrations.map((m) => ({ migration_name: m.name, checksum: m.checksum, applied_steps_count: 1 })),
    );
  });

  it("applies each migration once when several processes start together", async () => {
    const url = await emptyDatabase();
    const runs = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    const names = (await loadMigrations()).map((m) => m.name);
    expect(runs.flatMap((run) => run.applied).sort()).toEqual(names);
    expect((await history(url)).map((row) => row.migration_name)).toEqual(names);
  });

  it("leaves a history that Prisma's own engine reads as complete and unedited", async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const migrations = await loadMigrations();
    const migrationsList = {
      baseDir: MIGRATIONS_DIR,
      lockfile: { path: "migration_lock.toml", content: await fs.readFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8") },
      shadowDbInitScript: "",
      migrationDirectories: migrations.map((m) => ({
        path: m.name,
        migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: m.sql } },
      })),
    };
    const filters = { externalTables: [], externalEnums: [] };
    await withSchemaEngine(url, SCHEMA_PATH, async (engine) => {
      const diagnosis = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters });
      expect(diagnosis).toMatchObject({ history: null, editedMigrationNames: [], failedMigrationNames: [] });
      expect(await engine.applyMigrations({ migrationsList, filters })).toEqual({ appliedMigrationNames: [] });
    });
  });

  it("refuses a migration edited after it was applied", async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    await applyMigrations(url, dir);
    const [first] = await loadMigrations(dir);
    await fs.appendFile(path.join(dir, first!.name, "migration.sql"), "\n-- edited\n");
    await expect(applyMigrations(url, dir)).rejects.toThrow(`migration ${first!.name} was modified after it was applied`);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    const url = await emptyDatabase();
    const dir = await copyOfMigrations();
    const broken = "99999999999999_broken";
    await fs.mkdir(path.join(dir, broken));
    await fs.writeFile(
      path.join(dir, broken, "migration.sql"),
      `CREATE TABLE "Half" (id INT);\nDO $$ BEGIN RAISE EXCEPTION 'boom; not split here'; END $$;\n`,
    );
    await expect(applyMigrations(url, dir)).rejects.toThrow(`migration ${broken} failed: boom; not split here`);
    const names = (await history(url)).map((row) => row.migration_name);
    expect(names).not.toContain(broken);
    const half = await withClient(url, (client) => client.query(`SELECT to_regclass('"Half"') AS t`));
    expect(half.rows[0].t).toBeNull();
  });
});

async function copyOfMigrations(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-"));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}
