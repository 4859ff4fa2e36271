import { randomUUID } from 'node:crypto';
import type { EntryBody } from '../../../shared/incident/entry';
import type { ActionOutcome, Intent } from '../../../shared/model/action';
import {
  advanceScript,
  cancelScript,
  startScript,
  type Script,
  type ScriptAction,
  type ScriptEffect,
  type ScriptRun,
  type ScriptVariables,
} from '../../../shared/flows/script';
import type { Scheduler } from '../../../shared/util/time';

export interface ScriptRunnerOptions {
  scheduler: Scheduler;
  log: (body: EntryBody) => void;
  /** Runs an action through the executor under the given id. */
  run: (action: Intent & { id: string }) => ActionOutcome;
  /** Why posting to chat is not possible now, or undefined. */
  chatRefusal: () => string | undefined;
  onChange: (run: ScriptRun | null) => void;
}

const ACTIONS: Record<ScriptAction, Intent> = {
  contain: { kind: 'contain', participantIds: [] },
  suspendAll: { kind: 'suspendAll' },
  restore: { kind: 'restore' },
  lock: { kind: 'lock' },
  unlock: { kind: 'unlock' },
  muteAll: { kind: 'muteAll', preventUnmute: true },
  stopAllVideo: { kind: 'stopAllVideo', preventStart: true },
  stopAllShares: { kind: 'stopAllShares', preventStart: true },
  disableChat: { kind: 'setChat', enabled: false },
  enableChat: { kind: 'setChat', enabled: true },
  endForAll: { kind: 'endForAll' },
};

/**
 * Runs one script at a time: the pure engine decides, this carries out its effects (chat through
 * the executor, actions through the executor, countdown timers) and records the script's timeline
 * in the incident log.
 */
export class ScriptRunner {
  private run: ScriptRun | null = null;
  private waitingFor: string | null = null;
  private cancelTimer: (() => void) | null = null;

  constructor(private readonly options: ScriptRunnerOptions) {}

  get current(): ScriptRun | null {
    return this.run;
  }

  start(script: Script, variables: ScriptVariables): ScriptRun {
    if (this.run?.status === 'waiting') this.cancel(this.run.runId);
    const now = this.options.scheduler.now();
    const transition = startScript(script, variables, randomUUID(), now);
    this.options.log({ kind: 'script.started', data: { runId: transition.run.runId, scriptId: script.id, name: script.name } });
    this.apply(transition.run, transition.effects);
    return this.run as ScriptRun;
  }

  continue(runId: string): ScriptRun | null {
    if (this.run?.runId !== runId) return this.run;
    const transition = advanceScript(this.run, { type: 'continue' }, this.options.scheduler.now());
    this.apply(transition.run, transition.effects);
    return this.run;
  }

  cancel(runId: string): ScriptRun | null {
    if (this.run?.runId !== runId) return this.run;
    this.cancelTimer?.();
    this.waitingFor = null;
    this.apply(cancelScript(this.run, this.options.scheduler.now()), []);
    return this.run;
  }

  /** Called for every action outcome: moves on when the step's own action settles. */
  outcome(outcome: ActionOutcome): void {
    if (!this.run || outcome.actionId !== this.waitingFor || outcome.status === 'pending') return;
    this.waitingFor = null;
    const result = outcome.status === 'confirmed' ? 'done' : 'failed';
    const transition = advanceScript(
      this.run,
      { type: 'settled', result, ...(outcome.reason ? { reason: outcome.reason } : {}) },
      this.options.scheduler.now(),
    );
    this.apply(transition.run, transition.effects);
  }

  private apply(run: ScriptRun, effects: ScriptEffect[]): void {
    const before = this.run;
    this.run = run;
    for (const result of run.results.slice(before?.runId === run.runId ? before.results.length : 0)) {
      const step = run.steps[result.index];
      this.options.log({
        kind: 'script.step',
        data: {
          runId: run.runId,
          index: result.index,
          step: step?.kind ?? 'say',
          result: result.result,
          ...(result.reason ? { reason: result.reason } : {}),
        },
      });
    }
    if (run.status !== 'waiting' && before?.status === 'waiting') {
      this.options.log({ kind: 'script.finished', data: { runId: run.runId, status: run.status } });
    }
    this.options.onChange(run);
    for (const effect of effects) this.perform(run, effect);
  }

  private perform(run: ScriptRun, effect: ScriptEffect): void {
    const now = this.options.scheduler.now();
    if (effect.type === 'timer') {
      this.cancelTimer = this.options.scheduler.setTimeout(() => {
        if (this.run?.runId !== run.runId) return;
        const transition = advanceScript(this.run, { type: 'timer' }, this.options.scheduler.now());
        this.apply(transition.run, transition.effects);
      }, effect.at - now);
      return;
    }
    if (effect.type === 'chat') {
      const refusal = this.options.chatRefusal();
      if (refusal) {
        const transition = advanceScript(run, { type: 'settled', result: 'skipped', reason: refusal }, now);
        this.apply(transition.run, transition.effects);
        return;
      }
    }
    const id = `script-${run.runId.slice(0, 8)}-${run.index}-${Math.floor(now).toString(36)}`;
    this.waitingFor = id;
    const intent: Intent = effect.type === 'chat' ? { kind: 'postChat', text: effect.text } : ACTIONS[effect.action];
    const outcome = this.options.run({ ...intent, id } as Intent & { id: string });
    if (outcome.status !== 'pending') this.outcome(outcome);
  }
}
