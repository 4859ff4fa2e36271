import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settle } from '../../../electron/host/testing';
import { DEFAULT_PANIC_SETTINGS } from '../../../shared/model/panic';
import type { Language } from '../i18n';
import { consoleOnHost } from '../testing/consoleOnHost';
import { ScriptEditor } from './ScriptEditor';

/** The editor on a store and bridge wired to a real in-process host with its own data folder. */
async function editor(language: Language = 'en') {
  const t = await consoleOnHost();
  await t.host.commands.savePanicSettings({ ...DEFAULT_PANIC_SETTINGS, eventName: 'Provincial briefing', organizer: 'KPU' });
  await t.store.getState().loadPanic();
  const { i18n } = await t.show(<ScriptEditor />, language);
  await screen.findByText(/builtin-close-id/);
  const field = screen.getByRole('textbox', { name: i18n.t('script.json') }) as HTMLTextAreaElement;
  const type = (text: string) => act(() => void fireEvent.change(field, { target: { value: text } }));
  const saveKey = (init: Partial<KeyboardEventInit> = { ctrlKey: true }) =>
    act(() => void fireEvent.keyDown(field, { key: 's', code: 'KeyS', ...init }));
  return { ...t, i18n, field, type, saveKey };
}

describe('ScriptEditor', () => {
  it('copies a built-in Indonesian script, previews it with the event’s names, and saves it with Ctrl+S as a file', async () => {
    const { field, type, saveKey, dataDir, host } = await editor();
    const row = screen.getByText(/builtin-close-id/).closest('li')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Copy and edit' }));
    const copy = JSON.parse(field.value) as { id: string; language: string; steps: { kind: string; text?: string }[] };
    expect(copy).toMatchObject({ id: 'my-close-id', language: 'id' });
    expect(field.getAttribute('aria-invalid')).toBe('false');
    const preview = screen.getByTestId('script-preview');
    expect(preview.textContent).toContain('Provincial briefing');
    expect(preview.textContent).not.toContain('{event}');

    type(JSON.stringify({ ...copy, name: 'Penutupan kami' }, null, 2));
    saveKey();
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved as my-close-id.');
    const file = join(dataDir, 'scripts', 'my-close-id.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ id: 'my-close-id', name: 'Penutupan kami', language: 'id' });
    expect((await host.commands.listScripts({})).scripts.map((s) => s.id)).toContain('my-close-id');
    // The list reloads: the saved script is there to edit or delete, by keyboard-operable buttons.
    const saved = (await screen.findByText(/\(my-close-id\)/)).closest('li')!;
    expect(within(saved).getByRole('button', { name: 'Edit' })).toBeTruthy();
    fireEvent.click(within(saved).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(existsSync(file)).toBe(false));
  });

  it('a script that does not validate: every problem listed and tied to the field, nothing saved, not even by Ctrl+S', async () => {
    const { field, type, saveKey, dataDir } = await editor();
    type('{ "id": "Bad Id", "name": "", "language": "fr", "steps": [] }');
    const problems = screen.getByTestId('script-problems');
    expect(problems.querySelectorAll('li').length).toBeGreaterThanOrEqual(4);
    for (const field of ['id:', 'name:', 'language:', 'steps:']) expect(problems.textContent).toContain(field);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe(problems.id);
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    saveKey();
    type('{ "id": ');
    expect(screen.getByTestId('script-problems').textContent).toMatch(/Not valid JSON/);
    saveKey({ metaKey: true });
    await settle();
    expect(existsSync(join(dataDir, 'scripts'))).toBe(false);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('only Ctrl+S (or ⌘S) saves: other keys with S, and Ctrl+Shift+S, type or do nothing', async () => {
    const { field, saveKey, dataDir } = await editor();
    fireEvent.click(within(screen.getByText(/builtin-continue-en/).closest('li')!).getByRole('button', { name: 'Copy and edit' }));
    expect(field.value).toContain('my-continue-en');
    saveKey({});
    saveKey({ ctrlKey: true, shiftKey: true });
    saveKey({ altKey: true, ctrlKey: true });
    await settle();
    expect(existsSync(join(dataDir, 'scripts'))).toBe(false);
    saveKey({ metaKey: true });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved as my-continue-en.');
  });

  it('speaks Indonesian: the field, the hint and the buttons', async () => {
    const { i18n } = await editor('id');
    expect(screen.getByRole('textbox', { name: 'Naskah (JSON)' })).toBeTruthy();
    expect(screen.getByText(i18n.t('script.saveHint'))).toBeTruthy();
    expect(screen.getAllByRole('button', { name: i18n.t('script.copyEdit') })).toHaveLength(4);
  });
});
