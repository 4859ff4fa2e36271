import { ZoomBridgeMessage, ZoomBridgeResult, type ZoomBridgeCommand, type ZoomJoinRequest } from '../../../shared/contract/zoomBridge';
import { describeIssues } from '../../../shared/contract/reply';
import type { Scheduler } from '../../../shared/util/time';
import { ProviderError, type ProviderErrorKind } from '../../host/provider';
import type { ZoomBridgeConnection, ZoomMeetingBridge } from './bridge';
import { SHARED_SDK_METHOD_SPACING_MS } from './capabilities';
import { ConnectionChange, SdkUser, type SdkRoster } from './sdkRoster';

/** How long the meeting window may take to join before Hostdeck carries on with REST alone. */
export const JOIN_TIMEOUT_MS = 60_000;
/** How often the roster is squared with the SDK's full attendee list, in case an event was missed. */
export const RESYNC_MS = 30_000;

/** The SDK's documented failure types (embedded.d.ts `ErrorTypes`), as provider error kinds. */
const FAILURE_KINDS: Record<string, ProviderErrorKind> = {
  INSUFFICIENT_PRIVILEGES: 'forbidden',
  OPERATION_LOCKED: 'forbidden',
  INVALID_PARAMETERS: 'invalid',
  INVALID_OPERATION: 'conflict',
  OPERATION_TIMEOUT: 'unavailable',
  INTERNAL_ERROR: 'unavailable',
  IMPROPER_MEETING_STATE: 'unavailable',
};

export interface BridgeLinkEvents {
  joined(topic: string | undefined): void;
  connection(state: 'connected' | 'reconnecting' | 'disconnected', detail?: string): void;
  /** The SDK's meeting connection closed: the meeting may have ended, or Hostdeck was removed. */
  closed(reason: string): void;
}

/**
 * The provider's side of the meeting window: joins, turns SDK events into roster events, and runs
 * host controls as SDK calls with the SDK's own per-method spacing. Every message from the window
 * is parsed; a malformed one is reported and dropped, never allowed to stop the stream.
 */
export class BridgeLink {
  private connection: ZoomBridgeConnection | null = null;
  private state: 'joining' | 'joined' | 'closed' = 'joining';
  private readonly lastCall = new Map<string, number>();
  private settleJoin: ((result: { ok: true } | { ok: false; reason: string }) => void) | null = null;
  private cancelResync: (() => void) | null = null;
  selfUserId: number | undefined;

  constructor(
    private readonly roster: SdkRoster,
    private readonly scheduler: Scheduler,
    private readonly events: BridgeLinkEvents,
  ) {}

  get joined(): boolean {
    return this.state === 'joined';
  }

  /** Opens the window and waits for the join result. Resolves with why it failed, or undefined. */
  async join(bridge: ZoomMeetingBridge, request: ZoomJoinRequest): Promise<string | undefined> {
    const result = new Promise<{ ok: true } | { ok: false; reason: string }>((resolve) => (this.settleJoin = resolve));
    const cancelTimer = this.scheduler.setTimeout(
      () => this.settleJoin?.({ ok: false, reason: `the meeting window did not join within ${JOIN_TIMEOUT_MS / 1000} s.` }),
      JOIN_TIMEOUT_MS,
    );
    try {
      this.connection = await bridge.open(request, (message) => this.receive(message));
    } catch (error) {
      cancelTimer();
      this.state = 'closed';
      return `the meeting window could not be opened: ${(error as Error).message}`;
    }
    const outcome = await result;
    cancelTimer();
    this.settleJoin = null;
    if (outcome.ok) return undefined;
    this.state = 'closed';
    await this.connection.close().catch(() => undefined);
    return outcome.reason;
  }

