import { describe, expect, it } from 'vitest';
import type { Participant } from '../model/participant';
import { DEFAULT_RISK_SETTINGS, NO_LIST_MATCH, NO_RISK } from '../model/risk';
import { indexAttendees, type ExpectedAttendee } from './attendees';
import { parseAttendeeCsv } from './csv';
import { matchAttendee } from './match';
import { foldForSearch, nameSkeleton } from './normalize';
import { looksRandom, scoreParticipant, type ScoreContext } from './score';

const person = (displayName: string, extra: Partial<Participant> = {}): Participant => ({
  id: 'p1',
  displayName,
  role: 'attendee',
  presence: 'inMeeting',
  joinedAt: 60_000,
  audio: false,
  video: false,
  sharing: false,
  identity: { email: 'someone@example.org' },
  alerts: [],
  renamedFrom: [],
  match: NO_LIST_MATCH,
  risk: NO_RISK,
  ...extra,
});
const context = (extra: Partial<ScoreContext> = {}): ScoreContext => ({
  settings: DEFAULT_RISK_SETTINGS,
  meetingStartedAt: 0,
  imitatedHost: undefined,
  duplicateOf: undefined,
  burstSize: 0,
  mediaOnArrival: false,
  ...extra,
});

describe('name folding', () => {
  it('search ignores case and diacritics', () => {
    expect(foldForSearch('Sénior ÉLISE Ñuñez')).toBe('senior elise nunez');
  });

  it('gives look-alike names the same skeleton', () => {
    const real = nameSkeleton('Budi Santoso (Bawaslu Provinsi)');
    expect(nameSkeleton('Bud1 Sant0so (Bawaslu Provinsl)')).toBe(real);
    expect(nameSkeleton('Bud\u0456 S\u0430nt\u043Eso (Bawaslu Provinsi)')).toBe(real); // Cyrillic і, а and о
    expect(nameSkeleton('ＢＵＤＩ ＳＡＮＴＯＳＯ (bawaslu provinsi)')).toBe(real); // full width
    expect(nameSkeleton('Budi\u200B Santoso\u202E (Bawaslu Provinsi)')).toBe(real); // hidden characters
    expect(nameSkeleton('Budi Santosa (Bawaslu Provinsi)')).not.toBe(real);
  });
});

describe('matchAttendee', () => {
  const list: ExpectedAttendee[] = [
    { id: 'a1', name: 'Budi Santoso', email: 'budi@kpu.example' },
    { id: 'a2', name: 'Rina Wulandari', email: 'rina@bawaslu.example' },
    { id: 'a3', name: 'Hendra Lubis' },
  ];
  const index = indexAttendees(list);
  const at = (displayName: string, identity = {}, present = new Map<string, string>()) =>
    matchAttendee({ id: 'p9', displayName, identity }, { index, presentByExpected: present });

  it('matches identity first, whatever the name', () => {
    expect(at('Bu Rina (phone)', { email: 'RINA@bawaslu.example' })).toMatchObject({
      status: 'expected',
      expectedId: 'a2',
      basis: 'email',
    });
  });

  it('matches by name when nothing contradicts it', () => {
    expect(at('hendra lubis')).toMatchObject({ status: 'expected', expectedId: 'a3', basis: 'name' });
  });

  it('calls out an impostor: the expected person is already here', () => {
    expect(at('Budi Santoso', {}, new Map([['a1', 'p1']]))).toMatchObject({
      status: 'impostor',
      basis: 'alreadyPresent',
      expectedName: 'Budi Santoso',
    });
  });

  it('calls out an impostor: the name matches but the identity does not', () => {
    expect(at('Budi Santoso', { email: 'budi.real@gmail.example' })).toMatchObject({ status: 'impostor', basis: 'identityMismatch' });
  });

  it('calls out an impostor: the name matches only through look-alike characters', () => {
    expect(at('Bud1 S\u0430ntoso')).toMatchObject({ status: 'impostor', basis: 'lookalike' });
  });

  it('marks everyone else unknown, and everyone noList when no list is loaded', () => {
    expect(at('Someone Else')).toEqual({ status: 'unknown' });
    expect(matchAttendee({ id: 'x', displayName: 'Budi Santoso', identity: {} }, { index: null, presentByExpected: new Map() })).toEqual(
      NO_LIST_MATCH,
    );
  });
});

