import { describe, expect, it } from 'vitest';
import type { EntryBody } from '../../../shared/incident/entry';
import type { ExpectedAttendee } from '../../../shared/risk/attendees';
import { UNKNOWN_CONTROLS, type Meeting } from '../../../shared/model/meeting';
import type { Participant, ParticipantRole } from '../../../shared/model/participant';
import { DEFAULT_RISK_SETTINGS, type RiskSettings, type RiskSignal } from '../../../shared/model/risk';
import type { JoiningParticipant } from '../provider';
import { SessionController } from './sessionController';

const MINUTE = 60_000;

const meeting: Meeting = {
  id: 'm1',
  providerId: 'rehearsal',
  title: 'Webinar',
  status: 'live',
  locked: false,
  controls: UNKNOWN_CONTROLS,
  startedAt: 0,
};

/**
 * The risk engine as the host runs it: behind the session controller, fed platform events through
 * the real fold, with the meeting-wide indexes (names present, join bursts) it keeps.
 */
function session(settings: Partial<RiskSettings> = {}, attendees?: readonly ExpectedAttendee[]) {
  const log: EntryBody[] = [];
  const controller = new SessionController({
    sessionId: 's1',
    meeting,
    onRoster: () => undefined,
    onLog: (body) => log.push(body),
    riskSettings: { ...DEFAULT_RISK_SETTINGS, ...settings },
    ...(attendees ? { attendees } : {}),
    defer: () => undefined,
  });
  const get = (id: string): Participant => {
    const p = controller.participant(id);
    if (!p) throw new Error(`no participant ${id}`);
    return p;
  };
  const join = (id: string, displayName: string, at: number, extra: Partial<JoiningParticipant> = {}): Participant => {
    controller.handle({
      type: 'joined',
      at,
      participant: {
        id,
        displayName,
        role: 'attendee',
        presence: 'inMeeting',
        audio: false,
        video: false,
        sharing: false,
        identity: {},
        alerts: [],
        ...extra,
      },
    });
    return get(id);
  };
  /** An invited official: known by email, so identity alone raises nothing. */
  const official = (id: string, displayName: string, at = MINUTE, role: ParticipantRole = 'attendee') =>
    join(id, displayName, at, { role, identity: { email: `${id}@kpu.example.id` } });
  const rename = (id: string, displayName: string, at: number) => {
    controller.handle({ type: 'updated', at, participantId: id, changes: { displayName } });
    return get(id);
  };
  const leave = (id: string, at: number) => controller.handle({ type: 'left', at, participantId: id, reason: 'left' });
  const update = (id: string, changes: Partial<JoiningParticipant>, at: number) => {
    controller.handle({ type: 'updated', at, participantId: id, changes });
    return get(id);
  };
  const flaggedLog = () => log.flatMap((b) => (b.kind === 'participant.flagged' ? [b.data] : []));
  return { controller, get, join, official, rename, update, leave, flaggedLog };
}

const signals = (p: Participant): RiskSignal[] => p.risk.flags.map((f) => f.signal);
const flag = (p: Participant, signal: RiskSignal) => p.risk.flags.find((f) => f.signal === signal);

