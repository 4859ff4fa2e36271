import { z } from 'zod';

/**
 * Identifiers that cross the process boundary. They are opaque, but bounded and printable so a
 * hostile peer cannot smuggle megabytes or control characters through an id field.
 */
export const Id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');
export type Id = z.infer<typeof Id>;

/** Action ids are chosen by the client (renderer) so an outcome can be matched before the reply. */
export const ActionId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only');
export type ActionId = z.infer<typeof ActionId>;

/** Milliseconds since the Unix epoch (UTC). */
export const EpochMs = z.number().int().nonnegative();
export type EpochMs = z.infer<typeof EpochMs>;
