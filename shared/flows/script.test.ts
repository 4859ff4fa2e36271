import { describe, expect, it } from 'vitest';
import { BUILTIN_SCRIPTS } from './builtinScripts';
import { advanceScript, cancelScript, fillVariables, parseScript, Script, startScript } from './script';

const vars = { event: 'Sosialisasi Pilkada', organizer: 'KPU Provinsi', time: '14:05' };
const close = BUILTIN_SCRIPTS.find((s) => s.id === 'builtin-close-en')!;

describe('scripts', () => {
  it('fills {event}, {organizer} and {time}, and leaves other braces alone', () => {
    expect(fillVariables('{event} by {organizer} at {time}: {unknown}', vars)).toBe(
      'Sosialisasi Pilkada by KPU Provinsi at 14:05: {unknown}',
    );
  });

  it('ships valid built-in scripts in both languages, each containing first and ending or restoring', () => {
    for (const script of BUILTIN_SCRIPTS) expect(Script.safeParse(script).success, script.id).toBe(true);
    expect(BUILTIN_SCRIPTS.map((s) => s.language).sort()).toEqual(['en', 'en', 'id', 'id']);
    for (const script of BUILTIN_SCRIPTS) expect(script.steps[0]).toEqual({ kind: 'action', action: 'contain' });
  });

  it('runs apologise-and-close: contain, read, post, read, count down ten seconds, end', () => {
    let t = startScript(close, vars, 'r1', 0);
    expect(t.effects).toEqual([{ type: 'action', action: 'contain' }]);
    expect(advanceScript(t.run, { type: 'continue' }, 1).run.index).toBe(0); // an action step waits for its action
    t = advanceScript(t.run, { type: 'settled', result: 'done' }, 100);
    expect(t.run.steps[t.run.index]).toMatchObject({ kind: 'say' });
    expect((t.run.steps[t.run.index] as { text: string }).text).toContain('joined Sosialisasi Pilkada');
    t = advanceScript(t.run, { type: 'continue' }, 200);
    expect(t.effects).toEqual([{ type: 'chat', text: expect.stringContaining('KPU Provinsi is closing this meeting') }]);
    t = advanceScript(t.run, { type: 'settled', result: 'skipped', reason: 'no chat' }, 300);
    t = advanceScript(t.run, { type: 'continue' }, 400);
    expect(t.effects).toEqual([{ type: 'timer', at: 10_400 }]);
    expect(advanceScript(t.run, { type: 'timer' }, 5_000).run.index).toBe(4); // too early
    t = advanceScript(t.run, { type: 'timer' }, 10_400);
    expect(t.effects).toEqual([{ type: 'action', action: 'endForAll' }]);
    t = advanceScript(t.run, { type: 'settled', result: 'done' }, 10_600);
    expect(t.run).toMatchObject({ status: 'done', finishedAt: 10_600 });
    expect(t.run.results.map((r) => r.result)).toEqual(['done', 'done', 'skipped', 'done', 'done', 'done']);
  });

  it('lets the moderator skip a countdown, and stop a script', () => {
    const waitOnly: Script = {
      id: 'w',
      name: 'w',
      language: 'en',
      description: '',
      steps: [
        { kind: 'wait', seconds: 30 },
        { kind: 'say', text: 'bye' },
      ],
    };
    const t = startScript(waitOnly, vars, 'r', 0);
    const skipped = advanceScript(t.run, { type: 'continue' }, 1_000);
    expect(skipped.run.index).toBe(1);
    expect(cancelScript(skipped.run, 2_000)).toMatchObject({ status: 'cancelled', finishedAt: 2_000 });
  });

  it('names every problem in a script file', () => {
    expect(parseScript('{')).toMatchObject({ ok: false, problems: [expect.stringMatching(/Not valid JSON/)] });
    const bad = parseScript(
      JSON.stringify({ id: 'Bad Id', name: '', language: 'fr', steps: [{ kind: 'wait', seconds: 0 }, { kind: 'dance' }] }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.join(' | ')).toMatch(/id.*name.*language.*steps/s);
  });
});
