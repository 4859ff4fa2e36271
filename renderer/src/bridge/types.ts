import type { HostdeckApi, Unsubscribe } from '../../../shared/contract/api';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** The contract's façade plus the state of the link to the host (always open in the desktop app). */
export interface Bridge extends HostdeckApi {
  readonly shell: 'electron' | 'web';
  onConnection(listener: (state: ConnectionState) => void): Unsubscribe;
}

declare global {
  interface Window {
    /** Present only in the desktop app, exposed by the preload. */
    readonly hostdeck?: HostdeckApi;
  }
}
