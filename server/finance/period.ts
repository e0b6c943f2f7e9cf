import { z } from "zod";
import { dec, type Decimal } from "@/server/economics";
import { AppError } from "@/server/errors";

// The cluster is costed by calendar month in the platform's time zone.
// Asia/Shanghai has no daylight saving, so a fixed offset is exact and month
// boundaries fall on whole UTC hours, as UsageHourly's hours do.
export const PLATFORM_TIMEZONE = "Asia/Shanghai";
const OFFSET_MS = 8 * 3_600_000;

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use YYYY-MM");
export const daySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "Use YYYY-MM-DD");

/** The instant a month (YYYY-MM) starts in the platform's time zone. */
export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00+08:00`);
}

/** The instant a day (YYYY-MM-DD) starts in the platform's time zone. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The platform month (YYYY-MM) an instant falls in. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 7);
}

/** The platform day (YYYY-MM-DD) an instant falls in. */
export function dayOf(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export type MonthBounds = {
  month: string;
  from: Date;
  /** The month's end (exclusive). */
  to: Date;
  /** What is costed: the whole month, or up to now for the current month. */
  until: Date;
  /** (until - from) / (to - from). */
  fraction: Decimal;
  complete: boolean;
};

export function monthBounds(month: string, now = new Date()): MonthBounds {
  const from = monthStart(month);
  const to = monthStart(addMonths(month, 1));
  if (from.getTime() > now.getTime()) throw new AppError("BAD_REQUEST", `${month} has not started yet`);
  const complete = to.getTime() <= now.getTime();
  const until = complete ? to : now;
  const fraction = complete ? dec(1) : dec(until.getTime() - from.getTime()).div(to.getTime() - from.getTime());
  return { month, from, to, until, fraction, complete };
}
