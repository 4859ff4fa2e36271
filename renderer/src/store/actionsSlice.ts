import type { Action, ActionOutcome, ParticipantActionKind } from '../../../shared/model/action';
import { bulkTargets, flaggedPresent } from '../roster/rosterView';
import type { Bridge } from '../bridge';
import type { Slice } from './types';

/** An action as the panel asks for it; the store gives it its id. */
export type ActionIntent = Action extends infer A ? (A extends Action ? Omit<A, 'id'> : never) : never;

export interface ActionsSlice {
  /** Outcomes by action id, in request order (Map keeps insertion order). */
  actions: ReadonlyMap<string, ActionOutcome>;
  dismissed: ReadonlySet<string>;
  runAction(intent: ActionIntent): Promise<ActionOutcome>;
  /** Runs one participant action on every ticked participant still present, then clears the ticks. */
  runOnSelected(kind: ParticipantActionKind): Promise<ActionOutcome[]>;
  /** Ejects everyone present and flagged at this moment. */
  ejectAllFlagged(): Promise<ActionOutcome[]>;
  retryAction(actionId: string): Promise<void>;
  cancelAction(actionId: string): Promise<void>;
  dismissAction(actionId: string): void;
  applyOutcome(outcome: ActionOutcome): void;
  applyOutcomes(outcomes: readonly ActionOutcome[]): void;
}

function newActionId(): string {
  return crypto.randomUUID();
}

export function createActionsSlice(bridge: Bridge): Slice<ActionsSlice> {
  return (set, get) => ({
    actions: new Map(),
    dismissed: new Set(),

    async runAction(intent) {
      const id = newActionId();
      const requestedAt = Date.now();
      const local: ActionOutcome = {
        actionId: id,
        kind: intent.kind,
        status: 'pending',
        requestedAt,
        attempts: 0,
        retryable: false,
        ...('participantId' in intent ? { participantId: intent.participantId } : {}),
      };
      // The request leaves first; showing it as pending can wait the few milliseconds a render takes.
      const sent = bridge.runAction({ ...intent, id } as Action);
      get().applyOutcome(local);
      try {
        const outcome = await sent;
        get().applyOutcome(outcome);
        return outcome;
      } catch (error) {
        // The host could not be reached: the action stays visible as failed, with the reason.
        const failed: ActionOutcome = {
          ...local,
          status: 'failed',
          reason: (error as Error).message,
          retryable: true,
          settledAt: Date.now(),
        };
        get().applyOutcome(failed);
        return failed;
      }
    },

    runOnSelected(kind) {
      const targets = bulkTargets(get().selected, get().roster.participants);
      get().setSelected([]);
      return Promise.all(targets.map((p) => get().runAction({ kind, participantId: p.id })));
    },

    ejectAllFlagged() {
      const targets = flaggedPresent(get().roster.participants.values());
      get().setSelected([]);
      return Promise.all(targets.map((p) => get().runAction({ kind: 'eject', participantId: p.id })));
    },

    async retryAction(actionId) {
      try {
        get().applyOutcome(await bridge.retryAction({ actionId }));
      } catch (error) {
        const current = get().actions.get(actionId);
        if (current) get().applyOutcome({ ...current, status: 'failed', reason: (error as Error).message, retryable: true });
      }
    },

    async cancelAction(actionId) {
      try {
        const outcome = await bridge.cancelAction({ actionId });
        if (outcome) get().applyOutcome(outcome);
      } catch {
        // the pending outcome stays visible; the host keeps the truth
      }
    },

    dismissAction(actionId) {
      set({ dismissed: new Set([...get().dismissed, actionId]) });
    },

    applyOutcome(outcome) {
      get().applyOutcomes([outcome]);
    },

    applyOutcomes(outcomes) {
      let actions: Map<string, ActionOutcome> | null = null;
      for (const outcome of outcomes) {
        const current = (actions ?? get().actions).get(outcome.actionId);
        // An outcome never goes backwards: a late "pending" reply must not hide a settled result.
        if (current && current.status !== 'pending' && outcome.status === 'pending' && outcome.attempts <= current.attempts) continue;
        actions ??= new Map(get().actions);
        actions.set(outcome.actionId, outcome);
      }
      if (actions) set({ actions });
    },
  });
}
