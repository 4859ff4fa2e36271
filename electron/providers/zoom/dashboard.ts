import { createHash } from 'node:crypto';
import type { JoiningParticipant, ProviderEvent } from '../../host/provider';
import type { ZoomDashboardParticipant } from './schemas';

interface Seen {
  name: string;
  presence: 'inMeeting' | 'waiting';
  sharing: boolean;
}

const time = (iso: string | undefined, fallback: number) => {
  const at = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(at) ? fallback : at;
};

/**
 * The roster key of one Dashboard record. Zoom hides guests' `id` and `participant_user_id`
 * (2023-03), so the per-connection `user_id` or the participant UUID is used first; as a last
 * resort, name and join time. Hashed, because the fallback holds free text.
 */
function keyOf(record: ZoomDashboardParticipant): string {
  const raw = record.participant_uuid || record.user_id || record.id || `${record.user_name}@${record.join_time ?? ''}`;
  return `zd-${createHash('sha256').update(raw).digest('hex').slice(0, 24)}`;
}

const sharingOf = (r: ZoomDashboardParticipant) => Boolean(r.share_application || r.share_desktop || r.share_whiteboard);

/**
 * The fallback roster when the meeting window is not joined: successive reads of the Dashboard
 * API's live participants, diffed into joins, leaves and updates. The Dashboard lags by minutes
 * and needs a Business plan; the panel says so through the link state.
 */
export class DashboardRoster {
  private seen = new Map<string, Seen>();
  private lastRead = 0;

  constructor(private readonly emit: (event: ProviderEvent) => void) {}

  /** Applies one complete read (all pages) taken at `now`. */
  apply(records: readonly ZoomDashboardParticipant[], now: number): void {
    const current = new Map<string, { record: ZoomDashboardParticipant; state: Seen }>();
    const leaveTimes = new Map<string, number>();
    for (const record of records) {
      const key = keyOf(record);
      if (record.leave_time) {
        leaveTimes.set(key, time(record.leave_time, now));
        continue;
      }
      const presence = record.status === 'in_waiting_room' ? 'waiting' : 'inMeeting';
      current.set(key, { record, state: { name: record.user_name, presence, sharing: sharingOf(record) } });
    }
    for (const [key, { record, state }] of current) {
      const before = this.seen.get(key);
      if (!before) {
        this.emit({ type: 'joined', at: time(record.join_time, now), participant: joiningOf(key, record, state) });
        continue;
      }
      const changes = {
        ...(before.name !== state.name ? { displayName: state.name } : {}),
        ...(before.presence !== state.presence ? { presence: state.presence } : {}),
        ...(before.sharing !== state.sharing ? { sharing: state.sharing } : {}),
      };
      if (Object.keys(changes).length > 0) this.emit({ type: 'updated', at: now, participantId: key, changes });
    }
    for (const [key, before] of this.seen) {
      if (current.has(key)) continue;
      // Never earlier than the read that still saw them, or the host would take the leave as stale.
      const at = Math.max(this.lastRead, Math.min(leaveTimes.get(key) ?? now, now));
      this.emit({ type: 'left', at, participantId: key, displayName: before.name, reason: 'left' });
    }
    this.lastRead = now;
    this.seen = new Map([...current].map(([key, { state }]) => [key, state]));
  }
}

function joiningOf(id: string, record: ZoomDashboardParticipant, state: Seen): JoiningParticipant {
  return {
    id,
    displayName: state.name || 'Unnamed participant',
    role: 'attendee',
    presence: state.presence,
    // The Dashboard does not report live audio or video state.
    audio: false,
    video: false,
    sharing: state.sharing,
    identity: {
      ...(record.participant_user_id || record.id ? { userId: record.participant_user_id || record.id } : {}),
      ...(record.email ? { email: record.email } : {}),
      ...(record.device ? { client: record.device } : {}),
      ...(record.ip_address ? { ip: record.ip_address } : {}),
    },
    alerts: [],
  };
}
