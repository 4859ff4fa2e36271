import { randomBytes } from 'node:crypto';
import type { FakeReply } from './fakeOAuth';
import type { FakeMeeting, FakeParticipant, FakeWebexState } from './fakeWebexState';

/** A request that passed the spec check, with its operation and path parameters. */
export interface ApiCall {
  operationId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

const notFound = (what: string): FakeReply => ({ status: 404, body: { message: `${what} not found`, trackingId: 'FAKE_404' } });
const badRequest = (message: string): FakeReply => ({ status: 400, body: { message, trackingId: 'FAKE_400' } });

/** The fake's answer to each Webex operation Hostdeck uses; anything else is 404, as unmodelled. */
export class FakeApi {
  /** Paging cursors this fake issued in `Link` headers, by value: the offset they stand for. */
  readonly cursors = new Map<string, number>();

  constructor(
    private readonly state: FakeWebexState,
    private readonly apiBaseUrl: string,
    private readonly pageSize: () => number,
  ) {}

  handle(call: ApiCall): FakeReply {
    switch (call.operationId) {
      case 'listMeetings':
        return this.listMeetings(call.query);
      case 'getMeetingById': {
        const meeting = this.state.meetings.get(call.params.meetingId ?? '');
        return meeting ? { status: 200, body: meetingObject(meeting) } : notFound('meeting');
      }
      case 'List Meeting Participants':
        return this.listParticipants(call.query);
      case 'Get Meeting Participant Details': {
        const found = this.state.findParticipant(call.params.participantId ?? '');
        return found ? { status: 200, body: participantObject(found.meeting, found.participant) } : notFound('participant');
      }
      case 'Update a Participant':
        return this.updateParticipant(call.params.participantId ?? '', call.body as Record<string, boolean>);
      case 'Admit Participants':
        return this.admit(call.body as { items?: { participantId?: string }[] });
      case 'getMeetingControl':
      case 'updateMeetingControl':
        return this.controls(call);
      case 'endMeeting': {
        const meeting = this.state.meetings.get(call.params.meetingId ?? '');
        if (!meeting || meeting.state !== 'inProgress') return notFound('meeting in progress');
        this.state.end(meeting.id);
        return { status: 204 };
      }
      default:
        return notFound(`operation ${call.operationId} (not modelled by the fake)`);
    }
  }

  private listMeetings(query: URLSearchParams): FakeReply {
    const type = query.get('meetingType') ?? 'meetingSeries';
    const state = query.get('state');
    const from = Date.parse(query.get('from') ?? '') || Number.NEGATIVE_INFINITY;
    const to = Date.parse(query.get('to') ?? '') || Number.POSITIVE_INFINITY;
    const items = [...this.state.meetings.values()]
      .filter((m) => m.meetingType === type && (!state || m.state === state))
      .filter((m) => type === 'meeting' || (Date.parse(m.start) >= from && Date.parse(m.start) < to))
      .map(meetingObject);
    return { status: 200, headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: { items } };
  }

  private listParticipants(query: URLSearchParams): FakeReply {
    const meeting = this.state.meetings.get(query.get('meetingId') ?? '');
    if (!meeting || meeting.meetingType !== 'meeting') return notFound('meeting');
    // In progress: the real-time participants; ended: everyone who joined (spec).
    const all = [...meeting.participants.values()].filter((p) => meeting.state === 'ended' || p.state !== 'end');
    const cursor = query.get('cursor');
    const offset = cursor ? (this.cursors.get(cursor) ?? 0) : 0;
    const size = Math.min(Number(query.get('max') ?? '10'), this.pageSize());
    const items = all.slice(offset, offset + size).map((p) => participantObject(meeting, p));
    const headers: Record<string, string> = {};
    if (offset + size < all.length) {
      const next = randomBytes(9).toString('base64url');
      this.cursors.set(next, offset + size);
      const url = new URL(`${this.apiBaseUrl}/meetingParticipants`);
      url.searchParams.set('meetingId', meeting.id);
      url.searchParams.set('max', String(size));
      url.searchParams.set('cursor', next);
      headers.Link = `<${url.href}>; rel="next"`;
    }
    return { status: 200, headers, body: { items } };
  }

