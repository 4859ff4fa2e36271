import { z } from 'zod';
import { describeIssues } from '../../../shared/contract/reply';
import type { ZoomSdkEventName } from '../../../shared/contract/zoomBridge';
import type { ParticipantRole } from '../../../shared/model/participant';
import type { JoiningParticipant, ParticipantChanges, ProviderEvent } from '../../host/provider';

/**
 * One user as the Meeting SDK reports it: `Participant` from `getAttendeeslist()` and
 * `ParticipantPropertiesPayload` from the user events (both in `@zoom/meetingsdk/embedded.d.ts`).
 * Names are bounded generously here; the host cuts them for display.
 */
export const SdkUser = z.looseObject({
  userId: z.number().int().nonnegative(),
  userName: z.string().max(100_000).optional(),
  displayName: z.string().max(100_000).optional(),
  audio: z.string().max(50).optional(),
  muted: z.boolean().optional(),
  isHost: z.boolean().optional(),
  isCoHost: z.boolean().optional(),
  bCoHost: z.boolean().optional(),
  isGuest: z.boolean().optional(),
  isHold: z.boolean().optional(),
  bHold: z.boolean().optional(),
  video: z.boolean().optional(),
  bVideoOn: z.boolean().optional(),
  sharerOn: z.boolean().optional(),
  isPhoneUser: z.boolean().optional(),
  participantUUID: z.string().max(200).optional(),
  customerKey: z.string().max(200).optional(),
  /** On user-added: joined because of an on-hold change or a failover. */
  source: z.string().max(50).optional(),
  /** On user-removed: left because of an on-hold change or a failover (not really gone). */
  reason: z.string().max(50).optional(),
});
export type SdkUser = z.infer<typeof SdkUser>;

/** The docs type user events as one payload; the SDK has been seen sending arrays. Both are accepted. */
export const SdkUsers = z.union([SdkUser, z.array(SdkUser).max(10_000)]).transform((u) => (Array.isArray(u) ? u : [u]));
export const ShareChange = z.looseObject({ userId: z.number().int().nonnegative(), action: z.string().max(50) });
export const ConnectionChange = z.looseObject({ state: z.string().max(50), reason: z.string().max(500).optional() });

const printable = (text: string) => text.replace(/[^\x21-\x7e]/g, '_').slice(0, 180);

/** A stable roster id: the SDK's participant UUID survives waiting-room moves; the user id does not. */
function rosterId(user: SdkUser): string {
  return user.participantUUID ? `zu-${printable(user.participantUUID)}` : `zn-${user.userId}`;
}

function roleOf(user: SdkUser): ParticipantRole {
  if (user.isHost) return 'host';
  if (user.bCoHost || user.isCoHost) return 'cohost';
  if (user.isGuest) return 'guest';
  return 'attendee';
}

const nameOf = (user: SdkUser) => user.userName ?? user.displayName;
const holdOf = (user: SdkUser) => user.isHold ?? user.bHold;
const videoOf = (user: SdkUser) => user.video ?? user.bVideoOn;

/** A failure to parse one SDK event: reported, never thrown into the bridge's message loop. */
export interface RosterProblem {
  event: string;
  issues: string;
}

/**
 * Turns Meeting SDK user events into provider events and keeps the map from roster ids to the SDK's
 * current user ids (which commands need). Removals caused by an on-hold change or a failover are
 * not departures: the user comes back under the same participant UUID, moved or reconnected.
 */
export class SdkRoster {
  private readonly idByUser = new Map<number, string>();
  private readonly userById = new Map<string, number>();
  private readonly present = new Set<string>();
  private readonly expelled = new Set<number>();

  constructor(private readonly emit: (event: ProviderEvent) => void) {}

  /** The SDK user id to address commands to, if the participant is still connected. */
  userIdOf(participantId: string): number | undefined {
    return this.userById.get(participantId);
  }

  rosterIdOf(userId: number): string | undefined {
    return this.idByUser.get(userId);
  }

  /** Marks an expel in flight, so the removal that follows is logged as an ejection. */
  expelling(userId: number): void {
    this.expelled.add(userId);
  }

  notExpelling(userId: number): void {
    this.expelled.delete(userId);
  }

  added(users: readonly SdkUser[], at: number): void {
    for (const user of users) {
      const id = rosterId(user);
      const previous = this.userById.get(id);
      if (previous !== undefined && previous !== user.userId) this.idByUser.delete(previous);
      this.idByUser.set(user.userId, id);
      this.userById.set(id, user.userId);
      if (this.present.has(id)) {
        this.emit({ type: 'updated', at, participantId: id, changes: changesOf(user) });
        continue;
      }
      this.present.add(id);
      this.emit({ type: 'joined', at, participant: joiningOf(id, user) });
    }
  }

