/** A parsed key combination. `mod` is Control on Windows and Linux, Command on macOS. */
export interface Accelerator {
  readonly mod: boolean;
  readonly ctrl: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
  /** The main key, upper-case for letters (`C`), or a named key (`F5`, `Space`). */
  readonly key: string;
}

const MODIFIERS: Readonly<Record<string, keyof Omit<Accelerator, 'key'>>> = {
  commandorcontrol: 'mod',
  cmdorctrl: 'mod',
  control: 'ctrl',
  ctrl: 'ctrl',
  alt: 'alt',
  option: 'alt',
  altgr: 'alt',
  shift: 'shift',
  super: 'meta',
  meta: 'meta',
  command: 'meta',
  cmd: 'meta',
};
const NAMED_KEYS = new Set([
  'Space',
  'Enter',
  'Escape',
  'Tab',
  'Backspace',
  'Delete',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Up',
  'Down',
  'Left',
  'Right',
]);

/**
 * Parses an Electron accelerator (`CommandOrControl+Alt+Shift+C`). A panic shortcut must include
 * at least two modifiers: it is global, and a plain letter or a single-modifier chord would fire
 * while the moderator types or uses the meeting client.
 */
export function parseAccelerator(text: string): { ok: true; accelerator: Accelerator } | { ok: false; problem: string } {
  const parts = text.split('+').map((p) => p.trim());
  if (parts.some((p) => p === '')) return { ok: false, problem: `"${text}" has an empty part.` };
  const keyPart = parts.pop() as string;
  const flags = { mod: false, ctrl: false, alt: false, shift: false, meta: false };
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (!modifier) return { ok: false, problem: `"${part}" is not a modifier (use CommandOrControl, Ctrl, Alt, Shift or Super).` };
    if (flags[modifier]) return { ok: false, problem: `"${part}" appears twice.` };
    flags[modifier] = true;
  }
  let key: string;
  if (/^[a-z0-9]$/i.test(keyPart)) key = keyPart.toUpperCase();
  else if (/^F([1-9]|1[0-9]|2[0-4])$/i.test(keyPart)) key = keyPart.toUpperCase();
  else if (NAMED_KEYS.has(keyPart)) key = keyPart;
  else return { ok: false, problem: `"${keyPart}" is not a key Hostdeck can bind (letters, digits, F1–F24, Space, arrows…).` };
  const modifierCount = Object.values(flags).filter(Boolean).length;
  if (modifierCount < 2)
    return { ok: false, problem: `"${text}" needs at least two modifiers, so it cannot fire while typing or in the meeting client.` };
  return { ok: true, accelerator: { ...flags, key } };
}

/** The canonical text of an accelerator, for comparing two bindings. */
export function canonical(accelerator: Accelerator, platform: 'mac' | 'other'): string {
  const ctrl = accelerator.ctrl || (accelerator.mod && platform === 'other');
  const meta = accelerator.meta || (accelerator.mod && platform === 'mac');
  return [ctrl && 'Ctrl', accelerator.alt && 'Alt', accelerator.shift && 'Shift', meta && 'Meta', accelerator.key]
    .filter(Boolean)
    .join('+');
}

/**
 * Shortcuts of common meeting clients (Zoom, Microsoft Teams, Webex, Google Meet) on Windows and
 * Linux, from their published keyboard-shortcut lists. A panic key that collides with one would
 * act in both apps at once.
 */
export const MEETING_CLIENT_SHORTCUTS: Readonly<Record<string, string>> = {
  'Alt+A': 'Zoom: mute/unmute',
  'Alt+V': 'Zoom: start/stop video',
  'Alt+S': 'Zoom: start/stop share',
  'Alt+M': 'Zoom: mute all',
  'Alt+Q': 'Zoom: end meeting',
  'Alt+H': 'Zoom: chat',
  'Alt+U': 'Zoom: participants',
  'Alt+R': 'Zoom: record',
  'Ctrl+Shift+M': 'Teams: mute',
  'Ctrl+Shift+O': 'Teams: camera',
  'Ctrl+Shift+E': 'Teams: share',
  'Ctrl+Shift+H': 'Teams: hang up',
  'Ctrl+Shift+K': 'Teams: raise hand',
  'Ctrl+M': 'Webex: mute',
  'Ctrl+Shift+V': 'Webex: video',
  'Ctrl+D': 'Google Meet: microphone',
  'Ctrl+E': 'Google Meet: camera',
};

export interface BindingProblem {
  command: string;
  accelerator: string;
  problem: string;
}

/** Every problem with a set of bindings: unparseable keys, a key bound twice, meeting-client collisions. */
export function checkBindings(bindings: Readonly<Record<string, string>>, platform: 'mac' | 'other' = 'other'): BindingProblem[] {
  const problems: BindingProblem[] = [];
  const seen = new Map<string, string>();
  for (const [command, text] of Object.entries(bindings)) {
    const parsed = parseAccelerator(text);
    if (!parsed.ok) {
      problems.push({ command, accelerator: text, problem: parsed.problem });
      continue;
    }
    const key = canonical(parsed.accelerator, platform);
    const other = seen.get(key);
    if (other) problems.push({ command, accelerator: text, problem: `also bound to ${other}` });
    else seen.set(key, command);
    const client = MEETING_CLIENT_SHORTCUTS[key];
    if (client) problems.push({ command, accelerator: text, problem: `collides with ${client}` });
  }
  return problems;
}

/** Whether a keyboard event (browser mode, or the focused desktop window) is this accelerator. */
export function matchesKey(
  accelerator: Accelerator,
  event: { key: string; code: string; ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean },
  platform: 'mac' | 'other',
): boolean {
  const wantCtrl = accelerator.ctrl || (accelerator.mod && platform === 'other');
  const wantMeta = accelerator.meta || (accelerator.mod && platform === 'mac');
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta || event.altKey !== accelerator.alt || event.shiftKey !== accelerator.shift)
    return false;
  // With Alt or Shift held, `key` changes with the layout; the physical code does not.
  const code = event.code.replace(/^Key|^Digit/, '');
  return code.toUpperCase() === accelerator.key.toUpperCase() || event.key.toUpperCase() === accelerator.key.toUpperCase();
}
