import { z } from 'zod';

/**
 * The wire between the Zoom provider (in the host) and the Zoom meeting bridge: a dedicated,
 * sandboxed window running Zoom's Meeting SDK for Web (Component View). The Electron shell only
 * relays these messages; both ends parse them. SDK payloads travel as `unknown` and are parsed by
 * the provider, because whatever the SDK hands over is as hostile as any platform payload.
 */

/** SDK user ids are small positive integers assigned per meeting connection. */
const SdkUserId = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 53);

/** What the bridge needs to join as the host. The signature and ZAK are short-lived secrets. */
export const ZoomJoinRequest = z
  .object({
    meetingNumber: z.string().regex(/^\d{9,12}$/, 'a Zoom meeting number has 9 to 12 digits'),
    password: z.string().max(100).optional(),
    /** The Meeting SDK JWT (signed with the SDK secret, by the organization's endpoint or locally). */
    signature: z.string().min(20).max(4000),
    /** The host's ZAK, so the SDK starts the meeting as its host. */
    zak: z.string().min(1).max(4000),
    userName: z.string().min(1).max(100),
    language: z.enum(['en-US', 'id-ID']).default('en-US'),
  })
  .strict();
export type ZoomJoinRequest = z.infer<typeof ZoomJoinRequest>;

/** One host control, as the bridge calls it on the SDK client. */
export const ZoomBridgeCommand = z.discriminatedUnion('op', [
  z.object({ op: z.literal('expel'), userId: SdkUserId }).strict(),
  z.object({ op: z.literal('mute'), userId: SdkUserId, mute: z.boolean() }).strict(),
  z.object({ op: z.literal('muteAll'), mute: z.boolean() }).strict(),
  z.object({ op: z.literal('lockMeeting'), lock: z.boolean() }).strict(),
  z.object({ op: z.literal('putOnHold'), userId: SdkUserId, hold: z.boolean() }).strict(),
  z.object({ op: z.literal('admit'), userId: SdkUserId }).strict(),
  z.object({ op: z.literal('admitAll') }).strict(),
  z.object({ op: z.literal('endMeeting') }).strict(),
  z.object({ op: z.literal('attendees') }).strict(),
]);
export type ZoomBridgeCommand = z.infer<typeof ZoomBridgeCommand>;
export type ZoomBridgeOp = ZoomBridgeCommand['op'];

/**
 * The SDK's answer to one command: `ok`, or its documented failure type and reason
 * (`INSUFFICIENT_PRIVILEGES`, `INVALID_PARAMETERS`, `OPERATION_TIMEOUT`, …). `attendees` answers
 * with the current list.
 */
export const ZoomBridgeResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), attendees: z.array(z.unknown()).max(10_000).optional() }).strict(),
  z.object({ ok: z.literal(false), type: z.string().max(64), reason: z.string().max(1000) }).strict(),
]);
export type ZoomBridgeResult = z.infer<typeof ZoomBridgeResult>;

/** SDK events the bridge forwards (Component View `client.on(...)` names). */
export const ZOOM_SDK_EVENTS = ['user-added', 'user-removed', 'user-updated', 'peer-share-state-change', 'connection-change'] as const;
export const ZoomSdkEventName = z.enum(ZOOM_SDK_EVENTS);
export type ZoomSdkEventName = z.infer<typeof ZoomSdkEventName>;

/** What the bridge reports on its own. */
export const ZoomBridgeMessage = z.discriminatedUnion('type', [
  /** Joined as host: the SDK's own user id, the topic and the attendee list at that moment. */
  z
    .object({
      type: z.literal('joined'),
      selfUserId: SdkUserId.optional(),
      isHost: z.boolean(),
      topic: z.string().max(500).optional(),
      attendees: z.array(z.unknown()).max(10_000),
    })
    .strict(),
  z.object({ type: z.literal('joinFailed'), reason: z.string().max(1000) }).strict(),
  z.object({ type: z.literal('event'), name: ZoomSdkEventName, payload: z.unknown() }).strict(),
  /** The bridge window was closed or crashed: the SDK is gone. */
  z.object({ type: z.literal('closed'), reason: z.string().max(1000) }).strict(),
]);
export type ZoomBridgeMessage = z.infer<typeof ZoomBridgeMessage>;
