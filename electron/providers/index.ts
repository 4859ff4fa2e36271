import type { Provider, ProviderServices } from '../host/provider';
import { createRehearsalProvider } from './rehearsal/rehearsalProvider';
import { createXmppProvider } from './xmpp/xmppProvider';

/** Every provider this build offers. Both shells register exactly these. */
export function createProviders(services: ProviderServices): Provider[] {
  return [createRehearsalProvider(), createXmppProvider(services)];
}
