import { z } from 'zod';
import { ACTION_KINDS, type ActionKind } from './action';

/** Whether a provider can perform an action through its platform's API, and if not, why. */
export const CapabilityStatus = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true) }).strict(),
  z
    .object({
      available: z.literal(false),
      /** One line: why the platform cannot do it. */
      reason: z.string().max(300),
      /** The best thing to do instead. */
      alternative: z.string().max(300).optional(),
    })
    .strict(),
]);
export type CapabilityStatus = z.infer<typeof CapabilityStatus>;

export const Capabilities = z.object(
  Object.fromEntries(ACTION_KINDS.map((kind) => [kind, CapabilityStatus])) as Record<ActionKind, typeof CapabilityStatus>,
);
export type Capabilities = Record<ActionKind, CapabilityStatus>;

/** Every action available: the rehearsal default. */
export function allCapabilities(): Capabilities {
  return Object.fromEntries(ACTION_KINDS.map((kind) => [kind, { available: true }])) as Capabilities;
}
