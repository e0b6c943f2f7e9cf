import pino from "pino";

// Structured JSON logs. Secrets are redacted by path as a second line of
// defence; the first is never to log them at all.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  redact: {
    paths: ["password", "*.password", "apiKey", "*.apiKey", "authorization", "*.authorization", "headers.authorization", "headers.cookie"],
    censor: "[redacted]",
  },
});
