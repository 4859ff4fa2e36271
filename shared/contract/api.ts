import type { EventChannelName } from './channels';
import type { ClientCommands } from './commands';
import type { EventPayload } from './events';

export type Unsubscribe = () => void;

/** `onRoster`, `onAction` …: subscribe to one pushed event; the returned function unsubscribes. */
export type HostSubscriptions = {
  [E in EventChannelName as `on${Capitalize<E>}`]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe;
};

/**
 * The one façade the renderer talks to, whichever shell hosts it: `window.hostdeck` in the desktop
 * app, a WebSocket client in browser mode.
 */
export type HostdeckApi = ClientCommands & HostSubscriptions;
