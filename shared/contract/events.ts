import { z } from 'zod';
import { ActionOutcome } from '../model/action';
import { EpochMs } from '../model/ids';
import { LogEntry } from '../incident/entry';
import type { EventChannelName } from './channels';
import { RosterMessage } from './roster';
import { SessionInfo } from './session';
import { ScriptRunSchema } from '../flows/script';
import { SHORTCUT_COMMANDS, type ShortcutCommand } from '../model/panic';

/** Everything the host pushes to the renderer, declared once. */
export const events = {
  roster: RosterMessage,
  action: ActionOutcome,
  log: LogEntry,
  /**
   * Whether the incident log is being written: `failing` after each refused write (entries wait in
   * memory and are retried; nothing is acknowledged meanwhile), `ok` once writes succeed again.
   */
  logStatus: z.discriminatedUnion('state', [
    z.object({ state: z.literal('ok') }).strict(),
    z
      .object({
        state: z.literal('failing'),
        message: z.string().max(500),
        since: EpochMs,
        attempts: z.number().int().nonnegative(),
        queued: z.number().int().nonnegative(),
      })
      .strict(),
  ]),
  session: SessionInfo.nullable(),
  script: ScriptRunSchema.nullable(),
  /** Desktop app only: which global shortcuts the operating system accepted, and which it refused. */
  shortcutStatus: z
    .object({
      registered: z.array(z.object({ command: z.string().max(40), accelerator: z.string().max(60) }).strict()).max(20),
      refused: z
        .array(z.object({ command: z.string().max(40), accelerator: z.string().max(60), reason: z.string().max(300) }).strict())
        .max(20),
    })
    .strict(),
  /** Desktop app only: a global panic key fired (the console shows what it did; quick note opens). */
  shortcutFired: z
    .object({ command: z.enum(SHORTCUT_COMMANDS as [ShortcutCommand, ...ShortcutCommand[]]), message: z.string().max(300) })
    .strict(),
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
