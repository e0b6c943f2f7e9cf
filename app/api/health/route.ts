import { databaseHealth } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await databaseHealth();
  return Response.json({ status: database === "up" ? "ok" : "degraded", database }, { status: database === "up" ? 200 : 503 });
}
