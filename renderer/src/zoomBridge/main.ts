import type ZoomMtgEmbedded from '@zoom/meetingsdk/embedded';
// The SDK's self-contained build (it carries its own React 18), served from the app's own origin
// as a file: the package's module entry expects React 18 as a peer, the console runs React 19.
import sdkUrl from '@zoom/meetingsdk/dist/zoom-meeting-embedded-ES5.min.js?url';
import { ZoomBridgeCommand, ZoomJoinRequest, type ZoomBridgeResult } from '../../../shared/contract/zoomBridge';
import type { ZoomBridgeWindowApi } from '../../../shared/contract/zoomBridgeChannels';
import { SdkDriver } from './sdkDriver';

declare global {
  interface Window {
    hostdeckZoomBridge?: ZoomBridgeWindowApi;
    ZoomMtgEmbedded?: typeof ZoomMtgEmbedded;
  }
}

const status = document.getElementById('zoom-bridge-status');
const say = (text: string) => {
  if (status) status.textContent = text;
};

function loadSdk(): Promise<typeof ZoomMtgEmbedded> {
  if (window.ZoomMtgEmbedded) return Promise.resolve(window.ZoomMtgEmbedded);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = sdkUrl;
    script.onload = () => (window.ZoomMtgEmbedded ? resolve(window.ZoomMtgEmbedded) : reject(new Error('the Meeting SDK did not load')));
    script.onerror = () => reject(new Error('the Meeting SDK could not be loaded'));
    document.head.append(script);
  });
}

const notJoined: ZoomBridgeResult = { ok: false, type: 'IMPROPER_MEETING_STATE', reason: 'The meeting window has not joined.' };

function start(api: ZoomBridgeWindowApi): void {
  let driver: SdkDriver | null = null;
  api.onJoin((raw) => {
    const request = ZoomJoinRequest.safeParse(raw);
    if (!request.success || driver) return api.post({ type: 'joinFailed', reason: 'The join request was not valid.' });
    void loadSdk().then(
      async (sdk) => {
        driver = new SdkDriver(sdk.createClient(), { post: (message) => api.post(message) });
        await driver.join(request.data, document.getElementById('zoom-meeting-root') ?? undefined);
        say('Hostdeck is in the meeting as host. Keep this window open; the console drives it.');
      },
      (error: unknown) => api.post({ type: 'joinFailed', reason: (error as Error).message }),
    );
  });
  api.onCommand((id, raw) => {
    const command = ZoomBridgeCommand.safeParse(raw);
    if (!command.success) return api.answer(id, { ok: false, type: 'INVALID_PARAMETERS', reason: 'Not a bridge command.' });
    if (!driver) return api.answer(id, notJoined);
    void driver.command(command.data).then((result) => api.answer(id, result));
  });
  api.onLeave((id) => {
    if (!driver) return api.answer(id, { ok: true });
    void driver.leave().then(() => api.answer(id, { ok: true }));
  });
}

if (window.hostdeckZoomBridge) start(window.hostdeckZoomBridge);
else say('This page is Hostdeck’s Zoom meeting window: it works only inside the Hostdeck desktop app.');
