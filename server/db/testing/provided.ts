/** What the integration global setup hands to test files through `inject`. */
export interface TestDatabaseServer {
  /** Any database of the test server; used for CREATE/DROP DATABASE only. */
  serverUrl: string;
  /** A database with every migration applied, copied for each test file. */
  template: string;
  /** Prefix of the databases this run creates. */
  prefix: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseServer: TestDatabaseServer;
  }
}
