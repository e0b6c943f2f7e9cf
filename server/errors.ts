// The one error type that services throw. It is translated only at the edges:
// the tRPC error formatter, and OpenAI-style JSON on the /v1 data plane.
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "PAYLOAD_TOO_LARGE"
  | "UNAVAILABLE";

// reason: a machine-readable cause that protocols can surface (the OpenAI
// error's `code`, e.g. "invalid_api_key"); param: the offending field.
export type AppErrorDetails = { reason?: string; param?: string };

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: AppErrorDetails;

  constructor(code: AppErrorCode, message: string, details: AppErrorDetails = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You do not have permission to do this") =>
  new AppError("FORBIDDEN", message);
export const conflict = (message: string) => new AppError("CONFLICT", message);
