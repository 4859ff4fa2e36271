import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Script } from '../../../shared/flows/script';
import { ScriptStore } from './scriptStore';

let dataDir: string;
let store: ScriptStore;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hostdeck-scripts-'));
  store = new ScriptStore(dataDir);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const folder = () => join(dataDir, 'scripts');
const write = (file: string, text: string) => {
  mkdirSync(folder(), { recursive: true });
  writeFileSync(join(folder(), file), text);
};
const script = (over: Partial<Script> = {}): Script => ({
  id: 'town-hall-apology',
  name: 'Town hall apology',
  language: 'en',
  description: '',
  steps: [{ kind: 'say', text: 'We apologise, {event} continues shortly.' }],
  ...over,
});
const ids = async () => (await store.list()).scripts.map((s) => s.id);

describe('ScriptStore', () => {
  it('with no scripts folder yet: the built-in scripts in both languages, and no problem', async () => {
    const { scripts, problems } = await store.list();
    expect(problems).toEqual([]);
    expect(scripts.map((s) => [s.id, s.language])).toEqual([
      ['builtin-continue-en', 'en'],
      ['builtin-close-en', 'en'],
      ['builtin-continue-id', 'id'],
      ['builtin-close-id', 'id'],
    ]);
    expect((await store.get('builtin-close-id'))?.name).toMatch(/tutup/i);
  });

  it('saves a readable JSON file named by the id, loads it back, and overwrites it on the next save', async () => {
    const saved = await store.save(JSON.stringify(script()));
    expect(saved).toEqual(script());
    const file = readFileSync(join(folder(), 'town-hall-apology.json'), 'utf8');
    expect(file).toBe(`${JSON.stringify(script(), null, 2)}\n`);
    expect(await store.get('town-hall-apology')).toEqual(script());

    await store.save(JSON.stringify(script({ name: 'Town hall apology, shorter' })));
    expect((await store.get('town-hall-apology'))?.name).toBe('Town hall apology, shorter');
    expect(readdirSync(folder())).toEqual(['town-hall-apology.json']);
  });

  it('keeps scripts per language side by side, each with its own id', async () => {
    await store.save(JSON.stringify(script({ id: 'apology-en' })));
    await store.save(
      JSON.stringify(
        script({
          id: 'apology-id',
          name: 'Permohonan maaf',
          language: 'id',
          steps: [{ kind: 'say', text: 'Mohon maaf atas gangguan tadi.' }],
        }),
      ),
    );
    const { scripts } = await store.list();
    expect(scripts.filter((s) => !s.id.startsWith('builtin-')).map((s) => [s.id, s.language])).toEqual([
      ['apology-en', 'en'],
      ['apology-id', 'id'],
    ]);
  });

  it('refuses to save what is not a valid script, naming every problem, and writes nothing', async () => {
    await expect(store.save('{"id": "x", ')).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringMatching(/^Not valid JSON/),
    });
    const bad = { id: 'Has Spaces', name: '', language: 'fr', steps: [{ kind: 'wait', seconds: 0 }] };
    const error = await store.save(JSON.stringify(bad)).then(
      () => ({ code: 'saved', message: '' }),
      (e: unknown) => e as Error & { code: string },
    );
    expect(error.code).toBe('invalidInput');
    for (const field of ['id', 'name', 'language', 'steps.0.seconds']) expect(error.message).toContain(`${field}:`);
    await expect(store.save(JSON.stringify(script({ id: 'builtin-close-en' })))).rejects.toThrow(/Built-in scripts cannot be changed/);
    expect(() => readdirSync(folder())).toThrow();
  });

  it('a bad file in the folder is skipped and reported by name; the good ones still load', async () => {
    write('a-broken.json', '{ "id": "broken", "steps": [');
    write('b-wrong-shape.json', JSON.stringify({ id: 'wrong', name: 'Wrong', language: 'en', steps: [{ kind: 'shout', text: 'HEY' }] }));
    write('c-impostor.json', JSON.stringify(script({ id: 'builtin-close-en' })));
    write('d-good.json', JSON.stringify(script({ id: 'good' })));
    write('e-twin.json', JSON.stringify(script({ id: 'good', name: 'Another with the same id' })));
    write('notes.txt', 'not a script, not read');
    const { scripts, problems } = await store.list();
    expect(scripts.filter((s) => !s.id.startsWith('builtin-')).map((s) => s.name)).toEqual(['Town hall apology']);
    expect(scripts.filter((s) => s.id === 'builtin-close-en')).toHaveLength(1);
    expect(problems).toEqual([
      expect.stringMatching(/^a-broken\.json: Not valid JSON/),
      expect.stringMatching(/^b-wrong-shape\.json: steps\.0/),
      'c-impostor.json: uses a built-in script id',
      'e-twin.json: the id "good" is already used by d-good.json',
    ]);
  });

  it('a file too large to be a script is reported, not parsed', async () => {
    write('huge.json', `{"pad": "${'x'.repeat(600_000)}"}`);
    expect((await store.list()).problems).toEqual([expect.stringMatching(/^huge\.json: larger than a script can be/)]);
  });

  it('saving a script shared under another file name replaces that file instead of being shadowed by it', async () => {
    write('apology-2026-shared.json', JSON.stringify(script({ id: 'apology', name: 'Shared version' })));
    expect((await store.get('apology'))?.name).toBe('Shared version');
    await store.save(JSON.stringify(script({ id: 'apology', name: 'Edited here' })));
    expect((await store.get('apology'))?.name).toBe('Edited here');
    expect(readdirSync(folder())).toEqual(['apology.json']);
    expect((await store.list()).problems).toEqual([]);
  });

  it('deletes a script, wherever its file is named; built-in scripts and odd ids are refused', async () => {
    await store.save(JSON.stringify(script({ id: 'mine' })));
    write('shared-copy.json', JSON.stringify(script({ id: 'theirs' })));
    await store.delete('mine');
    await store.delete('theirs');
    expect(await ids()).toEqual(['builtin-continue-en', 'builtin-close-en', 'builtin-continue-id', 'builtin-close-id']);
    expect(readdirSync(folder())).toEqual([]);
    await expect(store.delete('builtin-close-id')).rejects.toThrow(/cannot be deleted/);
    await expect(store.delete('../../etc/passwd')).rejects.toThrow(/Not a script id/);
    await expect(store.delete('never-existed')).resolves.toBeUndefined();
  });
});
