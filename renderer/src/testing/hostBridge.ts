import type { HostdeckApi } from '../../../shared/contract/api';
import { COMMAND_NAMES, EVENT_NAMES, subscriptionName } from '../../../shared/contract/channels';
import { dispatch } from '../../../electron/host/dispatch';
import type { Host } from '../../../electron/host/host';
import type { Bridge } from '../bridge';

/**
 * A bridge straight to a real in-process host, for renderer tests: every call goes through the
 * same gate as the shells (dispatch) and everything crosses as JSON, as it would over the wire.
 */
export function createHostBridge(host: Host): Bridge {
  const api: Record<string, unknown> = {};
  for (const name of COMMAND_NAMES) {
    api[name] = async (input: unknown = {}) => {
      const reply = await dispatch(host, name, JSON.parse(JSON.stringify(input)));
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), { name: reply.error.code });
      return JSON.parse(JSON.stringify(reply.value ?? null));
    };
  }
  for (const name of EVENT_NAMES) {
    api[subscriptionName(name)] = (listener: (payload: unknown) => void) =>
      host.subscribe((event) => {
        if (event.name === name) listener(JSON.parse(JSON.stringify(event.payload)));
      });
  }
  return { ...(api as unknown as HostdeckApi), shell: 'web', onConnection: (listener) => (listener('open'), () => undefined) };
}
