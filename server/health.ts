import { getDb } from "@/server/db";

const TIMEOUT_MS = 2000;

export async function databaseHealth(): Promise<"up" | "down"> {
  try {
    await Promise.race([
      getDb().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS).unref()),
    ]);
    return "up";
  } catch {
    return "down";
  }
}
