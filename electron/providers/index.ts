import type { Provider, ProviderServices } from '../host/provider';
import { createRehearsalProvider } from './rehearsal/rehearsalProvider';
import { createWebexProvider } from './webex/webexProvider';
import { createXmppProvider } from './xmpp/xmppProvider';
import type { ZoomMeetingBridge } from './zoom/bridge';
import { createZoomProvider } from './zoom/zoomProvider';

/** What only some shells can lend providers: the desktop app's Zoom meeting window. */
export interface ShellPorts {
  zoomMeetingBridge?: ZoomMeetingBridge;
}

/** Every provider this build offers. Both shells register exactly these. */
export function createProviders(services: ProviderServices, ports: ShellPorts = {}): Provider[] {
  return [
    createRehearsalProvider(),
    createXmppProvider(services),
    createWebexProvider(services),
    createZoomProvider(services, ports.zoomMeetingBridge),
  ];
}
