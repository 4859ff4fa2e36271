import { describe, expect, it } from 'vitest';
import { DEFAULT_PANIC_SETTINGS } from '../model/panic';
import { checkBindings, matchesKey, parseAccelerator } from './accelerator';

const key = (init: { key: string; code: string; ctrlKey?: boolean; altKey?: boolean; shiftKey?: boolean; metaKey?: boolean }) => ({
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...init,
});

describe('panic key bindings', () => {
  it('parses Electron accelerators and refuses ones that would fire while typing', () => {
    expect(parseAccelerator('CommandOrControl+Alt+Shift+C')).toMatchObject({
      ok: true,
      accelerator: { mod: true, alt: true, shift: true, key: 'C' },
    });
    expect(parseAccelerator('Ctrl+Shift+F5')).toMatchObject({ ok: true, accelerator: { ctrl: true, shift: true, key: 'F5' } });
    expect(parseAccelerator('Alt+E')).toMatchObject({ ok: false, problem: expect.stringMatching(/two modifiers/) });
    expect(parseAccelerator('E')).toMatchObject({ ok: false });
    expect(parseAccelerator('Ctrl+Hyper+E')).toMatchObject({ ok: false, problem: expect.stringMatching(/not a modifier/) });
    expect(parseAccelerator('Ctrl+Alt+')).toMatchObject({ ok: false, problem: expect.stringMatching(/empty/) });
    expect(parseAccelerator('Ctrl+Ctrl+E')).toMatchObject({ ok: false, problem: expect.stringMatching(/twice/) });
  });

  it('accepts the defaults: valid, distinct, clear of meeting clients', () => {
    expect(checkBindings(DEFAULT_PANIC_SETTINGS.shortcuts)).toEqual([]);
    expect(checkBindings(DEFAULT_PANIC_SETTINGS.shortcuts, 'mac')).toEqual([]);
  });

  it('reports a key bound twice (even spelled differently) and collisions with meeting clients', () => {
    const problems = checkBindings({ contain: 'Ctrl+Alt+Shift+C', toggleLock: 'CommandOrControl+Alt+Shift+C', endForAll: 'Ctrl+Shift+H' });
    expect(problems).toEqual([
      { command: 'toggleLock', accelerator: 'CommandOrControl+Alt+Shift+C', problem: 'also bound to contain' },
      { command: 'endForAll', accelerator: 'Ctrl+Shift+H', problem: 'collides with Teams: hang up' },
    ]);
  });

  it('matches key events by physical key, whatever Alt and Shift do to the character', () => {
    const parsed = parseAccelerator('CommandOrControl+Alt+Shift+C');
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(matchesKey(parsed.accelerator, key({ key: 'Ç', code: 'KeyC', ctrlKey: true, altKey: true, shiftKey: true }), 'other')).toBe(
      true,
    );
    expect(matchesKey(parsed.accelerator, key({ key: 'c', code: 'KeyC', ctrlKey: true, altKey: true }), 'other')).toBe(false);
    expect(matchesKey(parsed.accelerator, key({ key: 'c', code: 'KeyC', metaKey: true, altKey: true, shiftKey: true }), 'mac')).toBe(true);
  });
});
