import path from "node:path";

// Local state of an install without DATABASE_URL: the embedded PostgreSQL,
// the session secret. DATA_DIR moves it (tests use a throwaway one).
export const DATA_DIR = path.resolve(import.meta.dirname, "..", process.env.DATA_DIR ?? ".data");
export const PG_DATA_DIR = path.join(DATA_DIR, "pg");