  removed(users: readonly SdkUser[], at: number): void {
    for (const user of users) {
      const id = this.idByUser.get(user.userId) ?? rosterId(user);
      this.idByUser.delete(user.userId);
      if (this.userById.get(id) === user.userId) this.userById.delete(id);
      const ejected = this.expelled.delete(user.userId);
      // An on-hold move or a failover: the same person is re-added right after under the same UUID,
      // so it is not a departure. Without a UUID the two cannot be linked: it shows as leave + join.
      if (!ejected && id.startsWith('zu-') && (user.reason === 'on hold' || user.reason === 'failover')) continue;
      if (!this.present.delete(id)) continue;
      const name = nameOf(user);
      this.emit({ type: 'left', at, participantId: id, ...(name ? { displayName: name } : {}), reason: ejected ? 'ejected' : 'left' });
    }
  }

  updated(users: readonly SdkUser[], at: number): void {
    for (const user of users) {
      const id = this.idByUser.get(user.userId) ?? rosterId(user);
      if (!this.present.has(id)) continue;
      const changes = changesOf(user);
      if (Object.keys(changes).length > 0) this.emit({ type: 'updated', at, participantId: id, changes });
    }
  }

  /**
   * Squares the roster with a full attendee list from the SDK: whoever the events missed joins,
   * whoever vanished without a removal event leaves, and each present user's state is refreshed
   * (the host logs only what actually differs).
   */
  reconcile(users: readonly SdkUser[], at: number): void {
    const listed = new Set(users.map(rosterId));
    for (const id of [...this.present]) {
      if (listed.has(id)) continue;
      this.present.delete(id);
      const userId = this.userById.get(id);
      this.userById.delete(id);
      if (userId !== undefined) this.idByUser.delete(userId);
      const ejected = userId !== undefined && this.expelled.delete(userId);
      this.emit({ type: 'left', at, participantId: id, reason: ejected ? 'ejected' : 'unknown' });
    }
    this.added(users, at);
  }

  shareChanged(userId: number, action: string, at: number): void {
    const id = this.idByUser.get(userId);
    if (!id || !this.present.has(id)) return;
    this.emit({ type: 'updated', at, participantId: id, changes: { sharing: /^start/i.test(action) } });
  }

  /**
   * Applies one forwarded SDK event. Returns the parse problem instead of throwing, so one bad
   * payload is reported and the rest keep flowing.
   */
  apply(name: Exclude<ZoomSdkEventName, 'connection-change'>, payload: unknown, at: number): RosterProblem | undefined {
    if (name === 'peer-share-state-change') {
      const parsed = ShareChange.safeParse(payload);
      if (!parsed.success) return { event: name, issues: describeIssues(parsed.error) };
      this.shareChanged(parsed.data.userId, parsed.data.action, at);
      return undefined;
    }
    const parsed = SdkUsers.safeParse(payload);
    if (!parsed.success) return { event: name, issues: describeIssues(parsed.error) };
    if (name === 'user-added') this.added(parsed.data, at);
    else if (name === 'user-removed') this.removed(parsed.data, at);
    else this.updated(parsed.data, at);
    return undefined;
  }
}

function joiningOf(id: string, user: SdkUser): JoiningParticipant {
  return {
    id,
    displayName: nameOf(user) ?? `Zoom user ${user.userId}`,
    role: roleOf(user),
    presence: holdOf(user) ? 'waiting' : 'inMeeting',
    audio: user.muted === undefined ? false : !user.muted && user.audio !== '',
    video: videoOf(user) ?? false,
    sharing: user.sharerOn ?? false,
    identity: {
      ...(user.participantUUID ? { userId: user.participantUUID } : {}),
      ...(user.isPhoneUser ? { client: 'phone' } : {}),
    },
    alerts: [],
  };
}

/** Only what the payload actually carries: user-updated sends the fields that changed. */
function changesOf(user: SdkUser): ParticipantChanges {
  const changes: ParticipantChanges = {};
  const name = nameOf(user);
  if (name !== undefined) changes.displayName = name;
  if (user.muted !== undefined) changes.audio = !user.muted && user.audio !== '';
  const video = videoOf(user);
  if (video !== undefined) changes.video = video;
  if (user.sharerOn !== undefined) changes.sharing = user.sharerOn;
  const hold = holdOf(user);
  if (hold !== undefined) changes.presence = hold ? 'waiting' : 'inMeeting';
  if (user.isHost !== undefined || user.bCoHost !== undefined || user.isCoHost !== undefined) changes.role = roleOf(user);
  return changes;
}