describe('scoreParticipant', () => {
  it('does not flag on one weak signal', () => {
    const risk = scoreParticipant(person('Late Reporter', { joinedAt: 3_600_000 }), context());
    expect(risk.flags.map((f) => f.signal)).toEqual(['lateJoin']);
    expect(risk.level).toBe('none');
  });

  it('flags a strong signal alone, and says why', () => {
    const risk = scoreParticipant(person('bokep gratis'), context());
    expect(risk).toMatchObject({ level: 'flagged', flags: [{ signal: 'explicitName', weight: 4 }] });
    expect(scoreParticipant(person('B0KEP live'), context()).level).toBe('flagged');
    expect(scoreParticipant(person('\u{1F51E} LIVE 18+ \u{1F51E}'), context()).flags.map((f) => f.signal)).toContain('explicitName');
    expect(scoreParticipant(person('Sussex County Office'), context()).level).toBe('none');
  });

  it('adds up medium signals: a random-looking guest arriving with mic and camera on in a burst', () => {
    const risk = scoreParticipant(
      person('qq_k2j9x', { identity: {}, audio: true, video: true }),
      context({ burstSize: 4, mediaOnArrival: true }),
    );
    expect(risk.flags.map((f) => f.signal).sort()).toEqual(['joinBurst', 'mediaOnArrival', 'randomName', 'unknownIdentity']);
    expect(risk.score).toBe(7);
    expect(risk.level).toBe('flagged');
  });

  it('flags imitation of the host and duplicate names, and impostors from the list', () => {
    expect(scoreParticipant(person('Moderator KPU Provinsi'), context({ imitatedHost: 'Moderator KPU Provinsi' })).level).toBe('flagged');
    expect(scoreParticipant(person('Rina W'), context({ duplicateOf: 'Rina W' })).level).toBe('watch');
    const impostor = person('Budi Santoso', { match: { status: 'impostor', expectedName: 'Budi Santoso', basis: 'alreadyPresent' } });
    expect(scoreParticipant(impostor, context()).flags[0]).toMatchObject({ signal: 'impostor', detail: 'Budi Santoso (alreadyPresent)' });
  });

  it('flags sharing without a presenter role, emoji-only and hidden-character names, and renames', () => {
    expect(scoreParticipant(person('Viewer', { sharing: true }), context()).flags.map((f) => f.signal)).toEqual(['shareWithoutRole']);
    expect(scoreParticipant(person('Speaker', { sharing: true, role: 'panelist' }), context()).flags).toEqual([]);
    expect(scoreParticipant(person('🔥🔥🔥'), context()).flags.map((f) => f.signal)).toContain('symbolName');
    expect(scoreParticipant(person('Ad\u202Emin'), context()).flags.map((f) => f.signal)).toContain('hiddenCharacters');
    expect(scoreParticipant(person('Budi', { renamedFrom: ['bokep'] }), context()).flags.map((f) => f.signal)).toEqual([
      'explicitName',
      'renamed',
    ]);
  });

  it('never scores hosts and co-hosts', () => {
    expect(scoreParticipant(person('bokep', { role: 'host' }), context()).score).toBe(0);
  });

  it('follows configured thresholds', () => {
    const strict = { ...DEFAULT_RISK_SETTINGS, flagAt: 2, watchAt: 1 };
    expect(scoreParticipant(person('Rina W'), context({ settings: strict, duplicateOf: 'Rina W' })).level).toBe('flagged');
  });

  it('recognises random-looking names without catching real ones', () => {
    for (const name of ['qq_k2j9x', 'xx_4h7d', 'zxcvbnm']) expect(looksRandom(name), name).toBe(true);
    for (const name of ['Ir. Teguh Santoso (Kesbangpol)', 'Budi2', 'Nyoman', 'Tri Wahyuni']) expect(looksRandom(name), name).toBe(false);
  });
});

describe('parseAttendeeCsv', () => {
  it('imports a well-formed list with English or Indonesian headers and a BOM', () => {
    const result = parseAttendeeCsv('\uFEFFnama,email,instansi,jabatan\nBudi Santoso,budi@kpu.example,KPU,Ketua\n"Rina, S.H.",,Bawaslu,\n');
    expect(result).toEqual({
      ok: true,
      attendees: [
        { id: 'a2', name: 'Budi Santoso', email: 'budi@kpu.example', organisation: 'KPU', role: 'Ketua' },
        { id: 'a3', name: 'Rina, S.H.', organisation: 'Bawaslu' },
      ],
    });
  });

  it('reports every malformed row with its line, and imports nothing', () => {
    const result = parseAttendeeCsv(
      'name,email\nBudi,budi@kpu.example\n,nobody@x.example\nRina,not-an-email\nHendra,budi@kpu.example\nToo,many,columns\n',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([...new Set(result.problems.map((p) => p.line))]).toEqual([3, 4, 5, 6]);
    expect(result.problems.map((p) => p.message).join(' | ')).toMatch(
      /name is empty.*not an email address.*already on line 2.*Expected 2 columns, found 3/,
    );
  });

  it('refuses a file without a name column, an empty file, or only a header', () => {
    expect(parseAttendeeCsv('email\nx@y.example')).toMatchObject({
      ok: false,
      problems: [{ line: 1, message: expect.stringMatching(/no "name" column/) }],
    });
    expect(parseAttendeeCsv('')).toMatchObject({ ok: false });
    expect(parseAttendeeCsv('name,email\n')).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/no attendees/) }] });
  });
});
