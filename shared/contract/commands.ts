import { z } from 'zod';
import { ActionOutcome, ActionRequest } from '../model/action';
import { ActionId, Id } from '../model/ids';
import { MeetingSummary, ProviderId } from '../model/meeting';
import { LogEntry, LogSettings } from '../incident/entry';
import type { CommandChannelName } from './channels';
import { RosterSnapshot } from './roster';
import { Participant } from '../model/participant';
import { RiskSettings } from '../model/risk';
import { PanicSettings } from '../model/panic';
import { ModeratorIdentity, ModeratorName } from '../model/moderator';
import { Script, ScriptRunSchema } from '../flows/script';
import { ExpectedAttendee } from '../risk/attendees';
import { MAX_ATTENDEE_CSV } from '../risk/csv';
import { ProviderSettingsView, ProviderStatus, SignOutResult } from './providerSettings';
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
  /**
   * The participants the moderator has ticked, sent whenever the ticks change: the desktop app's
   * global Contain key, pressed while another app has focus, ejects them with the flagged.
   */
  setSelection: {
    input: z.object({ participantIds: z.array(Id).max(10_000) }).strict(),
    output: z.object({ count: z.number().int().nonnegative() }).strict(),
  },
  getLogTail: {
    input: z.object({ limit: z.number().int().min(1).max(5000) }).strict(),
    output: z.array(LogEntry),
  },
  addNote: { input: z.object({ text: z.string().trim().min(1).max(4000) }).strict(), output: LogEntry },
  importAttendees: {
    input: z.object({ csv: z.string().max(MAX_ATTENDEE_CSV) }).strict(),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), count: z.number().int() }).strict(),
      z
        .object({
          ok: z.literal(false),
          problems: z.array(z.object({ line: z.number().int(), message: z.string().max(500) }).strict()).max(200),
        })
        .strict(),
    ]),
  },
  loadRegistrants: { input: NoInput, output: z.object({ count: z.number().int() }).strict() },
  getAttendees: { input: NoInput, output: z.array(ExpectedAttendee) },
  clearAttendees: { input: NoInput, output: z.object({ count: z.number().int() }).strict() },
  getParticipantDetail: {
    input: z.object({ participantId: Id }).strict(),
    output: z
      .object({ participant: Participant, history: z.array(LogEntry) })
      .strict()
      .nullable(),
  },
  getRiskSettings: { input: NoInput, output: RiskSettings },
  saveRiskSettings: { input: RiskSettings, output: RiskSettings },
  listLogs: {
    input: NoInput,
    output: z.array(
      z
        .object({
          sessionId: Id,
          title: z.string().max(500),
          providerId: z.string().max(40),
          startedAt: z.string().max(40).optional(),
          endedAt: z.string().max(40).optional(),
          bytes: z.number().int().nonnegative(),
          modifiedAt: z.number(),
        })
        .strict(),
    ),
  },
  readLog: {
    input: z
      .object({
        sessionId: Id,
        afterSeq: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(200_000).default(50_000),
      })
      .strict(),
    output: z.object({ entries: z.array(LogEntry), more: z.boolean() }).strict(),
  },
  verifyLog: {
    input: z.object({ sessionId: Id }).strict(),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), entries: z.number(), headHash: z.string(), headSeq: z.number(), recovered: z.number() }).strict(),
      z.object({ ok: z.literal(false), entries: z.number(), line: z.number(), problem: z.string() }).strict(),
    ]),
  },
  deleteLog: { input: z.object({ sessionId: Id }).strict(), output: z.object({ deleted: z.boolean() }).strict() },
  markEvidence: { input: z.object({ seq: z.number().int().positive(), note: z.string().max(4000).optional() }).strict(), output: LogEntry },
  exportLog: {
    input: z
      .object({
        sessionId: Id,
        format: z.enum(['json', 'csv', 'markdown', 'html', 'pdf']),
        language: z.enum(['en', 'id']).default('en'),
        redact: z.boolean().default(false),
      })
      .strict(),
    output: z
      .object({
        fileName: z.string().max(200),
        mimeType: z.string().max(100),
        encoding: z.enum(['utf8', 'base64']),
        content: z.string().max(1_500_000_000),
      })
      .strict(),
  },
  getLogSettings: { input: NoInput, output: LogSettings },
  saveLogSettings: { input: LogSettings, output: z.object({ settings: LogSettings, deleted: z.array(Id) }).strict() },
  getIdentity: { input: NoInput, output: ModeratorIdentity },
  saveIdentity: { input: z.object({ moderator: ModeratorName }).strict(), output: ModeratorIdentity },
  getPanicSettings: { input: NoInput, output: PanicSettings },
  savePanicSettings: { input: PanicSettings, output: PanicSettings },
  listScripts: { input: NoInput, output: z.object({ scripts: z.array(Script), problems: z.array(z.string().max(2000)) }).strict() },
  saveScript: { input: z.object({ text: z.string().max(200_000) }).strict(), output: Script },
  deleteScript: { input: z.object({ id: z.string().max(100) }).strict(), output: z.object({ deleted: z.boolean() }).strict() },
  startScript: { input: z.object({ scriptId: z.string().max(100) }).strict(), output: ScriptRunSchema },
  continueScript: { input: z.object({ runId: z.string().max(64) }).strict(), output: ScriptRunSchema.nullable() },
  cancelScript: { input: z.object({ runId: z.string().max(64) }).strict(), output: ScriptRunSchema.nullable() },
  getScriptRun: { input: NoInput, output: ScriptRunSchema.nullable() },
  getProviderSettings: { input: z.object({ providerId: ProviderId }).strict(), output: ProviderSettingsView },
  saveProviderSettings: {
    input: z.object({ providerId: ProviderId, values: z.record(z.string().max(60), z.string().max(4000)) }).strict(),
    output: ProviderSettingsView,
  },
  signIn: { input: z.object({ providerId: ProviderId }).strict(), output: ProviderStatus },
  signOut: { input: z.object({ providerId: ProviderId }).strict(), output: SignOutResult },
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
/** What a client sends (defaults may be left out). */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
/** What the host's handler receives: the input after parsing, defaults filled in. */
export type CommandArgs<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.infer<Commands[N]['output']>;
export { COMMAND_NAMES } from './channels';

// The plain name list in channels.ts must match the contract exactly, in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commandNamesMatch: Same<CommandName, CommandChannelName> = true;
void commandNamesMatch;

/** The host's command surface: one async function per command, called with parsed input. */
export type HostCommands = { [N in CommandName]: (input: CommandArgs<N>) => Promise<CommandOutput<N>> };
/** A client's view of the same commands: it may leave defaulted fields out. */
export type ClientCommands = { [N in CommandName]: (input: CommandInput<N>) => Promise<CommandOutput<N>> };
