import { describe, expect, it } from 'vitest';
import { type z } from 'zod';
import { Action, ActionOutcome } from '../model/action';
import { UNKNOWN_CONTROLS } from '../model/meeting';
import { commands, COMMAND_NAMES } from './commands';
import { events, EVENT_NAMES } from './events';
import { RosterMessage } from './roster';
import { WireCall } from './wire';

const participant = {
  id: 'p-1',
  displayName: '\u202Egnp.exe <img src=x onerror=alert(1)> 🔞',
  role: 'attendee',
  presence: 'inMeeting',
  joinedAt: 1_700_000_000_000,
  audio: true,
  video: true,
  sharing: false,
  identity: { ip: '203.0.113.7' },
  alerts: ['loudAudio', 'explicitVideo'],
  renamedFrom: ['xx_k2j9'],
  match: { status: 'impostor', expectedId: 'a2', expectedName: 'Budi Santoso', basis: 'alreadyPresent' },
  risk: {
    score: 8,
    level: 'flagged',
    flags: [
      { signal: 'impostor', weight: 4, detail: 'Budi Santoso' },
      { signal: 'platformAlert', weight: 4 },
    ],
  },
} as const;
const meeting = {
  id: 'intrusion',
  providerId: 'rehearsal',
  title: 'Webinar',
  status: 'live',
  locked: false,
  controls: UNKNOWN_CONTROLS,
  startedAt: 1,
} as const;

/** Sends a value through JSON, as both shells do, and parses it back. */
function roundTrip<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  return schema.parse(JSON.parse(JSON.stringify(schema.parse(value))));
}

describe('contract', () => {
  it('declares every command and event once, with the same names as the plain channel lists', () => {
    expect(Object.keys(commands).sort()).toEqual([...COMMAND_NAMES].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('round-trips roster snapshots and patches unchanged', () => {
    const snapshot = { kind: 'snapshot', sessionId: 's1', seq: 3, state: { meeting, participants: [participant], blockedJoins: [] } };
    expect(roundTrip(RosterMessage, snapshot)).toEqual(snapshot);
    const patch = {
      kind: 'patch',
      sessionId: 's1',
      seq: 4,
      meeting: { ...meeting, locked: true },
      upserts: [{ ...participant, presence: 'left', leftAt: 1_700_000_000_500, leaveReason: 'ejected' }],
      blocked: [{ id: 'b1', displayName: 'again', at: 1_700_000_000_900, identity: {}, reason: 'locked' }],
    };
    expect(roundTrip(RosterMessage, patch)).toEqual(patch);
  });

  it('round-trips every kind of action and an outcome', () => {
    const actions = [
      { id: 'a1', kind: 'eject', participantId: 'p-1' },
      { id: 'a2', kind: 'lock' },
      { id: 'a3', kind: 'unlock' },
      { id: 'a4', kind: 'endForAll' },
      { id: 'a5', kind: 'postChat', text: 'Mohon maaf atas gangguan ini.' },
    ];
    for (const action of actions) expect(roundTrip(Action, action)).toEqual(action);
    const outcome = {
      actionId: 'a1',
      kind: 'eject',
      target: 'X',
      participantId: 'p-1',
      status: 'failed',
      reason: 'gone',
      requestedAt: 1,
      settledAt: 2,
      latencyMs: 1,
      attempts: 1,
      retryable: false,
    };
    expect(roundTrip(ActionOutcome, outcome)).toEqual(outcome);
  });

  it('rejects malformed actions with the reason', () => {
    const bad = [
      { id: 'a1', kind: 'eject' },
      { id: 'has space', kind: 'lock' },
      { id: 'x'.repeat(65), kind: 'lock' },
      { id: 'a1', kind: 'lock', extra: true },
      { id: 'a1', kind: 'postChat', text: '   ' },
      { id: 'a1', kind: 'postChat', text: 'x'.repeat(2001) },
      { id: 'a1', kind: 'selfDestruct' },
      null,
      'lock',
    ];
    for (const value of bad) expect(Action.safeParse(value).success, JSON.stringify(value)?.slice(0, 80)).toBe(false);
  });

  it('rejects malformed command inputs and wire frames', () => {
    expect(commands.getLogTail.input.safeParse({ limit: 0 }).success).toBe(false);
    expect(commands.getLogTail.input.safeParse({ limit: 10 }).success).toBe(true);
    expect(commands.attach.input.safeParse({ providerId: 'skype', meetingId: 'm' }).success).toBe(false);
    expect(commands.attach.input.safeParse({ providerId: 'rehearsal', meetingId: 'bad id\n' }).success).toBe(false);
    expect(commands.listMeetings.input.safeParse({ providerId: 'rehearsal', sneaky: 1 }).success).toBe(false);
    expect(WireCall.safeParse({ t: 'call', id: -1, name: 'getOverview', input: {} }).success).toBe(false);
    expect(WireCall.safeParse({ t: 'call', id: 1, name: 'getOverview', input: {} }).success).toBe(true);
  });

  it('rejects roster messages that break the model', () => {
    const base = { kind: 'patch', sessionId: 's1', seq: 1, upserts: [participant], blocked: [] };
    expect(RosterMessage.safeParse(base).success).toBe(true);
    expect(RosterMessage.safeParse({ ...base, seq: 0 }).success).toBe(false);
    expect(RosterMessage.safeParse({ ...base, upserts: [{ ...participant, role: 'god' }] }).success).toBe(false);
    expect(RosterMessage.safeParse({ ...base, upserts: [{ ...participant, displayName: 'x'.repeat(5000) }] }).success).toBe(false);
    expect(RosterMessage.safeParse({ ...base, upserts: [{ ...participant, alerts: ['pixels'] }] }).success).toBe(false);
  });
});
