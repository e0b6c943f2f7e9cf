import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: `unit` needs nothing; `integration` (*.int.test.ts) gets one
// PostgreSQL per run and a fresh migrated database per test file.
//   npx vitest run --project unit | --project integration
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts"], exclude: ["**/*.int.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          globalSetup: ["server/db/testing/global-setup.ts"],
          setupFiles: ["server/db/testing/setup-database.ts"],
        },
      },
    ],
  },
});
