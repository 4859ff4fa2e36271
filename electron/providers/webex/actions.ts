import type { PlatformAction } from '../../../shared/model/action';
import type { Scheduler } from '../../../shared/util/time';
import { ProviderError } from '../../host/provider';
import type { WebexApi } from './api';
import type { RosterEntry } from './roster';
import { WebexControl, WebexParticipant } from './schemas';

/** Timing of confirmation reads and of the mute-all loop. */
export interface ActionTuning {
  /** Wait between two reads that check whether a change took effect. */
  confirmDelayMs: number;
  /** Reads after the call before an outcome counts as unconfirmed. */
  confirmReads: number;
  /** Pace of mute-all's loop of single mutes. */
  muteAllPerSecond: number;
}

/** What an action needs from the session it runs in. */
export interface ActionContext {
  readonly api: WebexApi;
  readonly scheduler: Scheduler;
  readonly tuning: ActionTuning;
  /** The id of the meeting instance in progress; throws when the meeting has not started. */
  liveId(): string;
  roster(): ReadonlyMap<string, RosterEntry>;
  markExpelled(participantId: string): void;
  /** Reads the roster now (waiting for a read in progress) and publishes the changes. */
  refreshRoster(): Promise<void>;
  setLocked(locked: boolean): void;
  markEnded(): void;
}

const BATCH_ADMIT_LIMIT = 100; // spec: "maximum size of items in the request body to 100"
const MAX_RATE_LIMIT_WAITS = 3;

