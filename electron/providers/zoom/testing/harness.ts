import type { HostEvent } from '../../../../shared/contract/events';
import { applyRosterMessage, EMPTY_MIRROR, type RosterMirror } from '../../../../shared/contract/rosterMirror';
import type { ActionOutcome } from '../../../../shared/model/action';
import type { ZoomPlan } from '../config';
import { createTestHost } from '../../../host/testing';
import type { ZoomMeetingBridge } from '../bridge';
import { createZoomProvider } from '../zoomProvider';
import { intruders, scheduledMeeting, storyMeeting } from './fakeZoomData';
import { FakeZoomServer } from './fakeZoomServer';

export const START = 1_764_000_000_000;

/** Waits (real time) until `predicate` holds: REST calls to the fake server are real I/O. */
export async function until(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function mirrorOf(events: readonly HostEvent[]): RosterMirror {
  let mirror = EMPTY_MIRROR;
  for (const e of events) if (e.name === 'roster') mirror = applyRosterMessage(mirror, e.payload).mirror;
  return mirror;
}

export function lastOutcome(events: readonly HostEvent[], id: string): ActionOutcome | undefined {
  return events.flatMap((e) => (e.name === 'action' && e.payload.actionId === id ? [e.payload] : [])).at(-1);
}

/**
 * A real host on a virtual clock with the Zoom provider, configured against a fake Zoom server on
 * loopback (the story's live webinar plus a scheduled meeting), and a sign-in that goes through the
 * whole PKCE + loopback redirect dance with the fake consent screen.
 */
export async function startZoomHarness(options: { plan?: ZoomPlan; bridge?: ZoomMeetingBridge } = {}) {
  const t = createTestHost(START, (services) => [createZoomProvider(services, options.bridge)]);
  const fake = await new FakeZoomServer({ now: () => t.scheduler.now(), plan: options.plan ?? 'business' }).start();
  const story = storyMeeting(START);
  fake.meetings.set(story.id, story);
  const scheduled = scheduledMeeting(START);
  fake.meetings.set(scheduled.id, scheduled);
  const opened: string[] = [];
  (t.services as { openExternal: (url: string) => Promise<void> }).openExternal = async (url) => {
    opened.push(url);
    // The user clicks Allow on Zoom's consent page; the browser follows the redirect to Hostdeck.
    const back = await fake.authorize(url);
    await (await fetch(back)).text();
  };
  await t.host.commands.saveProviderSettings({
    providerId: 'zoom',
    values: {
      clientId: 'fake-client-id',
      plan: options.plan ?? 'business',
      signatureMode: 'local',
      sdkKey: 'fake-sdk-key',
      sdkSecret: 'fake-sdk-secret-for-tests-only-0123456789',
      apiBaseUrl: fake.apiBase,
      oauthBaseUrl: fake.origin,
      pollSeconds: '15',
    },
  });
  return {
    ...t,
    fake,
    story,
    scheduled,
    opened,
    signIn: () => t.host.commands.signIn({ providerId: 'zoom' }),
    /** The intruders of the story join (in the Dashboard's data). */
    intrude(at = t.scheduler.now()) {
      const wave = intruders(at);
      story.participants.push(...wave);
      return wave;
    },
    async stop() {
      await t.cleanup();
      await fake.stop();
    },
  };
}
