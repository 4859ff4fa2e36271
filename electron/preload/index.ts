import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { HostdeckApi } from '../../shared/contract/api';
import type { Reply } from '../../shared/contract/reply';
import { commandChannel, COMMAND_NAMES, EVENT_NAMES, eventChannel, subscriptionName } from '../../shared/contract/channels';

/**
 * The preload exposes exactly one object, `window.hostdeck`, made of intent-named methods (one per
 * contract command) and `on…` subscriptions that return an unsubscribe. No ipcRenderer, channel
 * string or Node object crosses into the page.
 */
const api: Record<string, unknown> = {};

for (const name of COMMAND_NAMES) {
  api[name] = async (input: unknown = {}) => {
    const reply = (await ipcRenderer.invoke(commandChannel(name), input)) as Reply;
    if (reply.ok) return reply.value;
    const error = new Error(reply.error.message);
    error.name = reply.error.code;
    throw error;
  };
}

for (const name of EVENT_NAMES) {
  api[subscriptionName(name)] = (listener: (payload: unknown) => void) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel(name), handler);
    return () => {
      ipcRenderer.removeListener(eventChannel(name), handler);
    };
  };
}

contextBridge.exposeInMainWorld('hostdeck', Object.freeze(api) as unknown as HostdeckApi);
