import { type z } from 'zod';
import { ActionOutcome } from '../model/action';
import { LogEntry } from '../incident/entry';
import type { EventChannelName } from './channels';
import { RosterMessage } from './roster';
import { SessionInfo } from './session';

/** Everything the host pushes to the renderer, declared once. */
export const events = {
  roster: RosterMessage,
  action: ActionOutcome,
  log: LogEntry,
  session: SessionInfo.nullable(),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export { EVENT_NAMES } from './channels';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const eventNamesMatch: Same<EventName, EventChannelName> = true;
void eventNamesMatch;

/** One pushed event, tagged with its name. */
export type HostEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
