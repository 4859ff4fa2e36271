import { createWebSocketBridge } from './webSocketBridge';
import type { Bridge } from './types';

export type { Bridge, ConnectionState } from './types';

/**
 * The renderer's only way to the host: the preload's `window.hostdeck` in the desktop app, the
 * WebSocket in browser mode. Nothing else in the renderer touches either.
 */
export function connectBridge(): Bridge {
  const preload = window.hostdeck;
  if (preload) {
    return {
      ...preload,
      shell: 'electron',
      onConnection(listener) {
        listener('open');
        return () => undefined;
      },
    };
  }
  return createWebSocketBridge();
}
