/**
 * Command and event names as plain constants, free of zod, so the preload can loop over them
 * without bundling schemas. `commands.ts` and `events.ts` check at compile time that these lists
 * match the contract exactly.
 */
export const COMMAND_NAMES = [
  'getOverview',
  'listMeetings',
  'attach',
  'detach',
  'getSnapshot',
  'runAction',
  'retryAction',
  'cancelAction',
  'listActions',
  'setSelection',
  'getLogTail',
  'addNote',
  'importAttendees',
  'loadRegistrants',
  'getAttendees',
  'clearAttendees',
  'getParticipantDetail',
  'getRiskSettings',
  'saveRiskSettings',
  'listLogs',
  'readLog',
  'verifyLog',
  'deleteLog',
  'markEvidence',
  'exportLog',
  'getLogSettings',
  'saveLogSettings',
  'getIdentity',
  'saveIdentity',
  'getPanicSettings',
  'savePanicSettings',
  'listScripts',
  'saveScript',
  'deleteScript',
  'startScript',
  'continueScript',
  'cancelScript',
  'getScriptRun',
  'getProviderSettings',
  'saveProviderSettings',
  'signIn',
  'signOut',
] as const;

export const EVENT_NAMES = ['roster', 'action', 'log', 'logStatus', 'session', 'script', 'shortcutStatus', 'shortcutFired'] as const;

export type CommandChannelName = (typeof COMMAND_NAMES)[number];
export type EventChannelName = (typeof EVENT_NAMES)[number];

/** IPC channel of a command (renderer → main, invoke/handle). */
export function commandChannel(name: CommandChannelName): string {
  return `hostdeck:cmd:${name}`;
}

/** IPC channel of a pushed event (main → renderer). */
export function eventChannel(name: EventChannelName): string {
  return `hostdeck:evt:${name}`;
}

/** The façade method that subscribes to an event: `roster` → `onRoster`. */
export function subscriptionName<E extends EventChannelName>(name: E): `on${Capitalize<E>}` {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as `on${Capitalize<E>}`;
}
