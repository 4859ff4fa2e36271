import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../chain';
import { buildReport, type Report, type ReportOptions } from './reportModel';
import { plain } from './strings';
import { LogBuilder, participant } from './testing/logBuilder';
import { storyLog } from './testing/storyLog';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function report(log: LogBuilder, options: Partial<ReportOptions> = {}): Report {
  const check = verifyChain(log.lines, sha);
  return buildReport(log.entries, {
    redact: false,
    language: 'en',
    headHash: check.ok ? check.headHash : log.headHash,
    verified: check.ok,
    ...options,
  });
}

const lines = (r: Report) => r.timeline.items.map((t) => plain(t.line));
const row = (r: Report, label: string) => plain(r.summary.rows.find((x) => x.label === label)?.value ?? []);

describe('buildReport on the story of the product', () => {
  const log = storyLog(sha);
  const r = report(log);

  it('summarises the event: title, platform, times, attendance, outcome', () => {
    expect(r.heading).toBe('Incident report: Webinar Pilkada Provinsi 2026');
    expect(r.summary.platform).toBe('Zoom');
    expect(r.summary.meetingStart?.local).toBe('26 November 2026, 09:00:00 (UTC+07:00)');
    expect(r.summary.meetingEnd).toBeDefined();
    // Five officials, then three intruders while all five are present.
    expect(r.summary.attendance).toMatchObject({ peak: 8, distinct: 8, blockedAttempts: 3, listLoaded: false });
    expect(r.summary.flagged).toBe(3);
    expect(row(r, 'Checked against the expected list')).toBe('No expected-attendee list was loaded.');
    expect(r.summary.outcome).toBe('Contained 12.4 s after the first flagged participant joined.');
    expect(r.summary.actions).toEqual({ total: 8, confirmed: 6, failed: 2, pending: 0 });
    expect(r.notices).toContain(
      'No images, video or audio were captured or stored: Hostdeck records only what the platform reports as text.',
    );
  });

  it('lists the significant entries in order, with the involved participants and without routine ones', () => {
    const text = lines(r);
    expect(r.timeline.items.map((t) => t.seq)).toEqual([...r.timeline.items.map((t) => t.seq)].sort((a, b) => a - b));
    expect(text).toContain(
      'qq_6e2lg joined as attendee, with microphone and camera on. The platform reported: loud noise, explicit video.',
    );
    expect(text).toContainEqual(
      expect.stringMatching(
        /^Hostdeck flagged Budi Santoso \(Bawaslu\) as a possible intruder \(score 9\): .*same name as someone already present \(Budi Santoso \(Bawaslu\)\)/,
      ),
    );
    expect(text).toContain('Moderat0r KPU: renamed from 🔞 LIVE 18+ 🔞 to Moderat0r KPU; started sharing the screen.');
    expect(text).toContain('Attempt 2 at “eject Budi Santoso (Bawaslu)” after: 429 Too Many Requests');
    expect(text).toContain('Failed: mute everyone and prevent unmuting: Platform refused: 503');
    expect(text).toContain('A join attempt as qq_6e2lg was refused: the meeting was locked.');
    // Routine entries of people not involved are counted, not listed; plan steps' requests are under the plan.
    expect(text.some((l) => l.startsWith('Siti Rahma (Polda)'))).toBe(false);
    expect(text.some((l) => l.startsWith('Step of'))).toBe(false);
    expect(r.timeline.scope).toMatch(/^Lists \d+ of the \d+ entries/);
  });

  it('marks the entries a moderator marked as evidence, and lists them with the note', () => {
    const flagged = log.entries.find((e) => e.kind === 'participant.flagged');
    expect(r.timeline.items.find((t) => t.seq === flagged?.seq)?.evidence).toBe(true);
    expect(r.timeline.items.filter((t) => t.evidence)).toHaveLength(1);
    expect(r.evidence).toHaveLength(1);
    expect(r.evidence[0]).toMatchObject({ seq: flagged?.seq, note: 'First flag of the wave.' });
    expect(plain(r.evidence[0]?.entry?.line ?? [])).toMatch(/^Hostdeck flagged qq_6e2lg/);
  });

  it('gives every action its outcome, attempts and latency, plan steps under their plan', () => {
    const contain = r.actions[0];
    expect(plain(contain?.label ?? [])).toBe('Contain (the panic plan)');
    expect(contain).toMatchObject({
      status: 'failed',
      statusText: 'failed',
      reason: 'One step failed: muteAll',
      requestedBy: 'Rina Moderator',
    });
    expect(contain?.children.map((c) => [plain(c.label), c.status, c.attempts, c.latency])).toEqual([
      ['lock the meeting', 'confirmed', 1, '420 ms'],
      ['mute everyone and prevent unmuting', 'failed', 1, '420 ms'],
      ['eject qq_6e2lg', 'confirmed', 1, '400 ms'],
      ['eject Budi Santoso (Bawaslu)', 'confirmed', 2, '820 ms'],
      ['eject Moderat0r KPU', 'confirmed', 1, '400 ms'],
    ]);
    expect(r.actions.slice(1).map((a) => plain(a.label))).toEqual([
      'post to the chat: “Mohon maaf atas gangguan tadi.”',
      'end the meeting for everyone',
    ]);
  });

  it('takes the measured time to detect and contain from the log', () => {
    const contained = log.entries.find((e) => e.kind === 'incident.contained');
    if (contained?.kind !== 'incident.contained') throw new Error('story without containment');
    expect(r.containment.waves).toHaveLength(1);
    expect(r.containment.waves[0]).toMatchObject({
      source: 'recorded',
      timeToDetectMs: contained.data.timeToDetectMs,
      timeToContainMs: contained.data.timeToContainMs,
      intruders: 3,
    });
  });

  it('describes each participant involved: names, identifiers, flags, what was done, refused attempts', () => {
    expect(r.participants.map((p) => [p.label, p.involvement])).toEqual([
      ['qq_6e2lg', ['flagged', 'ejected', 'action taken', 'refused entry']],
      ['Budi Santoso (Bawaslu)', ['flagged', 'ejected', 'action taken']],
      ['Moderat0r KPU', ['flagged', 'ejected', 'action taken']],
      ['xx_unknown', ['refused entry']],
    ]);
    const first = Object.fromEntries(r.participants[0]?.rows.map((x) => [x.label, plain(x.value)]) ?? []);
    expect(first['Identifiers reported by the platform']).toBe('participant id: p-x1; IP address: 203.0.113.9; client: Web browser');
    expect(first['Why Hostdeck flagged them']).toMatch(
      /^risk score 9: the platform reports loud noise, explicit video; the name looks random/,
    );
    expect(first['Actions on them']).toBe('eject qq_6e2lg (done)');
    expect(first['Refused join attempts']).toMatch(/^2 \(/);
    const renamed = Object.fromEntries(r.participants[2]?.rows.map((x) => [x.label, plain(x.value)]) ?? []);
    expect(renamed['Names used']).toBe('🔞 LIVE 18+ 🔞; Moderat0r KPU');
  });

  it('asks the NIST SP 800-61 review questions with what the log says about each', () => {
    expect(r.lessons.items.map((l) => l.question)).toHaveLength(6);
    const all = r.lessons.items.flatMap((l) => l.observations.map(plain));
    expect(all).toContain('The meeting was not locked when the first flagged participant joined.');
    expect(all).toContain('The waiting room was off when the first flagged participant joined.');
    expect(all).toContain(
      'No expected-attendee list (registration) was loaded, so unknown joiners could not be told apart from invited guests.',
    );
    expect(all).toContain('Flagged participants without an identity from the platform (not signed in): 3 of 3.');
    expect(all).toContain('2 flagged participants shared one IP address.');
    expect(all).toContain('Join attempts refused: 3, of which 2 under the name or account of someone removed or flagged earlier.');
    expect(all).toContain('Failed: mute everyone and prevent unmuting: Platform refused: 503');
    expect(all.some((o) => o.startsWith('Were the meeting link and its password published'))).toBe(true);
  });

  it('states the chain head, the entry count and how to verify', () => {
    expect(r.integrity).toMatchObject({ headHash: log.headHash, entries: log.entries.length, verified: true, firstSeq: 1 });
    expect(r.integrity.command).toBe(`npm run verify-log -- --head ${log.headHash} 20261126-090000-rehearsal-a1b2c3.jsonl`);
    expect(r.integrity.status).toBe('The chain was verified when this report was made: intact.');
  });

  it('keeps the moderator notes, with author and time', () => {
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatchObject({
      author: 'Rina Moderator',
      text: 'Noise from qq_6e2lg and a copy of Budi Santoso (Bawaslu); containing now.',
    });
  });
});

describe('buildReport in other situations', () => {
  it('computes the times from the log when Hostdeck recorded no measurement', () => {
    const recorded = report(storyLog(sha)).containment.waves[0];
    const computed = report(storyLog(sha, { ending: 'computed' })).containment.waves[0];
    expect(computed).toMatchObject({ source: 'computed', timeToContainMs: recorded?.timeToContainMs, intruders: 3 });
    expect(computed?.note).toBe('Computed from the log afterwards: Hostdeck recorded no measurement for this wave.');
  });

  it('says plainly when the incident was never contained', () => {
    const r = report(storyLog(sha, { ending: 'open' }));
    expect(r.containment.waves[0]).toMatchObject({ source: 'open', intruders: 3 });
    expect(r.containment.waves[0]?.contained).toBeUndefined();
    expect(r.summary.outcome).toBe('Not contained by the end of the record.');
    expect(r.lessons.items[0]?.observations.map(plain)).toContain('The record shows no containment.');
  });

  it('reports a broken chain and where it breaks', () => {
    const log = storyLog(sha);
    const r = report(log, { verified: false, brokenAt: 12 });
    expect(r.integrity.status).toBe(
      'The chain did NOT verify: the first broken entry is at line 12. Entries from there on cannot be trusted as recorded.',
    );
  });

  it('counts expected attendees when a list was loaded', () => {
    const r = report(storyLog(sha, { withList: true }));
    expect(r.summary.attendance).toMatchObject({ listLoaded: true, expected: 5, unknown: 3, impostors: 0, unchecked: 0 });
  });

  it('handles a quiet meeting: nothing flagged, nothing to contain', () => {
    const log = new LogBuilder(sha);
    log.add({ kind: 'session.started', data: { providerId: 'rehearsal', meetingId: 'briefing', title: 'Briefing' } });
    log.add({ kind: 'participant.joined', data: { participant: participant('p1', 'Ayu', log.now) } });
    const r = report(log);
    expect(r.containment).toMatchObject({
      waves: [],
      empty: 'No participant was flagged as a possible intruder, so there is nothing to measure.',
    });
    expect(r.participants).toEqual([]);
    expect(r.summary.outcome).toBe('No participant was flagged as a possible intruder.');
    expect(r.summary.sessionEnd).toBeUndefined();
  });

  it('keeps an action without an outcome visible as such', () => {
    const log = new LogBuilder(sha);
    log.add({ kind: 'action.requested', data: { action: { id: 'a-1', kind: 'lock' } } });
    log.add({ kind: 'action.attempt', data: { actionId: 'a-1', attempt: 1 } });
    const r = report(log);
    expect(r.actions).toMatchObject([{ status: 'pending', statusText: 'no outcome recorded', attempts: 1 }]);
    expect(r.summary.actions).toEqual({ total: 1, confirmed: 0, failed: 0, pending: 1 });
  });

  it('describes entries of kinds this build does not know instead of dropping them', () => {
    const log = new LogBuilder(sha);
    log.add({ kind: 'meeting.teleported', data: { to: 'the moon' } });
    expect(lines(report(log))).toEqual(['Entry of type “meeting.teleported”.']);
  });

  it('tells where Hostdeck recovered from a crash, in the timeline and under integrity', () => {
    const log = storyLog(sha, { ending: 'open' });
    const tornHash = sha('{"v":1,"seq":99,"ts":"2026');
    log.add({ kind: 'log.recovered', data: { tornBytes: 27, tornHash, reason: 'The last line was cut short.' } });
    const r = report(log);
    expect(lines(r).at(-1)).toBe(
      `Hostdeck restarted after a crash: the last line written before it (27 bytes, SHA-256 ${tornHash}) was incomplete; it is kept as written and the record continues.`,
    );
    expect(r.integrity.notes).toContain(
      'Lines cut short by a crash, kept as written and marked in the chain: 1. The chain verifies across them.',
    );
  });

  it('writes the whole report in Bahasa Indonesia', () => {
    const r = report(storyLog(sha), { language: 'id' });
    expect(r.heading).toBe('Laporan insiden: Webinar Pilkada Provinsi 2026');
    expect(r.summary.rows.map((x) => x.label)).toContain('Acara');
    expect(lines(r)).toContain('Upaya masuk atas nama qq_6e2lg ditolak: rapat sedang dikunci.');
    expect(r.lessons.items[0]?.question).toBe('Apa tepatnya yang terjadi, dan kapan?');
    expect(r.summary.outcome).toBe('Terkendali 12,4 detik setelah peserta pertama yang ditandai bergabung.');
  });
});
