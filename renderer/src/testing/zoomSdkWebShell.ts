// Browser mode with a Zoom meeting window, for the end-to-end drill: the same wiring as `npm run web`,
// plus an in-process meeting window around the fake Meeting SDK client (typed by the SDK's own
// declarations, driven by the real SdkDriver). Test-only: run with `node --import tsx`.
//
// It prints browser mode's JSON line first, then one line `{"sdkControl": "http://127.0.0.1:…"}`:
// the fake SDK's test controls (POST /arrive {name, video?}; GET /state), standing in for people
// joining the meeting in Zoom.
import { createServer, type IncomingMessage } from 'node:http';
import { resolve } from 'node:path';
import { z } from 'zod';
import { runBrowserMode } from '../../../electron/web/browserMode';
import { FakeZoomSdkClient, inProcessBridge } from './fakeZoomSdk';

const OFFICIALS = ['Kapolda', 'Pangdam', 'Ketua KPU', 'Ketua Bawaslu'].map((name, i) => ({ name, uuid: `uuid-official-${i}` }));
const Arrival = z.object({ name: z.string().min(1).max(200), video: z.boolean().optional() }).strict();

const bridge = inProcessBridge(() => new FakeZoomSdkClient({ topic: 'Sosialisasi Pilkada (SDK)', attendees: OFFICIALS }));
const sdk = (): FakeZoomSdkClient | undefined => bridge.clients.at(-1);

async function body(req: IncomingMessage): Promise<unknown> {
  let raw = '';
  for await (const chunk of req) raw += String(chunk);
  return raw ? (JSON.parse(raw) as unknown) : {};
}

const control = createServer((req, res) => {
  const reply = (status: number, value: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  void (async () => {
    const client = sdk();
    if (!client) return reply(409, { error: 'the meeting window has not opened' });
    if (req.method === 'POST' && req.url === '/arrive') {
      const arrival = Arrival.parse(await body(req));
      const user = client.arrive(arrival.name, { video: arrival.video ?? false });
      return reply(user ? 200 : 409, user ? { userId: user.userId } : { error: 'the meeting is locked' });
    }
    if (req.method === 'GET' && req.url === '/state') {
      return reply(200, {
        locked: client.locked,
        calls: client.calls.map((c) => c.method),
        users: [...client.users.values()].map((u) => ({ userName: u.userName, isHold: u.isHold, muted: u.muted ?? false })),
      });
    }
    reply(404, { error: 'not found' });
  })().catch((error: unknown) => reply(400, { error: (error as Error).message }));
});

await runBrowserMode({
  argv: process.argv.slice(2),
  staticDir: resolve('out/renderer'),
  ports: { zoomMeetingBridge: bridge },
});
await new Promise<void>((listening) => control.listen(0, '127.0.0.1', listening));
const address = control.address();
console.log(JSON.stringify({ sdkControl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` }));
