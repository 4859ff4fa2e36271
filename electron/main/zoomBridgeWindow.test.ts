import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/*
 * Electron itself cannot start in the unit tests (no display, and no binary on every machine), so
 * this stands in for the few Electron objects the wiring touches, recording what it asks of each:
 * which session a protocol handler is registered on, and which partition each window uses. The
 * handlers themselves run for real and serve real files.
 */
type Handler = (request: Request) => Promise<Response>;
interface FakeSession {
  partition: string | undefined;
  handlers: Map<string, Handler>;
  permission?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  permissionCheck?: () => boolean;
  deviceCheck?: () => boolean;
}
const electron = vi.hoisted(() => {
  const makeSession = (partition: string | undefined): FakeSession => ({ partition, handlers: new Map() });
  const defaultSession = makeSession(undefined);
  const partitions = new Map<string, FakeSession>();
  const windows: { webPreferences: { partition?: string } }[] = [];
  return { defaultSession, partitions, windows, makeSession };
});

vi.mock('electron', () => {
  const sessionApi = (s: FakeSession) => ({
    protocol: { handle: (scheme: string, handler: Handler) => s.handlers.set(scheme, handler) },
    setPermissionRequestHandler: (h: FakeSession['permission']) => (s.permission = h),
    setPermissionCheckHandler: (h: () => boolean) => (s.permissionCheck = h),
    setDevicePermissionHandler: (h: () => boolean) => (s.deviceCheck = h),
  });
  class BrowserWindow {
    readonly webContents = { send: () => undefined, on: () => undefined };
    constructor(options: { webPreferences: { partition?: string } }) {
      electron.windows.push(options);
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    destroy() {}
    loadURL() {
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    ipcMain: { on: () => undefined, removeListener: () => undefined },
    protocol: {
      handle: (scheme: string, handler: Handler) => electron.defaultSession.handlers.set(scheme, handler),
      registerSchemesAsPrivileged: () => undefined,
    },
    session: {
      fromPartition: (partition: string) => {
        const s = electron.partitions.get(partition) ?? electron.makeSession(partition);
        electron.partitions.set(partition, s);
        return sessionApi(s);
      },
    },
  };
});

const { serveRenderer, APP_SCHEME } = await import('./protocol');
const { createElectronZoomBridge, ZOOM_BRIDGE_CSP } = await import('./zoomBridgeWindow');
const { createConsoleWindow } = await import('./window');

let rendererDir = '';
beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'hostdeck-zoom-csp-'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(rendererDir, 'zoom-bridge.html'), '<!doctype html><title>meeting</title>');
  await writeFile(join(rendererDir, 'assets', 'bridge.js'), 'void 0;');
});
afterAll(() => rm(rendererDir, { recursive: true, force: true }));

const get = (handler: Handler | undefined, url: string) => handler!(new Request(url));

describe('the Zoom meeting window’s content policy stays in its own session', () => {
  it('serves the SDK’s CSP and cross-origin isolation only from the meeting window’s partition; the console keeps its strict policy', async () => {
    serveRenderer(rendererDir);
    createConsoleWindow('/preload', undefined);
    await createElectronZoomBridge('/preload', rendererDir).open(
      { meetingNumber: '85012345678', signature: 'sig', zak: 'zak', userName: 'Host', language: 'en-US' },
      () => undefined,
    );

    // The console window uses the default session; the meeting window its own partition, the only one made.
    const [consoleWindow, meetingWindow] = electron.windows;
    expect(consoleWindow?.webPreferences.partition).toBeUndefined();
    expect(meetingWindow?.webPreferences.partition).toBe('zoom-bridge');
    expect([...electron.partitions.keys()]).toEqual(['zoom-bridge']);
    const bridgeSession = electron.partitions.get('zoom-bridge')!;

    // The console's handler (default session): its strict CSP, none of the SDK's allowances.
    const consolePage = await get(electron.defaultSession.handlers.get(APP_SCHEME), 'app://hostdeck/index.html');
    const consoleCsp = consolePage.headers.get('Content-Security-Policy') ?? '';
    expect(consolePage.status).toBe(200);
    expect(consoleCsp).not.toBe(ZOOM_BRIDGE_CSP);
    expect(consoleCsp).not.toMatch(/wasm-unsafe-eval|zoom\.us|blob:|'unsafe-inline'/);
    expect(consolePage.headers.get('Cross-Origin-Embedder-Policy')).toBeNull();
    // The console's handler never serves the meeting window's origin.
    expect((await get(electron.defaultSession.handlers.get(APP_SCHEME), 'app://zoom-bridge/zoom-bridge.html')).status).toBe(404);

    // The meeting window's handler (its partition): the SDK's CSP and cross-origin isolation, on its page and assets.
    for (const path of ['/zoom-bridge.html', '/assets/bridge.js']) {
      const page = await get(bridgeSession.handlers.get(APP_SCHEME), `app://zoom-bridge${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('Content-Security-Policy')).toBe(ZOOM_BRIDGE_CSP);
      expect(page.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    }
    // …and nothing else: not the console's page, not another origin.
    expect((await get(bridgeSession.handlers.get(APP_SCHEME), 'app://zoom-bridge/index.html')).status).toBe(404);
    expect((await get(bridgeSession.handlers.get(APP_SCHEME), 'app://hostdeck/index.html')).status).toBe(404);

    // The partition grants no camera, microphone or screen; the default session was not touched.
    const answers: boolean[] = [];
    bridgeSession.permission?.(undefined, 'media', (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
    expect(bridgeSession.permissionCheck?.()).toBe(false);
    expect(bridgeSession.deviceCheck?.()).toBe(false);
    expect(electron.defaultSession.permission).toBeUndefined();
  });
});