  private updateParticipant(participantId: string, body: Record<string, boolean>): FakeReply {
    const found = this.state.findParticipant(participantId);
    if (!found || found.participant.state === 'end' || found.meeting.state !== 'inProgress')
      return notFound('participant in a live meeting');
    // The answer describes the participant as the call found them (InProgressParticipant has no `end`).
    const before = participantObject(found.meeting, found.participant);
    this.state.update(participantId, { expel: body.expel, admit: body.admit, muted: body.muted });
    const expelled = (found.participant.state as FakeParticipant['state']) === 'end';
    const after = expelled ? before : participantObject(found.meeting, found.participant);
    delete after.joinedTime;
    delete after.leftTime;
    return { status: 200, body: after };
  }

  private admit(body: { items?: { participantId?: string }[] }): FakeReply {
    const items = body.items ?? [];
    if (items.length === 0 || items.length > 100) return badRequest('items must hold 1 to 100 participants');
    const ids = items.map((i) => i.participantId ?? '');
    const meetings = new Set(ids.map((id) => this.state.findParticipant(id)?.meeting.id));
    if (meetings.size !== 1 || meetings.has(undefined)) return badRequest('every participantId must belong to the same meeting');
    for (const id of ids) this.state.update(id, { admit: true });
    return { status: 204 };
  }

  private controls(call: ApiCall): FakeReply {
    const meeting = this.state.meetings.get(call.query.get('meetingId') ?? '');
    if (!meeting || meeting.state !== 'inProgress') return notFound('meeting in progress');
    const change = call.body as { locked?: boolean } | undefined;
    if (call.operationId === 'updateMeetingControl' && change?.locked !== undefined) meeting.locked = change.locked;
    return { status: 200, body: { locked: meeting.locked, recordingStarted: false, recordingPaused: false } };
  }
}

/** A meeting as `MeetingSeriesObject` / `MeetingObjectForListMeeting` (every required field). */
export function meetingObject(m: FakeMeeting): Record<string, unknown> {
  return {
    id: m.id,
    meetingSeriesId: m.meetingSeriesId,
    ...(m.scheduledMeetingId ? { scheduledMeetingId: m.scheduledMeetingId } : {}),
    meetingNumber: '25165557777',
    title: m.title,
    password: m.password,
    meetingType: m.meetingType,
    state: m.state,
    timezone: 'UTC',
    start: m.start,
    end: m.end,
    hostUserId: 'fake-host-user',
    hostDisplayName: 'Fake Host',
    hostEmail: 'host@example.org',
    hostKey: '123456',
    siteUrl: 'example.webex.com',
    webLink: `https://example.webex.com/meet/${m.meetingSeriesId}`,
    telephony: { accessCode: '25165557777', callInNumbers: [{ label: 'Call-in number', callInNumber: '+1 555 0100', tollType: 'toll' }] },
    enabledBreakoutSessions: false,
    scheduledType: 'meeting',
    ...m.settings,
  };
}

/** A participant as `components.schemas.Participant`. */
export function participantObject(m: FakeMeeting, p: FakeParticipant): Record<string, unknown> {
  return {
    id: p.id,
    orgId: 'fake-org',
    host: p.host,
    coHost: p.coHost,
    ...(p.email ? { email: p.email } : {}),
    displayName: p.displayName,
    invitee: false,
    muted: p.muted,
    video: p.video,
    state: p.state,
    joinedTime: p.joinedTime,
    ...(p.leftTime ? { leftTime: p.leftTime } : {}),
    siteUrl: 'example.webex.com',
    meetingId: m.id,
    hostEmail: 'host@example.org',
    devices: [{ correlationId: p.id.slice(-36), deviceType: 'webex_meeting_center_mac', audioType: 'voip', joinedTime: p.joinedTime }],
  };
}
