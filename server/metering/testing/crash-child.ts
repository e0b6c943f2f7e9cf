// Records usage events in waves of 100 and reports each acknowledged wave on
// stdout, never flushing to PostgreSQL, until the parent test kills it.
//   node --import tsx server/metering/testing/crash-child.ts <journalDir> <databaseUrl> <tenantId> <departmentId>
import { createRecorder } from "../recorder";
import { sampleEvent } from "./events";

const [journalDir, connectionString, tenantId, departmentId] = process.argv.slice(2);
if (!journalDir || !connectionString || !tenantId || !departmentId) throw new Error("usage: crash-child <journalDir> <databaseUrl> <tenantId> <departmentId>");

const recorder = await createRecorder({ journalDir, connectionString, flushIntervalMs: 3_600_000 });
for (let wave = 0; ; wave++) {
  const events = Array.from({ length: 100 }, (_, i) => sampleEvent({ tenantId, departmentId, requestId: `crash-${wave * 100 + i}` }));
  await Promise.all(events.map((e) => recorder.record(e)));
  process.stdout.write(`acked ${wave * 100 + 99}\n`);
}
