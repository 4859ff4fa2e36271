/**
 * The state behind the fake Zoom server: one account, its meetings, registrants and the Dashboard's
 * live participants, in the shapes Zoom's REST v2 reference documents. Tests and the drill script
 * change it directly (someone joins, the meeting starts) and read what the provider did to it.
 */

export interface FakeParticipant {
  /** Per-connection id (`user_id` in the Dashboard). */
  userId: string;
  name: string;
  email?: string;
  status: 'in_meeting' | 'in_waiting_room';
  joinTime: number;
  leaveTime?: number;
  sharing?: boolean;
}

export interface FakeMeeting {
  id: number;
  topic: string;
  status: 'waiting' | 'started';
  startTime: number;
  password: string;
  settings: Record<string, unknown>;
  registrants: { email: string; first_name: string; last_name?: string; org?: string }[];
  participants: FakeParticipant[];
  endedAt?: number;
}

export const FAKE_USER = {
  id: 'KDcuGIm1QgePTO8WbOqwIQ',
  email: 'moderator@kpu.example',
  first_name: 'Moderator',
  last_name: 'KPU',
  display_name: 'Moderator KPU',
  account_id: 'fake-account',
};

/** The story's webinar: a live meeting with a passcode and registration, but no waiting room. */
export function storyMeeting(now: number): FakeMeeting {
  const officials = ['Kapolda', 'Pangdam', 'Ketua Pengadilan Tinggi', 'Ketua KPU', 'Ketua Bawaslu', 'Sekretaris Daerah'];
  return {
    id: 81234567890,
    topic: 'Sosialisasi Pilkada: Forum Pimpinan Daerah',
    status: 'started',
    startTime: now - 50 * 60_000,
    password: 'pilkada2026',
    settings: {
      waiting_room: false,
      join_before_host: true,
      jbh_time: 0,
      approval_type: 0,
      registration_type: 1,
      meeting_authentication: false,
      mute_upon_entry: false,
      participant_video: true,
      encryption_type: 'enhanced_encryption',
    },
    registrants: officials.map((name, i) => ({ email: `official${i + 1}@prov.example`, first_name: name, org: 'Forkopimda' })),
    participants: officials.map((name, i) => ({
      userId: String(16778240 + i),
      name,
      email: `official${i + 1}@prov.example`,
      status: 'in_meeting' as const,
      joinTime: now - (45 - i) * 60_000,
    })),
  };
}

/** A scheduled meeting that has not started, to list beside the live one. */
export function scheduledMeeting(now: number): FakeMeeting {
  return {
    id: 89876543210,
    topic: 'Rapat evaluasi',
    status: 'waiting',
    startTime: now + 24 * 3600_000,
    password: '',
    settings: { waiting_room: true, join_before_host: false, approval_type: 2, meeting_authentication: true, mute_upon_entry: true },
    registrants: [],
    participants: [],
  };
}

/** The intruders of the story, as the Dashboard would list them. */
export function intruders(now: number): FakeParticipant[] {
  return ['Ketua KPU', 'K3tua KPU', 'Host', '🔞🔞🔞', 'xkq8zpw'].map((name, i) => ({
    userId: String(16779000 + i),
    name,
    status: 'in_meeting' as const,
    joinTime: now + i * 1000,
    sharing: i === 2,
  }));
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function meetingJson(m: FakeMeeting): Record<string, unknown> {
  return {
    id: m.id,
    uuid: `uuid-${m.id}==`,
    host_id: FAKE_USER.id,
    topic: m.topic,
    type: 2,
    status: m.status,
    start_time: iso(m.startTime),
    duration: 120,
    timezone: 'Asia/Jakarta',
    ...(m.password ? { password: m.password } : {}),
    join_url: `https://zoom.example/j/${m.id}`,
    settings: m.settings,
  };
}

export function listItemJson(m: FakeMeeting): Record<string, unknown> {
  return { id: m.id, uuid: `uuid-${m.id}==`, host_id: FAKE_USER.id, topic: m.topic, type: 2, start_time: iso(m.startTime), duration: 120 };
}

/** A Dashboard record. Guests (no email) come back without `id` or `participant_user_id`, as since 2023. */
export function dashboardJson(p: FakeParticipant): Record<string, unknown> {
  return {
    ...(p.email ? { id: `acct-${p.userId}`, participant_user_id: `acct-${p.userId}`, email: p.email } : { id: '' }),
    user_id: p.userId,
    user_name: p.name,
    device: 'Windows',
    ip_address: '203.0.113.7',
    location: 'Jakarta (ID)',
    network_type: 'Wifi',
    join_time: iso(p.joinTime),
    ...(p.leaveTime !== undefined ? { leave_time: iso(p.leaveTime) } : {}),
    status: p.status,
    share_application: false,
    share_desktop: Boolean(p.sharing),
    share_whiteboard: false,
    recording: false,
  };
}
