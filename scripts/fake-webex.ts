import { parseArgs } from 'node:util';
import { FakeWebex } from '../electron/providers/webex/testing/fakeWebex';

// Starts the fake Webex on loopback for the browser-mode drill and manual trials:
//   npm run fake:webex -- [--port N] [--officials N]
// Prints one JSON line: the address, the provider settings that point Hostdeck at it, and the id
// of the live meeting it seeded. Stops on SIGINT/SIGTERM. Test controls outside the Webex API:
//   POST /_fake/meetings/{meetingId}/participants {"displayName": "...", "video": true, "lobby": false}
//   POST /_fake/participants/{participantId}/leave      GET /_fake/state (includes spec violations)

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    officials: { type: 'string', default: '12' },
    title: { type: 'string', default: 'Provincial election webinar' },
  },
  strict: true,
});
const port = Number(values.port);
const officials = Number(values.officials);
if (!Number.isInteger(port) || port < 0 || port > 65_535 || !Number.isInteger(officials) || officials < 0 || officials > 1000) {
  console.error('--port must be 0-65535 and --officials 0-1000.');
  process.exit(2);
}

const fake = await FakeWebex.start({ port });
const meeting = fake.state.addMeeting({ title: values.title, live: true });
fake.state.join(meeting.id, { displayName: 'Moderator', host: true, email: 'moderator@example.org' });
for (let i = 1; i <= officials; i++) fake.state.join(meeting.id, { displayName: `Official ${i}`, email: `official${i}@example.org` });
fake.state.addMeeting({ title: 'Follow-up briefing', startsInMs: 2 * 60 * 60_000 });
console.log(JSON.stringify({ url: fake.url, settings: fake.settings, liveMeetingId: meeting.id }));

const stop = async () => {
  if (fake.violations.length > 0) console.error(`spec violations: ${JSON.stringify(fake.violations)}`);
  await fake.close();
  process.exit(fake.violations.length > 0 ? 1 : 0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
