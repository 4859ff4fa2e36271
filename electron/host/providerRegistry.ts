import type { ProviderId } from '../../shared/model/meeting';
import { HostdeckError } from '../../shared/contract/reply';
import type { Provider } from './provider';

/** The providers this build offers, by id. The rehearsal provider is always present. */
export class ProviderRegistry {
  private readonly providers = new Map<ProviderId, Provider>();

  constructor(providers: readonly Provider[]) {
    for (const provider of providers) {
      if (this.providers.has(provider.id)) throw new Error(`provider ${provider.id} registered twice`);
      this.providers.set(provider.id, provider);
    }
  }

  list(): Provider[] {
    return [...this.providers.values()];
  }

  get(id: ProviderId): Provider {
    const provider = this.providers.get(id);
    if (!provider) throw new HostdeckError('unknownProvider', `No provider "${id}" is available in this build.`);
    return provider;
  }
}
