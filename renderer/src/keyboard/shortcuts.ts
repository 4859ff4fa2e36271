import { canonical, parseAccelerator } from '../../../shared/keyboard/accelerator';
import type { EventPayload } from '../../../shared/contract/events';
import type { ParticipantActionKind } from '../../../shared/model/action';
import { DEFAULT_PANIC_SETTINGS, SHORTCUT_COMMANDS, type PanicSettings, type ShortcutCommand } from '../../../shared/model/panic';

/** A key and what it does, listed in the `?` overlay. `scope` says where it works. */
export interface Shortcut {
  readonly keys: string;
  readonly scope: 'app' | 'roster';
  /** i18n key of the description. */
  readonly description: string;
}

/** One-key actions on the focused roster row. */
export const ROW_ACTION_KEYS: Readonly<Record<string, ParticipantActionKind>> = {
  e: 'eject',
  b: 'ban',
  m: 'mute',
  v: 'stopVideo',
  s: 'stopShare',
  w: 'moveToWaitingRoom',
  a: 'admit',
  d: 'deny',
};

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: '?', scope: 'app', description: 'shortcuts.help' },
  { keys: '/', scope: 'app', description: 'shortcuts.search' },
  { keys: 'Esc', scope: 'app', description: 'shortcuts.escape' },
  { keys: '↑ ↓ PgUp PgDn Home End', scope: 'roster', description: 'shortcuts.move' },
  { keys: 'Space', scope: 'roster', description: 'shortcuts.select' },
  { keys: 'Shift+Space  Shift+↑ ↓', scope: 'roster', description: 'shortcuts.selectRange' },
  { keys: 'Ctrl+click  Shift+click', scope: 'roster', description: 'shortcuts.selectClick' },
  { keys: 'Enter', scope: 'roster', description: 'shortcuts.detail' },
  { keys: 'E', scope: 'roster', description: 'shortcuts.eject' },
  { keys: 'B', scope: 'roster', description: 'shortcuts.ban' },
  { keys: 'M', scope: 'roster', description: 'shortcuts.mute' },
  { keys: 'V', scope: 'roster', description: 'shortcuts.stopVideo' },
  { keys: 'S', scope: 'roster', description: 'shortcuts.stopShare' },
  { keys: 'W', scope: 'roster', description: 'shortcuts.waitingRoom' },
  { keys: 'A / D', scope: 'roster', description: 'shortcuts.admitDeny' },
  { keys: 'Ctrl+A', scope: 'roster', description: 'shortcuts.selectAll' },
];

/** A panic key as the `?` overlay lists it. */
export interface PanicShortcut {
  readonly command: ShortcutCommand;
  /** The binding as this platform spells it (`Ctrl+Alt+Shift+C`), or as typed when it does not parse. */
  readonly keys: string;
  /** Why the operating system refused it as a global key (desktop app), if it did. */
  readonly refused?: string;
}

/**
 * The panic keys the console listens for, from the same list (`SHORTCUT_COMMANDS`) and the same
 * settings the desktop app registers globally and `usePanicKeys` binds, so the overlay cannot drift
 * from what the keys do.
 */
export function panicShortcuts(
  panic: PanicSettings | null,
  status: EventPayload<'shortcutStatus'> | null,
  platform: 'mac' | 'other',
): PanicShortcut[] {
  const bindings = (panic ?? DEFAULT_PANIC_SETTINGS).shortcuts;
  return SHORTCUT_COMMANDS.map((command) => {
    const parsed = parseAccelerator(bindings[command]);
    const refused = status?.refused.find((r) => r.command === command)?.reason;
    return { command, keys: parsed.ok ? canonical(parsed.accelerator, platform) : bindings[command], ...(refused ? { refused } : {}) };
  });
}

/** Whether a key event comes from a place where typing must not trigger shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
