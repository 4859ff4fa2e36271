import { ipcMain, session, type BrowserWindow, type IpcMainEvent, type Session } from 'electron';
import type { ZoomJoinRequest } from '../../shared/contract/zoomBridge';
import { ZOOM_BRIDGE_CHANNELS as C } from '../../shared/contract/zoomBridgeChannels';
import type { ZoomBridgeConnection, ZoomMeetingBridge } from '../providers/zoom/bridge';
import { readStaticFile } from '../web/staticFiles';
import { APP_SCHEME } from './protocol';
import { createZoomBridgeWindow } from './window';

/** The meeting window's own origin and in-memory session: nothing of it touches the console's. */
export const ZOOM_BRIDGE_HOST = 'zoom-bridge';
export const ZOOM_BRIDGE_ORIGIN = `${APP_SCHEME}://${ZOOM_BRIDGE_HOST}`;
const PARTITION = 'zoom-bridge';
const LEAVE_TIMEOUT_MS = 3_000;

/**
 * What the Meeting SDK for Web needs, for this window only (the console keeps its strict policy):
 * WebAssembly and blob workers for its media engine, its media assets from Zoom's CDN
 * (`source.zoom.us`, the SDK's default `assetPath`), inline styles from its React UI, and
 * connections to Zoom's servers. Cross-origin isolation (COOP + COEP) gives the SDK
 * SharedArrayBuffer, which Zoom recommends for its web media.
 */
export const ZOOM_BRIDGE_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval' blob: https://source.zoom.us",
  "worker-src 'self' blob: https://source.zoom.us",
  "style-src 'self' 'unsafe-inline' https://source.zoom.us",
  "img-src 'self' data: blob: https://*.zoom.us",
  "font-src 'self' data: https://source.zoom.us",
  "media-src 'self' blob: https://source.zoom.us",
  "connect-src 'self' blob: https://*.zoom.us wss://*.zoom.us",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const BRIDGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': ZOOM_BRIDGE_CSP,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

let prepared: Session | null = null;

/** The window's session: serves only the bridge page and its assets, and grants no device. */
function bridgeSession(rendererDir: string): Session {
  if (prepared) return prepared;
  const ses = session.fromPartition(PARTITION);
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const allowed = url.pathname === '/zoom-bridge.html' || url.pathname.startsWith('/assets/');
    if (url.host !== ZOOM_BRIDGE_HOST || request.method !== 'GET' || !allowed) return new Response('Not found', { status: 404 });
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404, headers: BRIDGE_HEADERS });
    return new Response(new Uint8Array(file.body), { status: 200, headers: { ...BRIDGE_HEADERS, 'Content-Type': file.contentType } });
  });
  // Hostdeck drives host controls; it never uses the moderator's camera, microphone or screen.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  prepared = ses;
  return ses;
}

/** Only the meeting window's own top-level page may speak on the bridge channels. */
function fromWindow(window: BrowserWindow, event: IpcMainEvent): boolean {
  if (window.isDestroyed() || event.sender !== window.webContents || event.senderFrame?.parent) return false;
  try {
    return new URL(event.senderFrame?.url ?? '').origin === ZOOM_BRIDGE_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * The desktop shell's side of the Zoom provider's `ZoomMeetingBridge` port: one meeting window per
 * attached meeting, relaying the join, host commands and SDK events over the bridge channels. The
 * provider parses everything that comes back.
 */
export function createElectronZoomBridge(preloadDir: string, rendererDir: string): ZoomMeetingBridge {
  return {
    async open(join: ZoomJoinRequest, onMessage: (message: unknown) => void): Promise<ZoomBridgeConnection> {
      bridgeSession(rendererDir);
      const window = createZoomBridgeWindow(preloadDir, PARTITION);
      const pending = new Map<number, (answer: unknown) => void>();
      let nextId = 1;
      let closed = false;
      const onBridgeMessage = (event: IpcMainEvent, message: unknown) => {
        if (fromWindow(window, event)) onMessage(message);
      };
      const onAnswer = (event: IpcMainEvent, id: unknown, answer: unknown) => {
        if (!fromWindow(window, event) || typeof id !== 'number') return;
        pending.get(id)?.(answer);
        pending.delete(id);
      };
      ipcMain.on(C.message, onBridgeMessage);
      ipcMain.on(C.answer, onAnswer);
      const gone = (reason: string) => {
        if (closed) return;
        closed = true;
        ipcMain.removeListener(C.message, onBridgeMessage);
        ipcMain.removeListener(C.answer, onAnswer);
        for (const resolve of pending.values()) resolve({ ok: false, type: 'IMPROPER_MEETING_STATE', reason });
        pending.clear();
        onMessage({ type: 'closed', reason });
      };
      window.on('closed', () => gone('The meeting window was closed.'));
      window.webContents.on('render-process-gone', (_event, details) => gone(`The meeting window stopped (${details.reason}).`));
      const request = (channel: string, ...args: unknown[]) =>
        new Promise<unknown>((resolve) => {
          if (closed || window.isDestroyed())
            return resolve({ ok: false, type: 'IMPROPER_MEETING_STATE', reason: 'The meeting window is closed.' });
          const id = nextId++;
          pending.set(id, resolve);
          window.webContents.send(channel, id, ...args);
        });
      try {
        await window.loadURL(`${ZOOM_BRIDGE_ORIGIN}/zoom-bridge.html`);
      } catch (error) {
        window.destroy();
        throw error;
      }
      window.webContents.send(C.join, join);
      return {
        command: (command) => request(C.command, command),
        async close() {
          const left = request(C.leave);
          const timeout = new Promise((resolve) => setTimeout(resolve, LEAVE_TIMEOUT_MS));
          await Promise.race([left, timeout]);
          if (!window.isDestroyed()) window.destroy();
        },
      };
    },
  };
}
