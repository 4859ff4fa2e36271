import { join } from 'node:path';
import { app, globalShortcut, safeStorage, shell, type BrowserWindow } from 'electron';
import { EncryptedFileVault, MemoryVault } from '../host/credentials/vault';
import { createHost } from '../host/host';
import { defaultActor, osUserName } from '../host/identity';
import type { ProviderServices } from '../host/provider';
import { realScheduler } from '../host/realScheduler';
import { FileSettingsStore } from '../host/settings/settingsStore';
import { createProviders } from '../providers';
import { registerIpc } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { enforceWebSecurity } from './security';
import { registerPanicShortcuts } from './shortcuts';
import { createConsoleWindow, printHtmlToPdf } from './window';
import { createElectronZoomBridge } from './zoomBridgeWindow';

// Composition root of the desktop app: wiring only.

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  enforceWebSecurity(devServerOrigin);
  const dataDir = process.env['HOSTDECK_DATA_DIR'] ?? app.getPath('userData');
  const services: ProviderServices = {
    // Secrets are encrypted with the OS keychain; where none is available they stay in memory only.
    vault: safeStorage.isEncryptionAvailable()
      ? new EncryptedFileVault(join(dataDir, 'credentials.json'), {
          encrypt: (text) => safeStorage.encryptString(text),
          decrypt: (data) => safeStorage.decryptString(data),
        })
      : new MemoryVault(),
    settings: new FileSettingsStore(join(dataDir, 'settings.json')),
    scheduler: realScheduler,
    openExternal: async (url) => {
      if (!url.startsWith('https://')) throw new Error('Only https addresses are opened.');
      await shell.openExternal(url);
    },
  };
  const host = createHost({
    dataDir,
    providers: createProviders(services, {
      zoomMeetingBridge: createElectronZoomBridge(join(import.meta.dirname, '../preload'), join(import.meta.dirname, '../renderer')),
    }),
    services,
    scheduler: realScheduler,
    // Until a moderator name is saved in Settings, entries are recorded under the OS user name.
    actor: defaultActor(osUserName()),
    shell: 'electron',
    printPdf: printHtmlToPdf,
    version: app.getVersion(),
  });
  let window: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  void app.whenReady().then(() => {
    serveRenderer(join(import.meta.dirname, '../renderer'));
    const registerKeys = (): void =>
      void registerPanicShortcuts(host, () => window).catch((error: unknown) => console.error('panic shortcuts', error));
    // New bindings take effect as soon as the moderator saves them.
    registerIpc(host, devServerOrigin, (name) => name === 'savePanicSettings' && registerKeys());
    window = createConsoleWindow(join(import.meta.dirname, '../preload'), devServerUrl);
    window.on('closed', () => (window = null));
    window.webContents.once('did-finish-load', registerKeys);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => globalShortcut.unregisterAll());
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    // The incident log is flushed and closed before the process exits: nothing recorded is lost.
    closing = true;
    event.preventDefault();
    void host.close().finally(() => app.quit());
  });
}
