import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import WebSocket from 'ws';
import { expect, test } from '../support/fixtures';

/** Opens a WebSocket to browser mode and reports how the handshake ended. */
function tryWebSocket(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.once('error', (error) => resolve(`error: ${error.message}`));
  });
}

test('without the token, pages and the socket are refused', async ({ request, shell }) => {
  const bare = await request.get(`${shell.origin}/`);
  expect(bare.status()).toBe(401);
  expect(await bare.text()).toContain('open the URL printed in the terminal');
  expect((await request.get(`${shell.origin}/index.html`)).status()).toBe(401);
  expect((await request.get(`${shell.origin}/?token=not-the-token`)).status()).toBe(401);

  const ws = `ws://127.0.0.1:${shell.port}/ws`;
  expect(await tryWebSocket(ws, { Origin: shell.origin })).toBe('401');
});

test('with the token the console loads; a foreign Origin or Host is still refused', async ({ page, request, shell }) => {
  await page.goto(shell.url);
  await expect(page.getByRole('heading', { name: 'Start a rehearsal' })).toBeVisible();
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  expect(cookies.find((c) => c.name === `hostdeck-${shell.port}`)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

  const ws = `ws://127.0.0.1:${shell.port}/ws`;
  expect(await tryWebSocket(ws, { Origin: shell.origin, Cookie: cookie })).toBe('open');
  expect(await tryWebSocket(ws, { Origin: 'http://evil.example', Cookie: cookie })).toBe('403');
  expect(await tryWebSocket(ws, { Cookie: cookie })).toBe('403');

  const rebound = await request.get(`${shell.origin}/`, { headers: { Host: `evil.example:${shell.port}`, Cookie: cookie } });
  expect(rebound.status()).toBe(421);
  const headers = (await request.get(`${shell.origin}/`, { headers: { Cookie: cookie } })).headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
});

test('a malformed message gets an error reply and the host keeps serving', async ({ page, shell }) => {
  await page.goto(shell.url);
  await expect(page.getByRole('heading', { name: 'Start a rehearsal' })).toBeVisible();
  const replies = await page.evaluate(async () => {
    const ws = new WebSocket(`ws://${location.host}/ws`);
    const received: unknown[] = [];
    await new Promise((r) => (ws.onopen = r));
    ws.onmessage = (m) => received.push(JSON.parse(String(m.data)));
    ws.send(JSON.stringify({ t: 'call', id: 1, name: 'runAction', input: { id: 'x y', kind: 'lock' } }));
    ws.send(JSON.stringify({ t: 'call', id: 2, name: 'doesNotExist', input: {} }));
    ws.send(JSON.stringify({ t: 'nonsense' }));
    ws.send('{not json');
    ws.send(new Uint8Array([1, 2, 3]));
    ws.send(JSON.stringify({ t: 'call', id: 3, name: 'getOverview', input: {} }));
    await new Promise((r) => setTimeout(r, 500));
    return received.filter((m) => (m as { t: string }).t === 'reply').sort((a, b) => (a as { id: number }).id - (b as { id: number }).id);
  });
  // The schema failure, the text that is not JSON and the binary frame each get an error reply; the
  // socket stays open and the next call is answered.
  expect(replies).toEqual([
    { t: 'reply', id: 0, reply: { ok: false, error: expect.objectContaining({ code: 'invalidInput' }) } },
    {
      t: 'reply',
      id: 0,
      reply: { ok: false, error: expect.objectContaining({ code: 'invalidInput', message: expect.stringContaining('not JSON') }) },
    },
    {
      t: 'reply',
      id: 0,
      reply: { ok: false, error: expect.objectContaining({ code: 'invalidInput', message: expect.stringContaining('binary') }) },
    },
    { t: 'reply', id: 1, reply: { ok: false, error: expect.objectContaining({ code: 'invalidInput' }) } },
    { t: 'reply', id: 2, reply: { ok: false, error: expect.objectContaining({ code: 'unknownCommand' }) } },
    { t: 'reply', id: 3, reply: { ok: true, value: expect.objectContaining({ shell: 'web' }) } },
  ]);
});

test('browser mode refuses to listen beyond loopback unless told to, before binding anything', () => {
  for (const address of ['0.0.0.0', '::', '192.0.2.10']) {
    const run = spawnSync(process.execPath, [resolve('out/main/web.js'), '--host', address, '--json'], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Refusing to bind ${address}`);
    expect(run.stderr).toContain('--allow-remote');
    expect(run.stdout).toBe('');
  }
});
