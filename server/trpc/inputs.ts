import { z } from "zod";
import { LOCALES } from "@/server/auth/users";

export const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "Use 2-40 lowercase letters, digits or hyphens, starting with a letter or digit");
export const displayName = z.string().trim().min(1).max(100);
export const email = z.email().max(254);
export const locale = z.enum(LOCALES);
export const tenantRole = z.enum(["OWNER", "ADMIN", "FINANCE", "MEMBER"]);
export const id = z.uuid();
export const timeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "Unknown time zone");
