import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { settle } from '../../../electron/host/testing';
import { DEFAULT_PANIC_SETTINGS, SHORTCUT_COMMANDS } from '../../../shared/model/panic';
import type { Language } from '../i18n';
import { en } from '../i18n/en';
import { id } from '../i18n/id';
import type { AppStore } from '../store';
import { consoleOnHost } from '../testing/consoleOnHost';
import { ShortcutsOverlay } from './ShortcutsOverlay';

/** The overlay on a console whose panic settings come from a real host. */
async function overlay(language: Language, prepare: (store: AppStore) => Promise<void> = async () => undefined) {
  // Not following pushed events: the overlay reads only the panic settings it loads.
  const { store, show } = await consoleOnHost({ connect: false });
  await store.getState().loadPanic();
  await prepare(store);
  store.getState().setShortcutsOpen(true);
  const view = await show(<ShortcutsOverlay />, language);
  await settle();
  const rows = within(view.getByTestId('panic-shortcuts'))
    .getAllByRole('row')
    .map((row) => ({ keys: row.querySelector('kbd')?.textContent, label: row.querySelector('td')?.textContent }));
  return { view, rows };
}

describe('shortcuts overlay', () => {
  it('lists every panic key the app binds, with its key and name, in English', async () => {
    const { view, rows } = await overlay('en');
    expect(view.getByTestId('panic-shortcuts').textContent).toContain(en.shortcuts.scope_panic);
    expect(rows).toEqual([
      { keys: 'Ctrl+Alt+Shift+C', label: en.panic.key_contain },
      { keys: 'Ctrl+Alt+Shift+L', label: en.panic.key_toggleLock },
      { keys: 'Ctrl+Alt+Shift+A', label: en.panic.key_apology },
      { keys: 'Ctrl+Alt+Shift+E', label: en.panic.key_endForAll },
      { keys: 'Ctrl+Alt+Shift+N', label: en.panic.key_quickNote },
    ]);
    expect(rows).toHaveLength(SHORTCUT_COMMANDS.length);
  });

  it('lists them in Bahasa Indonesia', async () => {
    const { view, rows } = await overlay('id');
    expect(view.getByTestId('panic-shortcuts').textContent).toContain(id.shortcuts.scope_panic);
    expect(rows.map((r) => r.label)).toEqual(SHORTCUT_COMMANDS.map((c) => id.panic[`key_${c}`]));
    expect(rows.map((r) => r.label)).toContain('Amankan');
  });

  it('shows the keys the moderator saved, not the defaults, and says when the system refused one', async () => {
    const { rows } = await overlay('en', async (store) => {
      await store.getState().savePanic({
        ...DEFAULT_PANIC_SETTINGS,
        shortcuts: { ...DEFAULT_PANIC_SETTINGS.shortcuts, contain: 'Ctrl+Alt+F9', endForAll: 'CommandOrControl+Shift+F12' },
      });
      store.getState().setShortcutStatus({
        registered: [],
        refused: [{ command: 'toggleLock', accelerator: 'CommandOrControl+Alt+Shift+L', reason: 'taken by another app' }],
      });
    });
    expect(rows[0]).toEqual({ keys: 'Ctrl+Alt+F9', label: en.panic.key_contain });
    expect(rows[3]).toEqual({ keys: 'Ctrl+Shift+F12', label: en.panic.key_endForAll });
    expect(rows[1]?.label).toContain('taken by another app');
    expect(rows[2]?.label).toBe(en.panic.key_apology);
  });
});
