import type { Action } from '../../shared/model/action';
import type { Capabilities } from '../../shared/model/capability';
import type { Meeting, MeetingSummary, ProviderId } from '../../shared/model/meeting';
import type { BlockedJoin, Identity, LeaveReason, MediaAlert, Participant } from '../../shared/model/participant';
import type { Scheduler } from '../../shared/util/time';

/** What a provider reports about a participant when they join. */
export type JoiningParticipant = Omit<Participant, 'joinedAt' | 'leftAt' | 'leaveReason' | 'presence'> & {
  presence: Exclude<Participant['presence'], 'left'>;
};

/** Fields a platform may report as changed for a participant already known. */
export interface ParticipantChanges {
  displayName?: string;
  role?: Participant['role'];
  presence?: Exclude<Participant['presence'], 'left'>;
  audio?: boolean;
  video?: boolean;
  sharing?: boolean;
  identity?: Identity;
  alerts?: MediaAlert[];
}

/**
 * A platform event, normalised. `at` is the platform's time of the change (epoch ms); `eventId`,
 * when the platform gives one, lets the host drop duplicates delivered twice.
 */
export type ProviderEvent =
  | { type: 'meeting'; at: number; meeting: Meeting; eventId?: string }
  | { type: 'joined'; at: number; participant: JoiningParticipant; eventId?: string }
  | { type: 'left'; at: number; participantId: string; displayName?: string; reason: LeaveReason; eventId?: string }
  | { type: 'updated'; at: number; participantId: string; changes: ParticipantChanges; eventId?: string }
  | { type: 'blocked'; attempt: BlockedJoin; eventId?: string }
  | { type: 'ended'; at: number; eventId?: string };

/** A failure the platform reported, with whether trying again could help. */
export class ProviderError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(message: string, options: { retryable?: boolean; retryAfterMs?: number; status?: number } = {}) {
    super(message);
    this.name = 'ProviderError';
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

/** What a provider is given when it attaches: time, and where to send platform events. */
export interface ProviderContext {
  readonly scheduler: Scheduler;
  emit(event: ProviderEvent): void;
}

/** Limits a provider declares so the executor does not outrun the platform. */
export interface ProviderLimits {
  /** How long one platform call may take before it counts as failed. */
  readonly callTimeoutMs: number;
}

/** An attached meeting on one platform. */
export interface ProviderSession {
  readonly meeting: Meeting;
  readonly capabilities: Capabilities;
  readonly limits: ProviderLimits;
  /**
   * Performs one action on the platform. Resolves once the platform confirmed it; rejects with a
   * ProviderError otherwise. Must stop early when `signal` aborts.
   */
  perform(action: Action, signal: AbortSignal): Promise<void>;
  /** Stops polling or listening; the meeting itself is left as it is. */
  close(): Promise<void>;
}

/** One platform. Registered in the provider registry; the host never imports a provider directly. */
export interface Provider {
  readonly id: ProviderId;
  readonly name: string;
  isConnected(): boolean;
  listMeetings(): Promise<MeetingSummary[]>;
  /** `options` comes from the renderer: the provider parses it with its own schema. */
  attach(meetingId: string, options: unknown, context: ProviderContext): Promise<ProviderSession>;
}
