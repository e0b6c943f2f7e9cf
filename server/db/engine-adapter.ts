import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { createDatabase, databaseUrl, dropDatabase } from "./admin";

// Works around three faults of @prisma/adapter-pg 7.10 when the schema
// engine (rather than the query engine) drives it. See
// /work/shared/notes/toolchain.md, "Prisma 7 offline".

const CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_class.relkind, ...)
const TEXT_OID = 25;
const charColumns = new WeakMap<unknown[], number[]>();

/**
 * The adapter rejects "char" columns, which introspection reads. This client
 * presents them as text so the adapter accepts the result, and remembers
 * where they were so that `reportCharColumns` can type them as Character:
 * typed as Text, the engine panics and takes the process down.
 */
class CharAwareClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result?: pg.QueryResult) => {
        if (result) retagCharColumns(result);
        last(error, result);
      };
    }
    const returned: unknown = Reflect.apply(pg.Client.prototype.query, this, args);
    if (returned instanceof Promise) return returned.then(retagCharColumns) as never;
    return returned as never;
  }
}

function retagCharColumns<R>(result: R): R {
  const { fields, rows } = result as Partial<pg.QueryResult>;
  if (!fields || !rows) return result;
  const positions = fields.flatMap((field, i) => (field.dataTypeID === CHAR_OID ? [i] : []));
  for (const i of positions) fields[i]!.dataTypeID = TEXT_OID;
  if (positions.length > 0) charColumns.set(rows, positions);
  return result;
}

function reportCharColumns<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const i of charColumns.get(resultSet.rows) ?? []) resultSet.columnTypes[i] = ColumnTypeEnum.Character;
    return resultSet;
  };
  return queryable;
}

function patchAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  reportCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => reportCharColumns(await startTransaction(isolationLevel));
  // The adapter splits scripts on ";", which breaks `DO $$ ... $$` blocks and
  // atomicity; a simple-protocol query takes the script whole.
  const pool = (adapter as unknown as { underlyingDriver(): pg.Pool }).underlyingDriver();
  adapter.executeScript = async (script) => {
    await pool.query(script);
  };
  return adapter;
}

/**
 * Adapter factory for the schema engine. The stock one, given a connection
 * string, opens its "shadow database" on the main database (the string's
 * database name wins over the one it sets) and drops it before closing it.
 */
export class EngineAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(private readonly connectionString: string) {
    this.adapterName = this.stockFactory(connectionString).adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await this.stockFactory(this.connectionString).connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await createDatabase(this.connectionString, name);
    const adapter = await this.stockFactory(databaseUrl(this.connectionString, name)).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await dropDatabase(this.connectionString, name);
    };
    return this.track(adapter);
  }

  /** Releases whatever the engine left open, so the process can exit. */
  async close(): Promise<void> {
    await Promise.all([...this.open].map((adapter) => adapter.dispose()));
  }

  private stockFactory(connectionString: string): PrismaPg {
    return new PrismaPg({ connectionString, Client: CharAwareClient });
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    patchAdapter(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!this.open.delete(adapter)) return;
      await dispose();
    };
    this.open.add(adapter);
    return adapter;
  }
}
