import { z } from 'zod';
import type { PlatformIntent } from './action';

/**
 * What a provider may be able to do through its platform's API. Lock and unlock are one
 * capability; each persistent meeting control is one capability.
 */
export const CAPABILITIES = [
  'eject',
  'ban',
  'mute',
  'unmute',
  'stopVideo',
  'stopShare',
  'moveToWaitingRoom',
  'admit',
  'deny',
  'lock',
  'waitingRoom',
  'admitAll',
  'denyAll',
  'muteAll',
  'preventUnmute',
  'stopAllVideo',
  'preventVideo',
  'stopAllShares',
  'preventShare',
  'disableChat',
  'postChat',
  'endForAll',
] as const;
export const CapabilityName = z.enum(CAPABILITIES);
export type CapabilityName = z.infer<typeof CapabilityName>;

/** Whether a provider can perform a capability through its platform's API, and if not, why. */
export const CapabilityStatus = z.discriminatedUnion('available', [
  z
    .object({
      available: z.literal(true),
      /**
       * The platform only asks the participant, who decides (Zoom's unmute): the action is confirmed
       * once the request is delivered, not once it took effect, and the panel words it as a request.
       */
      asksParticipant: z.literal(true).optional(),
    })
    .strict(),
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
  Object.fromEntries(CAPABILITIES.map((name) => [name, CapabilityStatus])) as Record<CapabilityName, typeof CapabilityStatus>,
);
export type Capabilities = Record<CapabilityName, CapabilityStatus>;

/** Every capability available: the rehearsal default. */
export function allCapabilities(): Capabilities {
  return Object.fromEntries(CAPABILITIES.map((name) => [name, { available: true }])) as Capabilities;
}

/** A capability set where only `available` are available, the rest unavailable with `reason`. */
export function onlyCapabilities(
  available: readonly CapabilityName[],
  unavailable: (name: CapabilityName) => { reason: string; alternative?: string },
): Capabilities {
  return Object.fromEntries(
    CAPABILITIES.map((name) => [name, available.includes(name) ? { available: true } : { available: false, ...unavailable(name) }]),
  ) as Capabilities;
}

/** The capabilities one platform action needs (a mute-all that prevents unmuting needs both). */
export function capabilitiesFor(action: PlatformIntent): CapabilityName[] {
  switch (action.kind) {
    case 'unlock':
      return ['lock'];
    case 'setWaitingRoom':
      return ['waitingRoom'];
    case 'muteAll':
      return action.preventUnmute ? ['muteAll', 'preventUnmute'] : ['muteAll'];
    case 'setAllowUnmute':
      return ['preventUnmute'];
    case 'stopAllVideo':
      return action.preventStart ? ['stopAllVideo', 'preventVideo'] : ['stopAllVideo'];
    case 'setAllowVideo':
      return ['preventVideo'];
    case 'stopAllShares':
      return action.preventStart ? ['stopAllShares', 'preventShare'] : ['stopAllShares'];
    case 'setAllowShare':
      return ['preventShare'];
    case 'setChat':
      return ['disableChat'];
    default:
      return [action.kind];
  }
}

/** Why a platform action cannot be done, or undefined when every capability it needs is there. */
export function capabilityRefusal(capabilities: Capabilities, action: PlatformIntent): string | undefined {
  for (const name of capabilitiesFor(action)) {
    const status = capabilities[name];
    if (!status.available) return status.alternative ? `${status.reason} ${status.alternative}` : status.reason;
  }
  return undefined;
}

/** Whether the platform only asks the participant to do what `action` wants (e.g. Zoom's unmute). */
export function onlyAsksParticipant(capabilities: Capabilities, action: PlatformIntent): boolean {
  return capabilitiesFor(action).some((name) => {
    const status = capabilities[name];
    return status.available && status.asksParticipant === true;
  });
}
