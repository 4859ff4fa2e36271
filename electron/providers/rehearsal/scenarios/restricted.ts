import type { CapabilityName } from '../../../../shared/model/capability';
import type { Scenario } from '../timeline';
import { intrusionScenario } from './intrusion';

/**
 * The same intrusion on a platform whose API can only lock, hold newcomers, restrict sharing and
 * chat, and end the meeting (roughly what Google Meet's API allows): the drill for doing the best
 * with less.
 */
const MISSING: readonly CapabilityName[] = [
  'eject',
  'ban',
  'mute',
  'unmute',
  'stopVideo',
  'stopShare',
  'moveToWaitingRoom',
  'admit',
  'deny',
  'admitAll',
  'denyAll',
  'muteAll',
  'preventUnmute',
  'stopAllVideo',
  'preventVideo',
  'stopAllShares',
  'postChat',
];

export const restrictedScenario: Scenario = {
  id: 'restricted',
  title: 'Intrusion drill on a restricted platform',
  description:
    'The same intrusion, on a platform whose API cannot remove or mute anyone: lock, hold newcomers, restrict sharing and chat, and end the meeting if you must.',
  disabled: MISSING,
  build: (seed) => ({ ...intrusionScenario.build(seed), title: 'Intrusion drill on a restricted platform' }),
};
