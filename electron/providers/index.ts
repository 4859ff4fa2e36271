import type { Provider, ProviderServices } from '../host/provider';
import { createRehearsalProvider } from './rehearsal/rehearsalProvider';

/** Every provider this build offers. Both shells register exactly these. */
export function createProviders(_services: ProviderServices): Provider[] {
  return [createRehearsalProvider()];
}