/** Waits on the session's clock; rejects as cancelled when `signal` aborts. */
export function pause(scheduler: Scheduler, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    const onAbort = () => {
      cancel();
      reject(cancelled());
    };
    const cancel = scheduler.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const cancelled = () => new ProviderError('Cancelled.', { kind: 'cancelled', retryable: false });
const participantPath = (id: string) => `/meetingParticipants/${encodeURIComponent(id)}`;

/** Performs one action through the Webex REST API; resolves once Webex shows it took effect. */
export async function performAction(ctx: ActionContext, action: PlatformAction, signal: AbortSignal): Promise<void> {
  switch (action.kind) {
    case 'eject':
      ctx.markExpelled(action.participantId);
      await updateParticipant(ctx, action.participantId, { expel: true }, signal);
      await confirmParticipant(ctx, action.participantId, (p) => !p || p.state === 'end', 'is still in the meeting', signal);
      return ctx.refreshRoster();
    case 'admit':
      await updateParticipant(ctx, action.participantId, { admit: true }, signal);
      await confirmParticipant(ctx, action.participantId, (p) => p?.state === 'joined', 'is still waiting in the lobby', signal);
      return ctx.refreshRoster();
    case 'mute':
    case 'unmute': {
      // The same call both ways (the spec: "Mute, un-mute, expel, or admit"); confirmed by the answer, else by re-reading.
      const muted = action.kind === 'mute';
      const after = await updateParticipant(ctx, action.participantId, { muted }, signal);
      if (after.muted !== muted) {
        await confirmParticipant(
          ctx,
          action.participantId,
          (p) => p?.muted === muted,
          muted ? 'is still unmuted' : 'is still muted',
          signal,
        );
      }
      return ctx.refreshRoster();
    }
    case 'admitAll':
      return admitAll(ctx, signal);
    case 'muteAll':
      if (action.preventUnmute) throw unsupported('muteAll with preventUnmute');
      return muteAll(ctx, signal);
    case 'lock':
    case 'unlock':
      return setLocked(ctx, action.kind === 'lock', signal);
    case 'endForAll':
      await ctx.api.post(`/meetings/${encodeURIComponent(ctx.liveId())}/end`, { body: {}, signal });
      ctx.markEnded();
      return;
    default:
      throw unsupported(action.kind);
  }
}

function unsupported(what: string): ProviderError {
  return new ProviderError(`Webex's REST API cannot do ${what}.`, { kind: 'unsupported', retryable: false });
}

async function updateParticipant(
  ctx: ActionContext,
  participantId: string,
  body: { expel?: true; admit?: true; muted?: boolean },
  signal: AbortSignal,
): Promise<WebexParticipant> {
  ctx.liveId();
  return ctx.api.put(participantPath(participantId), WebexParticipant, { body, signal });
}

/**
 * Re-reads one participant until `done` holds. Webex may answer a change with success and still
 * not apply it (the spec's warning about the Webex Meetings App), so success alone is not proof.
 */
async function confirmParticipant(
  ctx: ActionContext,
  participantId: string,
  done: (p: WebexParticipant | undefined) => boolean,
  problem: string,
  signal: AbortSignal,
): Promise<void> {
  for (let read = 0; read < ctx.tuning.confirmReads; read++) {
    if (read > 0) await pause(ctx.scheduler, ctx.tuning.confirmDelayMs, signal);
    let current: WebexParticipant | undefined;
    try {
      current = await ctx.api.get(participantPath(participantId), WebexParticipant, { signal });
    } catch (error) {
      if (!(error instanceof ProviderError && error.kind === 'notFound')) throw error;
    }
    if (done(current)) return;
  }
  const name = ctx.roster().get(participantId)?.displayName ?? participantId;
  throw new ProviderError(
    `Webex accepted the request, but ${name} ${problem}. Webex may not apply changes to some clients (Webex Meetings App); check the roster.`,
    { kind: 'unconfirmed' },
  );
}

async function admitAll(ctx: ActionContext, signal: AbortSignal): Promise<void> {
  const waiting = [...ctx.roster().values()].filter((p) => p.presence === 'waiting').map((p) => p.id);
  for (let i = 0; i < waiting.length; i += BATCH_ADMIT_LIMIT) {
    const items = waiting.slice(i, i + BATCH_ADMIT_LIMIT).map((participantId) => ({ participantId }));
    await ctx.api.post('/meetingParticipants/admit', { body: { items }, signal });
  }
  await ctx.refreshRoster();
  const still = waiting.filter((id) => ctx.roster().get(id)?.presence === 'waiting');
  if (still.length > 0) {
    throw new ProviderError(`Webex accepted the request, but ${still.length} of ${waiting.length} are still waiting in the lobby.`, {
      kind: 'unconfirmed',
    });
  }
}

/**
 * Webex has no mute-all call: one mute per unmuted participant (hosts and co-hosts spared), paced
 * below the session's budget. A 429 pauses the loop for as long as Webex asks, then it goes on.
 * Muting is idempotent, so a retry of the whole action only touches those still unmuted.
 */
async function muteAll(ctx: ActionContext, signal: AbortSignal): Promise<void> {
  ctx.liveId();
  const targets = [...ctx.roster().values()].filter(
    (p) => p.presence === 'inMeeting' && p.audio && p.role !== 'host' && p.role !== 'cohost',
  );
  const spacing = Math.ceil(1000 / Math.max(0.1, ctx.tuning.muteAllPerSecond));
  const failed: { name: string; error: ProviderError }[] = [];
  for (const [index, target] of targets.entries()) {
    if (index > 0) await pause(ctx.scheduler, spacing, signal);
    for (let waits = 0; ; waits++) {
      try {
        await ctx.api.put(participantPath(target.id), WebexParticipant, { body: { muted: true }, signal });
        break;
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        if (error.kind === 'cancelled') throw error;
        if (error.kind === 'rateLimited' && waits < MAX_RATE_LIMIT_WAITS) {
          await pause(ctx.scheduler, error.retryAfterMs ?? 1000, signal);
          continue;
        }
        if (error.kind === 'auth') throw error;
        failed.push({ name: target.displayName, error });
        break;
      }
    }
  }
  await ctx.refreshRoster();
  const last = failed.at(-1);
  if (last) {
    throw new ProviderError(
      `Muted ${targets.length - failed.length} of ${targets.length}; not muted: ${failed.length} (${last.error.message})`,
      {
        kind: last.error.kind,
        ...(last.error.retryAfterMs !== undefined ? { retryAfterMs: last.error.retryAfterMs } : {}),
      },
    );
  }
}

async function setLocked(ctx: ActionContext, locked: boolean, signal: AbortSignal): Promise<void> {
  const query = { meetingId: ctx.liveId() };
  let control = await ctx.api.put('/meetings/controls', WebexControl, { query, body: { locked }, signal });
  if (control.locked !== locked) control = await ctx.api.get('/meetings/controls', WebexControl, { query, signal });
  if (control.locked !== locked) {
    throw new ProviderError(`Webex accepted the request, but the meeting is still ${locked ? 'unlocked' : 'locked'}.`, {
      kind: 'unconfirmed',
    });
  }
  ctx.setLocked(locked);
}
