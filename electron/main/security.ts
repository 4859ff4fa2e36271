import { app, session, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './protocol';

/**
 * The app-wide web security policy, in one place. Whatever a page tries (navigating away, opening
 * windows, attaching a <webview>, asking for camera, microphone, notifications …) is refused; links
 * to the web open in the system browser instead, and only over https.
 */
export function enforceWebSecurity(devServerOrigin: string | undefined): void {
  const allowedOrigins = new Set([APP_ORIGIN, ...(devServerOrigin ? [devServerOrigin] : [])]);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!allowedOrigins.has(new URL(url).origin)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  app.whenReady().then(
    () => {
      const ses = session.defaultSession;
      ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      ses.setPermissionCheckHandler(() => false);
      ses.setDevicePermissionHandler(() => false);
    },
    () => undefined,
  );
}

/** Whether an IPC sender is our own top-level page (not an iframe, not another origin). */
export function isTrustedSender(frame: { url: string; parent: unknown } | null, devServerOrigin: string | undefined): boolean {
  if (!frame || frame.parent) return false;
  let origin: string;
  try {
    origin = new URL(frame.url).origin;
  } catch {
    return false;
  }
  return origin === APP_ORIGIN || (devServerOrigin !== undefined && origin === devServerOrigin);
}
