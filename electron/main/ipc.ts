import { BrowserWindow, ipcMain } from 'electron';
import { commandChannel, COMMAND_NAMES, EVENT_NAMES, eventChannel } from '../../shared/contract/channels';
import { dispatch } from '../host/dispatch';
import type { Host } from '../host/host';
import { isTrustedSender } from './security';

/**
 * Registers one handler per contract command, all through the same gate: the sender must be our
 * own top-level page, the payload is parsed by the contract's schema (in `dispatch`), and the
 * answer is a Reply. Host events are forwarded to every console window.
 */
export function registerIpc(host: Host, devServerOrigin: string | undefined, afterCommand?: (name: string) => void): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), async (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, devServerOrigin)) {
        host.reportRejected(name, `sender not trusted: ${event.senderFrame?.url ?? 'unknown frame'}`);
        return { ok: false, error: { code: 'forbidden', message: 'This page may not control Hostdeck.' } };
      }
      const reply = await dispatch(host, name, input);
      if (reply.ok) afterCommand?.(name);
      return reply;
    });
  }
  const unsubscribe = host.subscribe((event) => {
    if (!EVENT_NAMES.includes(event.name)) return;
    for (const window of BrowserWindow.getAllWindows()) {
      // Console windows only: the Zoom meeting window (another origin) never receives meeting data.
      if (window.isDestroyed() || !isTrustedSender({ url: window.webContents.getURL(), parent: null }, devServerOrigin)) continue;
      window.webContents.send(eventChannel(event.name), event.payload);
    }
  });
  return () => {
    unsubscribe();
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
  };
}
