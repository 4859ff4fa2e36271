import { parseArgs } from 'node:util';
import { scheduledMeeting, storyMeeting } from '../electron/providers/zoom/testing/fakeZoomData';
import { FakeZoomServer } from '../electron/providers/zoom/testing/fakeZoomServer';

// Starts the fake Zoom (REST v2, OAuth with PKCE, signature endpoint) on loopback for a drill in
// browser mode: `node --import tsx scripts/zoom-fake.ts [--port N] [--plan business|pro|free]`.
// Prints one JSON line: the settings to save for the Zoom provider, and the meeting to attach.
// `POST <origin>/__fake/intrude` makes the story's intruders join; `GET <origin>/__fake/state` reads state.

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, plan: { type: 'string', default: 'business' } },
  strict: true,
});
const plan = values.plan === 'free' || values.plan === 'pro' ? values.plan : 'business';
const fake = await new FakeZoomServer({ plan }).start(Number(values.port));
const story = storyMeeting(Date.now());
fake.meetings.set(story.id, story);
const scheduled = scheduledMeeting(Date.now());
fake.meetings.set(scheduled.id, scheduled);

console.log(
  JSON.stringify({
    origin: fake.origin,
    meetingId: String(story.id),
    signatureEndpointToken: 'org-endpoint-token',
    settings: {
      clientId: 'fake-client-id',
      plan,
      signatureMode: 'endpoint',
      signatureEndpoint: `${fake.origin}/sdk/signature`,
      apiBaseUrl: fake.apiBase,
      oauthBaseUrl: fake.origin,
      pollSeconds: '5',
    },
  }),
);

const stop = () => void fake.stop().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
