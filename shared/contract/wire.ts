import { z } from 'zod';
import { Reply } from './reply';

/**
 * Browser mode's WebSocket framing. Client → host: calls. Host → client: replies and events.
 * Payloads inside are parsed again against the contract by whoever receives them.
 */
export const WireCall = z
  .object({ t: z.literal('call'), id: z.number().int().nonnegative(), name: z.string().max(64), input: z.unknown().optional() })
  .strict();
export type WireCall = z.infer<typeof WireCall>;

export const WireReply = z.object({ t: z.literal('reply'), id: z.number().int().nonnegative(), reply: Reply }).strict();
export type WireReply = z.infer<typeof WireReply>;

export const WireEvent = z.object({ t: z.literal('event'), name: z.string().max(64), payload: z.unknown() }).strict();
export type WireEvent = z.infer<typeof WireEvent>;

export const WireFromHost = z.discriminatedUnion('t', [WireReply, WireEvent]);
export type WireFromHost = z.infer<typeof WireFromHost>;

/** Largest WebSocket message the host accepts from a client (an attendee list can be a few MB). */
export const MAX_CLIENT_MESSAGE_BYTES = 8 * 1024 * 1024;
