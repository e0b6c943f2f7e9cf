import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { EngineAdapterFactory } from "./engine-adapter";
import { SCHEMA_PATH } from "./paths";

// Prisma's schema engine compiled to WASM, driven through @prisma/adapter-pg:
// the native engine binary cannot be downloaded on these machines.

let loaded: Promise<typeof glue.SchemaEngine> | undefined;

function loadEngine(): Promise<typeof glue.SchemaEngine> {
  loaded ??= (async () => {
    // The .wasm shipped with the prisma CLI is the build that matches it;
    // @prisma/schema-engine-wasm only provides the JS glue (identical ABI).
    const prismaDir = path.dirname(createRequire(import.meta.url).resolve("prisma/package.json"));
    const bytes = await fs.readFile(path.join(prismaDir, "build/schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    // Without a registry, a Rust panic surfaces as a bare "unreachable".
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= new PanicRegistry();
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return loaded;
}

class PanicRegistry {
  private message = "";
  get(): string {
    return this.message;
  }
  set_message(message: string): void {
    this.message = `RuntimeError: ${message}`;
  }
}

interface SchemaFile {
  path: string;
  content: string;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Runs `work` with an engine connected to the database; always releases it. */
export async function withSchemaEngine<T>(
  connectionString: string,
  schemaPath: string,
  work: (engine: SchemaEngine, schema: SchemaFile) => Promise<T>,
): Promise<T> {
  const SchemaEngineClass = await loadEngine();
  const schema = { path: schemaPath, content: await fs.readFile(schemaPath, "utf8") };
  const factory = new EngineAdapterFactory(connectionString);
  const log = process.env.DEBUG_SCHEMA_ENGINE === "1" ? (line: string) => console.error(line) : () => undefined;
  const engine = await SchemaEngineClass.new(
    { datamodels: [[schema.path, schema.content]] },
    log,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await work(engine, schema);
  } finally {
    engine.free();
    await factory.close();
  }
}

/**
 * The SQL that would bring the live database to `schema.prisma`; "" when
 * they already agree.
 */
export async function diffDatabaseToSchema(connectionString: string, schemaPath: string = SCHEMA_PATH): Promise<string> {
  return withSchemaEngine(connectionString, path.resolve(schemaPath), async (engine, schema) => {
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [schema], configDir: path.dirname(schema.path) },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    // exitCode 2 means "there is a difference"; otherwise stdout holds a
    // comment saying the migration is empty.
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  });
}
