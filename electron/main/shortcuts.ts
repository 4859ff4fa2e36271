import { BrowserWindow, globalShortcut, Notification } from 'electron';
import { eventChannel } from '../../shared/contract/channels';
import type { EventPayload } from '../../shared/contract/events';
import { parseAccelerator } from '../../shared/keyboard/accelerator';
import { createDoublePress } from '../../shared/keyboard/doublePress';
import { SHORTCUT_COMMANDS, type ShortcutCommand } from '../../shared/model/panic';
import type { Host } from '../host/host';

function send<E extends 'shortcutStatus' | 'shortcutFired'>(name: E, payload: EventPayload<E>): void {
  for (const window of BrowserWindow.getAllWindows()) if (!window.isDestroyed()) window.webContents.send(eventChannel(name), payload);
}

/**
 * The panic keys, registered with the operating system so they work while the meeting client has
 * focus. Each refusal (another app owns the key, or the binding is not valid) is reported to the
 * console, never lost. When the console is not in front, an OS notification says what happened.
 */
export async function registerPanicShortcuts(host: Host, consoleWindow: () => BrowserWindow | null): Promise<() => void> {
  globalShortcut.unregisterAll();
  const settings = await host.panicSettings();
  const status: EventPayload<'shortcutStatus'> = { registered: [], refused: [] };
  const endGuard = createDoublePress();

  const notify = (message: string): void => {
    const window = consoleWindow();
    if (window?.isFocused()) return;
    if (Notification.isSupported()) new Notification({ title: 'Hostdeck', body: message, silent: !settings.shortcutSound }).show();
  };

  const fire = async (command: ShortcutCommand): Promise<void> => {
    let message: string;
    if (command === 'endForAll' && endGuard.press(Date.now()) === 'armed') {
      notify('Press the End key again within 0.6 s to end the meeting for all.');
      // The console shows its own translated prompt for this message (as in browser mode).
      send('shortcutFired', { command, message: 'endAgain' });
      return;
    }
    if (command === 'quickNote') {
      const window = consoleWindow();
      window?.show();
      window?.focus();
    }
    try {
      message = await host.shortcut(command);
    } catch (error) {
      message = `Shortcut failed: ${(error as Error).message}`;
    }
    send('shortcutFired', { command, message: message.slice(0, 300) });
    notify(message);
  };

  for (const command of SHORTCUT_COMMANDS) {
    const accelerator = settings.shortcuts[command];
    const parsed = parseAccelerator(accelerator);
    if (!parsed.ok) {
      status.refused.push({ command, accelerator, reason: parsed.problem.slice(0, 300) });
      continue;
    }
    let accepted = false;
    let reason = 'The operating system refused it: another application may already use this key.';
    try {
      accepted = globalShortcut.register(accelerator, () => void fire(command));
    } catch (error) {
      reason = (error as Error).message.slice(0, 300);
    }
    if (accepted) status.registered.push({ command, accelerator });
    else status.refused.push({ command, accelerator, reason });
  }
  send('shortcutStatus', status);
  return () => globalShortcut.unregisterAll();
}