  /** Runs one SDK call; rejects with a ProviderError when the SDK refuses or the window is gone. */
  async call(command: ZoomBridgeCommand, signal: AbortSignal): Promise<void> {
    if (!this.connection || this.state !== 'joined') {
      throw new ProviderError('The Zoom meeting window is not connected.', { kind: 'unavailable', retryable: false });
    }
    const spacing = SHARED_SDK_METHOD_SPACING_MS[command.op];
    const now = this.scheduler.now();
    const last = this.lastCall.get(command.op);
    if (spacing !== undefined && last !== undefined && now - last < spacing) {
      throw new ProviderError(`Zoom allows ${command.op} once every ${spacing / 1000} s.`, {
        kind: 'rateLimited',
        retryAfterMs: spacing - (now - last),
      });
    }
    this.lastCall.set(command.op, now);
    const aborted = new Promise<never>((_, reject) => {
      const onAbort = () => reject(new ProviderError('Cancelled.', { kind: 'cancelled', retryable: false }));
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined); // an abort after the answer changes nothing
    const answer = await Promise.race([this.connection.command(command), aborted]);
    const parsed = ZoomBridgeResult.safeParse(answer);
    if (!parsed.success) {
      throw new ProviderError(`The meeting window answered ${command.op} unreadably: ${describeIssues(parsed.error)}`, {
        kind: 'unconfirmed',
      });
    }
    if (!parsed.data.ok) {
      const kind = FAILURE_KINDS[parsed.data.type] ?? 'unavailable';
      throw new ProviderError(`Zoom refused ${command.op} (${parsed.data.type}): ${parsed.data.reason}`, { kind });
    }
  }

  async close(): Promise<void> {
    this.state = 'closed';
    this.cancelResync?.();
    await this.connection?.close().catch(() => undefined);
  }

  private receive(raw: unknown): void {
    const parsed = ZoomBridgeMessage.safeParse(raw);
    if (!parsed.success) {
      console.warn(`zoom bridge: dropped a malformed message: ${describeIssues(parsed.error)}`);
      return;
    }
    const message = parsed.data;
    const at = this.scheduler.now();
    switch (message.type) {
      case 'joined': {
        if (this.state === 'closed') return; // too late: the join was given up and the window closed
        if (!message.isHost) {
          this.settleJoin?.({ ok: false, reason: 'the meeting window joined, but not as host (check the ZAK and the signature role).' });
          return;
        }
        this.state = 'joined';
        this.selfUserId = message.selfUserId;
        this.events.joined(message.topic);
        this.roster.added(this.users(message.attendees), at);
        this.settleJoin?.({ ok: true });
        this.scheduleResync();
        return;
      }
      case 'joinFailed':
        this.settleJoin?.({ ok: false, reason: `Zoom refused the join: ${message.reason}` });
        return;
      case 'closed':
        this.settleJoin?.({ ok: false, reason: `the meeting window closed: ${message.reason}` });
        if (this.state === 'joined') this.events.closed(message.reason);
        this.state = 'closed';
        return;
      case 'event':
        if (message.name === 'connection-change') return this.connectionChanged(message.payload);
        if (this.state !== 'joined') return;
        {
          const problem = this.roster.apply(message.name, message.payload, at);
          if (problem) console.warn(`zoom bridge: dropped a malformed ${problem.event} event: ${problem.issues}`);
        }
    }
  }

  private scheduleResync(): void {
    this.cancelResync = this.scheduler.setTimeout(() => void this.resync(), RESYNC_MS);
  }

  private async resync(): Promise<void> {
    this.cancelResync = null;
    if (this.state !== 'joined' || !this.connection) return;
    const parsed = ZoomBridgeResult.safeParse(await this.connection.command({ op: 'attendees' }).catch(() => undefined));
    if (this.state !== 'joined') return;
    if (parsed.success && parsed.data.ok && parsed.data.attendees) {
      this.roster.reconcile(this.users(parsed.data.attendees), this.scheduler.now());
    }
    this.scheduleResync();
  }

  private connectionChanged(payload: unknown): void {
    const parsed = ConnectionChange.safeParse(payload);
    if (!parsed.success || this.state !== 'joined') return;
    const { state, reason } = parsed.data;
    if (state === 'Connected') this.events.connection('connected');
    else if (state === 'Reconnecting') this.events.connection('reconnecting', reason);
    else if (state === 'Closed' || state === 'Fail') {
      this.state = 'closed';
      this.events.closed(reason ?? state);
    }
  }

  private users(list: readonly unknown[]): SdkUser[] {
    const users: SdkUser[] = [];
    for (const item of list) {
      const parsed = SdkUser.safeParse(item);
      if (parsed.success) users.push(parsed.data);
      else console.warn(`zoom bridge: dropped a malformed attendee: ${describeIssues(parsed.error)}`);
    }
    return users;
  }
}
