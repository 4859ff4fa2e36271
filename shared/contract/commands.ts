import { z } from 'zod';
import { ActionOutcome, ActionRequest } from '../model/action';
import { ActionId } from '../model/ids';
import { MeetingSummary, ProviderId } from '../model/meeting';
import { LogEntry } from '../incident/entry';
import type { CommandChannelName } from './channels';
import { RosterSnapshot } from './roster';
import { ProviderSettingsView, ProviderStatus } from './providerSettings';
import { AttachRequest, Overview, SessionInfo } from './session';

const NoInput = z.object({}).strict();

/**
 * Every command the renderer can send to the host, declared once. Both shells register their
 * handlers by looping over this object: check the sender, parse `input`, call the host.
 */
export const commands = {
  getOverview: { input: NoInput, output: Overview },
  listMeetings: { input: z.object({ providerId: ProviderId }).strict(), output: z.array(MeetingSummary) },
  attach: { input: AttachRequest, output: SessionInfo },
  detach: { input: NoInput, output: z.object({ detached: z.boolean() }).strict() },
  getSnapshot: { input: NoInput, output: RosterSnapshot.nullable() },
  runAction: { input: ActionRequest, output: ActionOutcome },
  retryAction: { input: z.object({ actionId: ActionId }).strict(), output: ActionOutcome },
  cancelAction: { input: z.object({ actionId: ActionId }).strict(), output: ActionOutcome.nullable() },
  listActions: { input: NoInput, output: z.array(ActionOutcome) },
  getLogTail: {
    input: z.object({ limit: z.number().int().min(1).max(5000) }).strict(),
    output: z.array(LogEntry),
  },
  addNote: { input: z.object({ text: z.string().trim().min(1).max(4000) }).strict(), output: LogEntry },
  getProviderSettings: { input: z.object({ providerId: ProviderId }).strict(), output: ProviderSettingsView },
  saveProviderSettings: {
    input: z.object({ providerId: ProviderId, values: z.record(z.string().max(60), z.string().max(4000)) }).strict(),
    output: ProviderSettingsView,
  },
  signIn: { input: z.object({ providerId: ProviderId }).strict(), output: ProviderStatus },
  signOut: { input: z.object({ providerId: ProviderId }).strict(), output: ProviderStatus },
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.infer<Commands[N]['output']>;
export { COMMAND_NAMES } from './channels';

// The plain name list in channels.ts must match the contract exactly, in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commandNamesMatch: Same<CommandName, CommandChannelName> = true;
void commandNamesMatch;

/** The host's command surface: one async function per command. */
export type HostCommands = { [N in CommandName]: (input: CommandInput<N>) => Promise<CommandOutput<N>> };
