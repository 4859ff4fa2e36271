import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * One build for everything: the Electron main process and the browser-mode server (both Node),
 * the preload (CommonJS, as sandboxed preloads require), and the renderer bundle both shells serve.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          web: resolve('electron/web/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts'), zoomBridge: resolve('electron/preload/zoomBridge.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // The console, and the Zoom meeting window's page (served only in that window's own session).
      rollupOptions: { input: { index: resolve('renderer/index.html'), zoomBridge: resolve('renderer/zoom-bridge.html') } },
    },
  },
});
