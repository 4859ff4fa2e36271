import type ZoomMtgEmbedded from '@zoom/meetingsdk/embedded';
import { describe, expect, it } from 'vitest';
import type { ZoomBridgeWindowApi } from '../../../shared/contract/zoomBridgeChannels';
import { FakeZoomSdkClient } from '../testing/fakeZoomSdk';

/** The meeting window's preload, as the page sees it: listeners registered, messages posted. */
function fakePreload() {
  const posted: unknown[] = [];
  const answers = new Map<number, unknown>();
  const listeners: { join?: (r: unknown) => void; command?: (id: number, c: unknown) => void; leave?: (id: number) => void } = {};
  const api: ZoomBridgeWindowApi = {
    onJoin: (l) => void (listeners.join = l),
    onCommand: (l) => void (listeners.command = l),
    onLeave: (l) => void (listeners.leave = l),
    post: (m) => void posted.push(m),
    answer: (id, r) => void answers.set(id, r),
  };
  return { api, posted, answers, listeners };
}

const until = async (predicate: () => boolean) => {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(predicate()).toBe(true);
};

describe('the meeting window page', () => {
  it('joins through the SDK on the main process’s request, answers commands, refuses what is not one', async () => {
    document.body.innerHTML = '<p id="zoom-bridge-status"></p><div id="zoom-meeting-root"></div>';
    const sdk = new FakeZoomSdkClient({ topic: 'Rapat', attendees: [{ name: 'Kapolda', uuid: 'u-1' }] });
    window.ZoomMtgEmbedded = { createClient: () => sdk } as unknown as typeof ZoomMtgEmbedded;
    const preload = fakePreload();
    window.hostdeckZoomBridge = preload.api;
    await import('./main');

    preload.listeners.command?.(1, { op: 'admitAll' });
    expect(preload.answers.get(1)).toMatchObject({ ok: false, type: 'IMPROPER_MEETING_STATE' });
    preload.listeners.join?.({ meetingNumber: 'not a number', signature: 'x', zak: 'z', userName: 'Host' });
    expect(preload.posted.at(-1)).toEqual({ type: 'joinFailed', reason: 'The join request was not valid.' });

    preload.listeners.join?.({ meetingNumber: '81234567890', signature: 's'.repeat(40), zak: 'zak-1', userName: 'Host' });
    await until(() => preload.posted.some((m) => (m as { type: string }).type === 'joined'));
    expect(preload.posted.at(-1)).toMatchObject({ type: 'joined', isHost: true, topic: 'Rapat', attendees: expect.any(Array) });
    expect(sdk.joinOptions).toMatchObject({ meetingNumber: '81234567890', zak: 'zak-1' });
    expect(document.getElementById('zoom-bridge-status')?.textContent).toMatch(/in the meeting as host/);

    const kapolda = [...sdk.users.values()].find((u) => u.userName === 'Kapolda')!;
    preload.listeners.command?.(2, { op: 'expel', userId: kapolda.userId });
    await until(() => preload.answers.has(2));
    expect(preload.answers.get(2)).toEqual({ ok: true });
    expect(preload.posted.at(-1)).toMatchObject({ type: 'event', name: 'user-removed' });
    preload.listeners.command?.(3, { op: 'rm -rf' });
    expect(preload.answers.get(3)).toMatchObject({ ok: false, type: 'INVALID_PARAMETERS' });
    preload.listeners.leave?.(4);
    await until(() => preload.answers.has(4));
    expect(sdk.calls.at(-1)?.method).toBe('leaveMeeting');
  });
});
