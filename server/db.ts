import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/generated/prisma/client";

export type { Prisma } from "@/server/generated/prisma/client";
export type Db = PrismaClient;

// One client per process. Created on first use so that the process (or a
// test file) can settle DATABASE_URL before anything touches the database.
const globalRef = globalThis as unknown as { __portalPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

export function getDb(): PrismaClient {
  globalRef.__portalPrisma ??= createClient();
  return globalRef.__portalPrisma;
}

export async function disconnectDb(): Promise<void> {
  const client = globalRef.__portalPrisma;
  globalRef.__portalPrisma = undefined;
  await client?.$disconnect();
}
