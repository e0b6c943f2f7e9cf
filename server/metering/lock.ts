import fs from "node:fs/promises";
import path from "node:path";

// One recorder per journal folder: two appenders would interleave segments
// and race on the checkpoint. A lock left by a killed process is taken over.
export async function lockJournalDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, "LOCK");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: "wx" });
      return () => fs.rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number(await fs.readFile(file, "utf8").catch(() => ""));
    if (holder && isAlive(holder)) throw new Error(`Usage journal ${dir} is in use by process ${holder}`);
    await fs.rm(file, { force: true });
  }
  throw new Error(`Could not lock usage journal ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
