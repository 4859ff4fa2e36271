import type { PlatformAction, PlatformActionKind } from '../../shared/model/action';
import type { Capabilities } from '../../shared/model/capability';
import type { Meeting, MeetingControls, MeetingSummary, ProviderId } from '../../shared/model/meeting';
import type { BlockedJoin, Identity, LeaveReason, MediaAlert, Participant } from '../../shared/model/participant';
import type { ProviderStatus, Revocation, SettingsField } from '../../shared/contract/providerSettings';
import type { ExpectedAttendee } from '../../shared/risk/attendees';
import type { Scheduler } from '../../shared/util/time';
import type { CredentialVault } from './credentials/vault';
import type { SettingsStore } from './settings/settingsStore';

/** What a provider reports about a participant when they join. */
export type JoiningParticipant = Omit<
  Participant,
  'joinedAt' | 'leftAt' | 'leaveReason' | 'presence' | 'renamedFrom' | 'match' | 'risk'
> & {
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
  | { type: 'ended'; at: number; eventId?: string }
  /** The link to the platform dropped or came back; joins and leaves during an outage follow as events. */
  | { type: 'connection'; at: number; state: 'connected' | 'reconnecting' | 'disconnected'; detail?: string };

/**
 * How a platform call failed. `auth`: the token expired or was revoked (the executor refreshes once
 * and tries again); `rateLimited`: 429, honour `retryAfterMs`; `unavailable`: 5xx or a dropped
 * connection (a 503 may carry `retryAfterMs` too); `unconfirmed`: the platform accepted the call but its effect could not be seen.
 */
export type ProviderErrorKind =
  | 'auth'
  | 'rateLimited'
  | 'unavailable'
  | 'network'
  | 'notFound'
  | 'forbidden'
  | 'conflict'
  | 'invalid'
  | 'unsupported'
  | 'unconfirmed'
  | 'cancelled';

/**
 * The longest wait a platform's `Retry-After` gets honoured for by the executor and by roster
 * polling after a 503. A longer request fails the action with the wait named (the moderator acts by
 * hand rather than watching a spinner); 429 waits on polling are honoured in full, since calling
 * again early only earns another 429.
 */
export const MAX_RETRY_AFTER_MS = 30_000;

const RETRYABLE_KINDS: readonly ProviderErrorKind[] = ['auth', 'rateLimited', 'unavailable', 'network', 'unconfirmed', 'cancelled'];

/** A failure the platform reported, with whether trying again could help. */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(message: string, options: { kind?: ProviderErrorKind; retryable?: boolean; retryAfterMs?: number; status?: number } = {}) {
    super(message);
    this.name = 'ProviderError';
    this.kind = options.kind ?? kindFromStatus(options.status);
    this.retryable = options.retryable ?? RETRYABLE_KINDS.includes(this.kind);
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

/**
 * How long a poller waits after a failure that named a wait: a 429's in full (calling early only earns
 * another 429), any other's (a 503) at most MAX_RETRY_AFTER_MS, so an outage hint of an hour cannot
 * freeze the live roster for an hour. Undefined when the platform named no wait.
 */
export function pollWaitAfter(error: ProviderError): number | undefined {
  if (error.retryAfterMs === undefined) return undefined;
  return error.kind === 'rateLimited' ? error.retryAfterMs : Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS);
}

function kindFromStatus(status: number | undefined): ProviderErrorKind {
  if (status === undefined) return 'unavailable';
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'unavailable';
  return 'invalid';
}

/** What a provider is given when it attaches: time, and where to send platform events. */
export interface ProviderContext {
  readonly scheduler: Scheduler;
  emit(event: ProviderEvent): void;
}

/**
 * Limits a provider declares so the executor never outruns the platform. Taken from the platform's
 * documented limits (see the provider's folder for the source of each figure).
 */
export interface ProviderLimits {
  /** How long one platform call may take before it counts as failed. */
  readonly callTimeoutMs: number;
  /** Sustained calls per second the platform accepts, all kinds together. */
  readonly requestsPerSecond: number;
  /** Calls in flight at once. */
  readonly maxConcurrent: number;
  /** Minimum spacing between two calls of one kind (e.g. an SDK method allowed once every 5 s). */
  readonly minIntervalMs?: Partial<Record<PlatformActionKind, number>>;
}

/** What a provider tells the moderator about a confirmed action, e.g. a setting it had to change first. */
export interface ActionNote {
  note: string;
}

/** An attached meeting on one platform. */
export interface ProviderSession {
  readonly meeting: Meeting;
  readonly capabilities: Capabilities;
  readonly limits: ProviderLimits;
  /**
   * Performs one action on the platform. Resolves once the platform confirmed it; rejects with a
   * ProviderError otherwise. Must stop early when `signal` aborts. Resolves with a note when doing
   * it changed something else the moderator should know of (shown with the confirmed action).
   */
  perform(action: PlatformAction, signal: AbortSignal): Promise<void | ActionNote>;
  /** Renews the platform token after an `auth` failure; the executor then tries once more. */
  refreshAuth?(): Promise<void>;
  /** The platform's registrants for this meeting: the expected-attendee list, where it has one. */
  listRegistrants?(): Promise<ExpectedAttendee[]>;
  /** Current meeting controls as the platform reports them (for suspend/restore). */
  readControls?(): Promise<Partial<MeetingControls> & { locked?: boolean }>;
  /** Stops polling or listening; the meeting itself is left as it is. */
  close(): Promise<void>;
}

/** What the host lends each provider: secrets storage, plain settings, the system browser, time. */
export interface ProviderServices {
  readonly vault: CredentialVault;
  readonly settings: SettingsStore;
  readonly scheduler: Scheduler;
  /** Opens a URL in the system browser (OAuth sign-in). */
  openExternal(url: string): Promise<void>;
}

/** One platform. Registered in the provider registry; the host never imports a provider directly. */
export interface Provider {
  readonly id: ProviderId;
  readonly name: string;
  status(): Promise<ProviderStatus>;
  /** The fields of the provider's settings screen; none for the rehearsal. */
  readonly settingsFields: readonly SettingsField[];
  /** Validates and stores settings: plain values in the settings store, secret fields in the vault. */
  saveSettings?(values: Readonly<Record<string, string>>): Promise<void>;
  /** Starts the platform's sign-in (e.g. OAuth in the system browser); resolves when signed in. */
  signIn?(): Promise<void>;
  /**
   * Forgets the account's tokens (always, even when revocation fails) and revokes them at the
   * platform where it has a revocation endpoint; says which.
   */
  signOut?(): Promise<Revocation>;
  listMeetings(): Promise<MeetingSummary[]>;
  /** `options` comes from the renderer: the provider parses it with its own schema. */
  attach(meetingId: string, options: unknown, context: ProviderContext): Promise<ProviderSession>;
}

/** Builds a provider from the services the host lends it. */
export type ProviderFactory = (services: ProviderServices) => Provider;
