import type { HostdeckApi } from '../../../shared/contract/api';
import { COMMAND_NAMES, EVENT_NAMES, subscriptionName } from '../../../shared/contract/channels';
import { WireFromHost, type WireCall } from '../../../shared/contract/wire';
import type { Bridge, ConnectionState } from './types';

/** How long a call may wait for its reply before it is reported as failed. */
const CALL_TIMEOUT_MS = 30_000;
const MAX_BACKOFF_MS = 5_000;

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Browser mode's bridge: the contract over one WebSocket to the host that served the page. The
 * access token travels as the page's HttpOnly cookie. The socket reconnects with backoff; calls
 * made while it is down fail at once with a clear error rather than waiting silently.
 */
export function createWebSocketBridge(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`): Bridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, PendingCall>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocket | null = null;
  let nextId = 1;
  let backoff = 250;

  const setState = (next: ConnectionState): void => {
    if (state === next) return;
    state = next;
    for (const listener of connectionListeners) listener(state);
  };

  const failAll = (reason: string): void => {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.reject(new Error(reason));
      pending.delete(id);
    }
  };

  const connect = (): void => {
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = 250;
      setState('open');
    };
    ws.onmessage = (message) => {
      let parsed;
      try {
        parsed = WireFromHost.safeParse(JSON.parse(String(message.data)));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const frame = parsed.data;
      if (frame.t === 'event') {
        for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
        return;
      }
      const call = pending.get(frame.id);
      if (!call) return;
      pending.delete(frame.id);
      clearTimeout(call.timer);
      if (frame.reply.ok) call.resolve(frame.reply.value);
      else {
        const error = new Error(frame.reply.error.message);
        error.name = frame.reply.error.code;
        call.reject(error);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failAll('The connection to Hostdeck was lost.');
      setState('closed');
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
  };

  const call = (name: string, input: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        reject(new Error('Not connected to Hostdeck. Reconnecting…'));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`Hostdeck did not answer "${name}" within ${CALL_TIMEOUT_MS / 1000} s.`));
      }, CALL_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer });
      const frame: WireCall = { t: 'call', id, name, input };
      socket.send(JSON.stringify(frame));
    });

  const api: Record<string, unknown> = {};
  for (const name of COMMAND_NAMES) api[name] = (input: unknown = {}) => call(name, input);
  for (const name of EVENT_NAMES) {
    api[subscriptionName(name)] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    };
  }
  connect();
  return {
    ...(api as unknown as HostdeckApi),
    shell: 'web',
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}