describe('risk engine', () => {
  it('marks a burst of unknown joiners, including the ones who arrived before the burst was complete', () => {
    const s = session();
    s.official('o1', 'Siti Rahma', 10_000);
    s.join('u1', 'guest one', 30_000);
    expect(signals(s.get('u1'))).not.toContain('joinBurst');
    s.join('u2', 'guest two', 35_000);
    s.join('u3', 'guest three', 41_000);
    for (const id of ['u1', 'u2', 'u3']) expect(flag(s.get(id), 'joinBurst'), id).toMatchObject({ detail: '3' });
    // Known people arriving at the same moment are not part of it.
    expect(signals(s.get('o1'))).not.toContain('joinBurst');
    s.official('o2', 'Agus Salim', 42_000);
    expect(signals(s.get('o2'))).not.toContain('joinBurst');
  });

  it('does not call unknown joiners spread over time a burst, and follows the configured window and count', () => {
    const spread = session();
    for (const [i, at] of [30_000, 55_000, 80_000, 105_000].entries()) spread.join(`u${i}`, `guest ${i}`, at);
    for (const i of [0, 1, 2, 3]) expect(signals(spread.get(`u${i}`))).not.toContain('joinBurst');

    const strict = session({ burstCount: 4, burstWindowMs: 10_000 });
    for (const [i, at] of [30_000, 32_000, 34_000].entries()) strict.join(`u${i}`, `guest ${i}`, at);
    for (const i of [0, 1, 2]) expect(signals(strict.get(`u${i}`))).not.toContain('joinBurst');
    strict.join('u3', 'guest 3', 36_000);
    for (const i of [0, 1, 2, 3]) expect(flag(strict.get(`u${i}`), 'joinBurst')).toMatchObject({ detail: '4' });
  });

  it('flags a duplicate of a name already present, ignoring case, accents, spacing and look-alikes', () => {
    const s = session();
    s.official('o1', 'Budi Santoso');
    const copy = s.join('c1', 'budi  SANTOSÓ', 2 * MINUTE);
    expect(flag(copy, 'duplicateName')).toMatchObject({ detail: 'Budi Santoso' });
    const lookalike = s.join('c2', 'Budi Sant0s\u043E', 3 * MINUTE); // a digit zero and a Cyrillic о
    expect(flag(lookalike, 'duplicateName')).toMatchObject({ detail: 'Budi Santoso' });
    // The first holder of the name is not the duplicate.
    expect(signals(s.get('o1'))).not.toContain('duplicateName');
    expect(signals(s.join('d1', 'Budi Santosa', 4 * MINUTE))).not.toContain('duplicateName');
  });

  it('only counts names of people still present as duplicates', () => {
    const s = session();
    s.official('o1', 'Dewi Lestari');
    s.leave('o1', 2 * MINUTE);
    expect(signals(s.join('c1', 'Dewi Lestari', 3 * MINUTE))).not.toContain('duplicateName');
  });

  it('clears the duplicate mark when the original leaves, so the one who stays is no longer a copy', () => {
    const s = session();
    s.official('o1', 'Dewi Lestari');
    expect(signals(s.join('c1', 'Dewi Lestari', 2 * MINUTE))).toContain('duplicateName');
    s.leave('o1', 3 * MINUTE);
    expect(signals(s.get('c1'))).not.toContain('duplicateName');
  });

  it('notices microphone and camera both on at arrival, not one of them, not later, and not for panelists', () => {
    const s = session();
    expect(signals(s.join('a', 'Rina', MINUTE, { audio: true, video: true }))).toContain('mediaOnArrival');
    expect(signals(s.join('b', 'Tono', MINUTE, { audio: true }))).not.toContain('mediaOnArrival');
    expect(signals(s.join('c', 'Wati', MINUTE, { video: true }))).not.toContain('mediaOnArrival');
    s.join('d', 'Joko', MINUTE);
    s.controller.handle({ type: 'updated', at: 2 * MINUTE, participantId: 'd', changes: { audio: true, video: true } });
    expect(signals(s.get('d'))).not.toContain('mediaOnArrival');
    expect(signals(s.join('e', 'Prof. Hadi', MINUTE, { role: 'panelist', audio: true, video: true }))).not.toContain('mediaOnArrival');
  });

  it('flags an attendee imitating the host or a panelist present in the meeting, and says whom', () => {
    const s = session();
    s.official('h', 'Moderator KPU Provinsi', 0, 'host');
    s.official('p', 'Dr. Ratna Sari', 30_000, 'panelist');
    const fakeHost = s.join('x1', 'Moderator KPU  Provinsi', 2 * MINUTE);
    expect(flag(fakeHost, 'imitatesHost')).toMatchObject({ detail: 'Moderator KPU Provinsi' });
    expect(fakeHost.risk.level).toBe('flagged');
    const fakePanelist = s.join('x2', 'Dr Ratna Sar1', 3 * MINUTE, { identity: { email: 'someone@example.com' } });
    expect(flag(fakePanelist, 'imitatesHost')).toMatchObject({ detail: 'Dr. Ratna Sari' });
    expect(fakePanelist.risk.level).toBe('flagged');
    // An imitation is named as such, not also as a duplicate; the real ones are never scored as imitators.
    expect(signals(fakePanelist)).not.toContain('duplicateName');
    expect(signals(s.get('p'))).not.toContain('imitatesHost');
    expect(s.flaggedLog().map((f) => f.participantId)).toEqual(['x1', 'x2']);
  });

  it('flags an imitator who arrived before the panelist they imitate', () => {
    const s = session();
    s.join('x1', 'Dr. Ratna Sari', 20_000, { identity: { email: 'ratna.sari@gmail.example' } });
    expect(signals(s.get('x1'))).not.toContain('imitatesHost');
    s.official('p', 'Dr. Ratna Sari', 40_000, 'panelist');
    expect(flag(s.get('x1'), 'imitatesHost')).toMatchObject({ detail: 'Dr. Ratna Sari' });
    expect(s.get('x1').risk.level).toBe('flagged');
    expect(s.flaggedLog().map((f) => f.participantId)).toEqual(['x1']);
  });

  it('does not call a name an imitation once the panelist with that name has left', () => {
    const s = session();
    s.official('p', 'Dr. Ratna Sari', 10_000, 'panelist');
    s.leave('p', 2 * MINUTE);
    expect(signals(s.join('p2', 'Dr. Ratna Sari', 3 * MINUTE, { identity: { email: 'p@kpu.example.id' } }))).not.toContain('imitatesHost');
  });

  it('notes a rename after joining with the old name, and re-checks the new name', () => {
    const s = session();
    s.official('h', 'Moderator KPU Provinsi', 0, 'host');
    s.official('a', 'Andi Wijaya');
    const renamed = s.rename('a', 'Andi W.', 2 * MINUTE);
    expect(flag(renamed, 'renamed')).toMatchObject({ detail: 'Andi Wijaya' });
    expect(renamed.risk.level).toBe('none'); // one weak signal

    s.join('x', 'qq_8fk2m', 3 * MINUTE);
    const disguised = s.rename('x', 'Moderator KPU Provinsi', 4 * MINUTE);
    expect(signals(disguised)).toEqual(expect.arrayContaining(['imitatesHost', 'renamed']));
    expect(flag(disguised, 'renamed')?.detail).toBe('qq_8fk2m');
    expect(disguised.risk.level).toBe('flagged');
    expect(s.flaggedLog()).toEqual([
      expect.objectContaining({ participantId: 'x', displayName: 'Moderator KPU Provinsi', flags: disguised.risk.flags }),
    ]);
  });

  it('flags explicit names in English and Indonesian, through spelling tricks, and with the reason', () => {
    const s = session();
    const explicit = [
      'XXX hot videos',
      'free p0rn',
      'S3X chat',
      'Bokep Gratis',
      'ngent0t',
      'Tante Sange',
      'VCS murah',
      '\u{1F51E} LIVE 18+',
    ];
    for (const [i, name] of explicit.entries()) {
      const p = s.join(`e${i}`, name, MINUTE, { identity: { email: `e${i}@example.com` } });
      expect(signals(p), name).toContain('explicitName');
      expect(p.risk.level, name).toBe('flagged');
    }
    // An innocent rename to an explicit one is caught too.
    s.official('r', 'Yusuf');
    expect(signals(s.rename('r', 'memek', 2 * MINUTE))).toContain('explicitName');
    // Real names and places that merely contain those letters are left alone.
    for (const [i, name] of ['Sussex Police', 'Essex County Council', 'Colibri Santoso', 'Kokok Dirgantoro'].entries()) {
      const p = s.join(`n${i}`, name, MINUTE, { identity: { email: `n${i}@example.com` } });
      expect(signals(p), name).not.toContain('explicitName');
    }
    const logged = s.flaggedLog().find((f) => f.participantId === 'e3');
    expect(logged?.flags.map((f) => f.signal)).toContain('explicitName');
  });

  it('does not flag on one weak signal alone, nor on two, and flags at the configured threshold', () => {
    const s = session();
    s.official('o1', 'Lina Marlina');
    s.official('o2', 'Yanti Susanti');
    const late = s.join('late', 'Hendra Gunawan', 30 * MINUTE); // late, and no identity: 1 + 1
    expect(signals(late).sort()).toEqual(['lateJoin', 'unknownIdentity']);
    expect(late.risk).toMatchObject({ score: 2, level: 'watch' });
    const copy = s.join('copy', 'Lina Marlina', 2 * MINUTE, { identity: { email: 'lina@example.com' } });
    expect(copy.risk).toMatchObject({ score: 2, level: 'watch' });
    const loud = s.join('loud', 'Rudi', 2 * MINUTE, { audio: true, video: true, identity: { email: 'rudi@example.com' } });
    expect(loud.risk).toMatchObject({ score: 2, level: 'watch' });
    const renamed = s.rename('o2', 'Yanti S.', 3 * MINUTE);
    expect(renamed.risk).toMatchObject({ score: 1, level: 'none' });
    expect(s.flaggedLog()).toEqual([]);

    s.controller.setRiskSettings({ ...DEFAULT_RISK_SETTINGS, flagAt: 2, watchAt: 1 });
    for (const id of ['late', 'copy', 'loud']) expect(s.get(id).risk.level, id).toBe('flagged');
    expect(s.get('o2').risk.level).toBe('watch');
    expect(
      s
        .flaggedLog()
        .map((f) => f.participantId)
        .sort(),
    ).toEqual(['copy', 'late', 'loud']);
  });

  describe('against the expected-attendee list', () => {
    const list: ExpectedAttendee[] = [
      { id: 'a1', name: 'Budi Santoso', email: 'budi@kpu.example.id' },
      { id: 'a2', name: 'Siti Rahma', email: 'siti@kpu.example.id' },
      { id: 'a3', name: 'Agus Salim' },
    ];

    it('knows an expected person by email whatever name they use, and one without email by name', () => {
      const s = session({}, list);
      const budi = s.join('b', 'Pak Budi (HP)', MINUTE, { identity: { email: 'BUDI@kpu.example.id' } });
      expect(budi.match).toMatchObject({ status: 'expected', expectedId: 'a1', basis: 'email' });
      expect(budi.risk.flags).toEqual([]);
      const agus = s.join('g', 'agus salim', MINUTE);
      expect(agus.match).toMatchObject({ status: 'expected', expectedId: 'a3', basis: 'name' });
      expect(signals(agus)).not.toContain('unknownIdentity');
    });

    it('calls someone not on the list unknown: a weak signal, named as such', () => {
      const s = session({}, list);
      const stranger = s.join('x', 'Hendra Gunawan', MINUTE, { identity: { email: 'hendra@example.com' } });
      expect(stranger.match.status).toBe('unknown');
      expect(signals(stranger)).toEqual(['unknownIdentity']);
      expect(stranger.risk).toMatchObject({ score: 1, level: 'none' });
    });

    it('flags a second "Budi Santoso" while the real one is present, and says which expected person', () => {
      const s = session({}, list);
      s.join('b', 'Budi Santoso', MINUTE, { identity: { email: 'budi@kpu.example.id' } });
      const copy = s.join('x', 'budi santoso', 2 * MINUTE);
      expect(copy.match).toMatchObject({ status: 'impostor', expectedId: 'a1', basis: 'alreadyPresent' });
      expect(flag(copy, 'impostor')?.detail).toBe('Budi Santoso (alreadyPresent)');
      expect(copy.risk.level).toBe('flagged');
      expect(s.get('b').risk.level).toBe('none');
      expect(s.flaggedLog()).toEqual([expect.objectContaining({ participantId: 'x', match: copy.match })]);
    });

    it('flags an expected name used with someone else\u2019s email, and a name matching only through look-alikes', () => {
      const s = session({}, list);
      const mismatch = s.join('m', 'Siti Rahma', MINUTE, { identity: { email: 'siti.rahma@gmail.example' } });
      expect(mismatch.match).toMatchObject({ status: 'impostor', expectedId: 'a2', basis: 'identityMismatch' });
      expect(mismatch.risk.level).toBe('flagged');
      const lookalike = s.join('l', 'Agus Sa1im', MINUTE); // digit one for the letter l
      expect(lookalike.match).toMatchObject({ status: 'impostor', expectedId: 'a3', basis: 'lookalike' });
      expect(flag(lookalike, 'impostor')?.detail).toBe('Agus Salim (lookalike)');
      expect(lookalike.risk.level).toBe('flagged');
    });

    it('flags the insider pattern: a name-only "Budi Santoso" who was in first, once the real Budi arrives', () => {
      const s = session({}, list);
      const early = s.join('x', 'Budi Santoso', MINUTE);
      expect(early.match).toMatchObject({ status: 'expected', basis: 'name' });
      const real = s.join('b', 'Budi Santoso', 2 * MINUTE, { identity: { email: 'budi@kpu.example.id' } });
      expect(real.match).toMatchObject({ status: 'expected', basis: 'email' });
      expect(real.risk.level).toBe('none');
      expect(s.get('x').match).toMatchObject({ status: 'impostor', expectedId: 'a1', basis: 'alreadyPresent' });
      expect(s.get('x').risk.level).toBe('flagged');
      expect(s.flaggedLog().map((f) => f.participantId)).toEqual(['x']);
    });

    it('sorts out who is who when the list is loaded after people have joined', () => {
      const s = session();
      s.join('x', 'Budi Santoso', MINUTE);
      s.join('b', 'Budi Santoso', 2 * MINUTE, { identity: { email: 'budi@kpu.example.id' } });
      s.join('g', 'Agus Salim', 3 * MINUTE);
      s.join('g2', 'Agus Salim', 4 * MINUTE);
      s.controller.setAttendees(list);
      expect(s.get('b').match).toMatchObject({ status: 'expected', basis: 'email' });
      expect(s.get('x').match).toMatchObject({ status: 'impostor', basis: 'alreadyPresent' });
      // Two name-only claims to the same person: the first keeps it.
      expect(s.get('g').match).toMatchObject({ status: 'expected', basis: 'name' });
      expect(s.get('g2').match).toMatchObject({ status: 'impostor', basis: 'alreadyPresent' });
    });
  });

  it('flags an attendee who starts sharing their screen, but not a panelist', () => {
    const s = session();
    s.join('a', 'Rina', MINUTE);
    expect(signals(s.get('a'))).not.toContain('shareWithoutRole');
    const sharing = s.update('a', { sharing: true }, 2 * MINUTE);
    expect(signals(sharing).sort()).toEqual(['shareWithoutRole', 'unknownIdentity']);
    expect(sharing.risk).toMatchObject({ score: 4, level: 'flagged' });
    expect(s.flaggedLog().map((f) => f.participantId)).toEqual(['a']);
    s.official('p', 'Prof. Hadi', MINUTE, 'panelist');
    expect(signals(s.update('p', { sharing: true }, 2 * MINUTE))).not.toContain('shareWithoutRole');
  });

  it('passes on the platform\u2019s own alerts as a strong signal with what it saw', () => {
    const s = session();
    s.official('a', 'Rina');
    const alerted = s.update('a', { alerts: ['explicitVideo'] }, 2 * MINUTE);
    expect(flag(alerted, 'platformAlert')).toMatchObject({ detail: 'explicitVideo', weight: 4 });
    expect(alerted.risk.level).toBe('flagged');
  });

  it('gives random-looking, symbol-only and hidden-character names their signals', () => {
    const s = session();
    expect(signals(s.official('r', 'xkq9z7wp'))).toContain('randomName');
    expect(signals(s.official('e', '\u{1F608}\u{1F608}\u{1F608}'))).toContain('symbolName');
    expect(flag(s.official('h', 'Rina\u200B\u200BSari'), 'hiddenCharacters')).toMatchObject({ detail: '2' });
  });

  it('never scores the host or co-host, whatever they do', () => {
    const s = session();
    const host = s.join('h', 'xxx', 30 * MINUTE, { role: 'host', audio: true, video: true, sharing: true });
    expect(host.risk).toEqual({ score: 0, level: 'none', flags: [] });
  });
});
