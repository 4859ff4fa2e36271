import { z } from 'zod';
import { MAX_CHAT_TEXT } from '../model/action';

/** Intents a script may run: the meeting-wide controls, the panic plans, and ending the meeting. */
export const ScriptAction = z.enum([
  'contain',
  'suspendAll',
  'restore',
  'lock',
  'unlock',
  'muteAll',
  'stopAllVideo',
  'stopAllShares',
  'disableChat',
  'enableChat',
  'endForAll',
]);
export type ScriptAction = z.infer<typeof ScriptAction>;

export const ScriptStep = z.discriminatedUnion('kind', [
  /** Teleprompter text the moderator reads aloud; they press Next when done. */
  z.object({ kind: z.literal('say'), text: z.string().trim().min(1).max(4000) }).strict(),
  /** Posted to everyone, where the platform allows; skipped with the reason where it does not. */
  z.object({ kind: z.literal('chat'), text: z.string().trim().min(1).max(MAX_CHAT_TEXT) }).strict(),
  /** A visible countdown. */
  z.object({ kind: z.literal('wait'), seconds: z.number().int().min(1).max(600), text: z.string().max(500).optional() }).strict(),
  /** Any panic or meeting action, through the executor. */
  z.object({ kind: z.literal('action'), action: ScriptAction }).strict(),
  /** The moderator presses to continue (e.g. before ending). */
  z.object({ kind: z.literal('confirm'), text: z.string().trim().min(1).max(500) }).strict(),
]);
export type ScriptStep = z.infer<typeof ScriptStep>;

/** A script as stored in a shareable, human-readable JSON file. */
export const Script = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/, 'lower-case letters, digits and "-" only'),
    name: z.string().trim().min(1).max(200),
    language: z.enum(['en', 'id']),
    description: z.string().max(1000).default(''),
    steps: z.array(ScriptStep).min(1).max(50),
  })
  .strict();
export type Script = z.infer<typeof Script>;

/** A script run as it crosses to the renderer. */
export const ScriptRunSchema = z
  .object({
    runId: z.string().max(64),
    scriptId: z.string().max(100),
    name: z.string().max(200),
    steps: z.array(ScriptStep).max(50),
    index: z.number().int().min(0),
    status: z.enum(['waiting', 'done', 'cancelled']),
    until: z.number().optional(),
    results: z
      .array(
        z
          .object({ index: z.number().int(), result: z.enum(['done', 'skipped', 'failed']), reason: z.string().max(2000).optional() })
          .strict(),
      )
      .max(50),
    startedAt: z.number(),
    finishedAt: z.number().optional(),
  })
  .strict();

export interface ScriptVariables {
  event: string;
  organizer: string;
  /** Local time, formatted by the caller. */
  time: string;
}

/** Replaces {event}, {organizer} and {time}; unknown braces are left as they are. */
export function fillVariables(text: string, variables: ScriptVariables): string {
  return text.replace(/\{(event|organizer|time)\}/g, (_, name: keyof ScriptVariables) => variables[name]);
}

/** Where a running script stands (`status: waiting` is for the moderator, the clock or the platform). */
export type ScriptRun = z.infer<typeof ScriptRunSchema>;

/** What the runner must do after a transition. */
export type ScriptEffect = { type: 'chat'; text: string } | { type: 'action'; action: ScriptAction } | { type: 'timer'; at: number };

export interface ScriptTransition {
  run: ScriptRun;
  effects: ScriptEffect[];
}

function enter(run: ScriptRun, index: number, now: number): ScriptTransition {
  if (index >= run.steps.length) return { run: { ...run, index, status: 'done', finishedAt: now }, effects: [] };
  const step = run.steps[index] as ScriptStep;
  const next: ScriptRun = { ...run, index, status: 'waiting' };
  switch (step.kind) {
    case 'say':
    case 'confirm':
      return { run: next, effects: [] };
    case 'wait': {
      const until = now + step.seconds * 1000;
      return { run: { ...next, until }, effects: [{ type: 'timer', at: until }] };
    }
    case 'chat':
      return { run: next, effects: [{ type: 'chat', text: step.text }] };
    case 'action':
      return { run: next, effects: [{ type: 'action', action: step.action }] };
  }
}

/** Starts a script: variables filled, first step entered. */
export function startScript(script: Script, variables: ScriptVariables, runId: string, now: number): ScriptTransition {
  const steps = script.steps.map((step) =>
    'text' in step && step.text !== undefined ? { ...step, text: fillVariables(step.text, variables) } : step,
  );
  const run: ScriptRun = { runId, scriptId: script.id, name: script.name, steps, index: 0, status: 'waiting', results: [], startedAt: now };
  return enter(run, 0, now);
}

/**
 * Moves past the current step. `continue` is the moderator's Next (for say and confirm, or to skip
 * a countdown); `timer`, `settled` come from the runner when a wait ends or a chat/action settles.
 */
export function advanceScript(
  run: ScriptRun,
  event: { type: 'continue' } | { type: 'timer' } | { type: 'settled'; result: 'done' | 'skipped' | 'failed'; reason?: string },
  now: number,
): ScriptTransition {
  if (run.status !== 'waiting') return { run, effects: [] };
  const step = run.steps[run.index] as ScriptStep;
  if (event.type === 'timer' && (step.kind !== 'wait' || (run.until ?? 0) > now)) return { run, effects: [] };
  if (event.type === 'settled' && step.kind !== 'chat' && step.kind !== 'action') return { run, effects: [] };
  if (event.type === 'continue' && (step.kind === 'chat' || step.kind === 'action')) return { run, effects: [] };
  const result =
    event.type === 'settled'
      ? { index: run.index, result: event.result, ...(event.reason ? { reason: event.reason } : {}) }
      : { index: run.index, result: 'done' as const };
  const { until: _until, ...rest } = run;
  return enter({ ...rest, results: [...run.results, result] }, run.index + 1, now);
}

export function cancelScript(run: ScriptRun, now: number): ScriptRun {
  return run.status === 'waiting' ? { ...run, status: 'cancelled', finishedAt: now } : run;
}

/** Parses a script file's text, with every problem named. */
export function parseScript(text: string): { ok: true; script: Script } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`Not valid JSON: ${(error as Error).message}`] };
  }
  const parsed = Script.safeParse(raw);
  if (parsed.success) return { ok: true, script: parsed.data };
  return { ok: false, problems: parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(script)'}: ${i.message}`) };
}
