import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './protocol';

/**
 * The one place a BrowserWindow is made. The security settings are written out literally, without
 * spreads, so a review sees them: the renderer runs isolated and sandboxed, with no Node.
 */
export function createConsoleWindow(preloadDir: string, devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Hostdeck',
    show: false,
    backgroundColor: '#10141a',
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

/**
 * The Zoom meeting window: Zoom's Meeting SDK, joined as host, driven by the console. As locked
 * down as the console (isolated, sandboxed, no Node), plus its own in-memory session
 * (`partition`), so the SDK's looser content policy, its storage and its permission answers never
 * touch the console's session. Its preload exposes only the bridge's five intent methods.
 */
export function createZoomBridgeWindow(preloadDir: string, partition: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 640,
    minHeight: 480,
    title: 'Hostdeck · Zoom meeting',
    show: true,
    backgroundColor: '#10141a',
    webPreferences: {
      preload: join(preloadDir, 'zoomBridge.cjs'),
      partition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  return window;
}

/**
 * Prints a report to PDF in a hidden, sandboxed window with JavaScript off and its own in-memory
 * session: the report is static HTML whose every value is escaped, and nothing in it may run.
 */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      javascript: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      partition: 'report-print',
      spellcheck: false,
    },
  });
  // Its session answers no permission request (the app-wide handlers cover the default session only).
  const ses = window.webContents.session;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // A private temporary file rather than a data: URL, which Chromium caps at 2 MB (a long event's
  // report can be larger).
  const dir = await mkdtemp(join(tmpdir(), 'hostdeck-report-'));
  try {
    const file = join(dir, 'report.html');
    await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
    await window.loadFile(file);
    return await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
  } finally {
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
