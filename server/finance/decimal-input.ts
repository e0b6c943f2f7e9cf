import { z } from "zod";
import { dec } from "@/server/economics";

// Money, weights and rates arrive as decimal strings and stay strings until
// the engine reads them, so nothing passes through a float on the way.
export const nonNegativeDecimalText = z
  .string()
  .trim()
  .refine((v) => {
    try {
      return dec(v).gte(0);
    } catch {
      return false;
    }
  }, "Enter a number, zero or more");
