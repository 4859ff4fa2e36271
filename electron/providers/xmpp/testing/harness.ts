import { randomUUID } from 'node:crypto';
import type { PlatformAction, PlatformIntent } from '../../../../shared/model/action';
import { MemoryVault } from '../../../host/credentials/vault';
import type { ActionNote, ProviderEvent, ProviderServices, ProviderSession } from '../../../host/provider';
import { realScheduler } from '../../../host/realScheduler';
import { MemorySettingsStore } from '../../../host/settings/settingsStore';
import { createXmppProvider } from '../xmppProvider';
import { settingsFor, storeSettings, uniqueRoom, type Transport, type XmppTestServer } from './servers';

export interface Moderated {
  session: ProviderSession;
  events: ProviderEvent[];
  roomJid: string;
  services: ProviderServices;
  /** The participant id the provider reported for `nick` (waits for the join). */
  idOf(nick: string, timeoutMs?: number): Promise<string>;
  /** Runs an action the way the host would (with an id and an abort signal). */
  perform(intent: PlatformIntent, timeoutMs?: number): Promise<void | ActionNote>;
  close(): Promise<void>;
}

/** Polls `check` until it returns something other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Hostdeck's provider attached to a room on a real server as its moderator, with every event it
 * emits collected: the moderator's side of the integration tests and the benchmark.
 */
export async function moderate(
  server: XmppTestServer,
  options: { room?: string; transport?: Transport; port?: number; settings?: Record<string, string>; nickname?: string } = {},
): Promise<Moderated> {
  const room = options.room ?? uniqueRoom();
  const services: ProviderServices = {
    vault: new MemoryVault(),
    settings: new MemorySettingsStore(),
    scheduler: realScheduler,
    openExternal: async () => undefined,
  };
  await storeSettings(services, { ...settingsFor(server, room, options.transport, options.port), ...options.settings });
  const provider = createXmppProvider(services);
  const events: ProviderEvent[] = [];
  const roomJid = `${room}@${server.mucDomain}`;
  const session = await provider.attach(roomJid, options.nickname ? { nickname: options.nickname } : {}, {
    scheduler: realScheduler,
    emit: (e) => events.push(e),
  });
  return {
    session,
    events,
    roomJid,
    services,
    idOf: (nick, timeoutMs = 5_000) =>
      eventually(
        () =>
          events.findLast((e): e is Extract<ProviderEvent, { type: 'joined' }> => e.type === 'joined' && e.participant.displayName === nick)
            ?.participant.id,
        timeoutMs,
        `${nick} to join`,
      ),
    perform: (intent, timeoutMs = session.limits.callTimeoutMs) =>
      session.perform({ ...intent, id: randomUUID() } as PlatformAction, AbortSignal.timeout(timeoutMs)),
    close: () => session.close(),
  };
}
