import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { startZoomFake, type RunningZoomFake } from '../support/zoomFake';

/**
 * The drill in browser mode against the Zoom provider and the fake Zoom server. The console has
 * no Zoom settings or meeting picker yet, so setup goes through the same WebSocket contract the
 * console uses (from the page, with its cookie and origin); the meeting itself is watched and
 * ended in the console's own UI. Browser mode has no meeting window, so Zoom's SDK-only controls
 * must show as unavailable, and End for all must go over REST.
 */

let fake: RunningZoomFake | undefined;
test.afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

/** One contract call over browser mode's WebSocket, made by the page itself. */
async function call(page: Page, name: string, input: unknown = {}): Promise<unknown> {
  const reply = await page.evaluate(
    async ({ name, input }) => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      const answer = new Promise<unknown>((resolve) => {
        ws.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { t: string; id?: number; reply?: unknown };
          if (message.t === 'reply' && message.id === 1) resolve(message.reply);
        };
      });
      ws.send(JSON.stringify({ t: 'call', id: 1, name, input }));
      const result = await answer;
      ws.close();
      return result;
    },
    { name, input },
  );
  const { ok, value, error } = reply as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!ok) throw new Error(`${name} failed: ${error?.message}`);
  return value;
}

async function holdEndForAll(page: Page, ms: number): Promise<void> {
  await page.getByTestId('end-for-all').hover();
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

test('the Zoom drill in browser mode: sign in with PKCE, roster over REST, SDK controls unavailable, ended for all over REST', async ({
  page,
  shell,
  context,
}) => {
  fake = await startZoomFake();
  await page.goto(shell.url);
  await expect(page.getByRole('heading', { name: 'Start a rehearsal' })).toBeVisible();

  await call(page, 'saveProviderSettings', {
    providerId: 'zoom',
    values: { ...fake.settings, signatureEndpointToken: fake.signatureEndpointToken },
  });
  // Sign-in: the provider prints the Zoom authorize address; the "user" opens it and allows.
  const signingIn = call(page, 'signIn', { providerId: 'zoom' });
  const [, authorizeUrl] = await shell.waitForOutput(/Open this address to sign in: (\S+)/);
  expect(new URL(authorizeUrl!).searchParams.get('code_challenge_method')).toBe('S256');
  const consent = await context.newPage();
  await consent.goto(authorizeUrl!);
  await expect(consent.getByText('You can close this tab')).toBeVisible();
  await consent.close();
  expect(await signingIn).toMatchObject({ connected: true, account: 'moderator@kpu.example' });

  const meetings = (await call(page, 'listMeetings', { providerId: 'zoom' })) as { meetingId: string; status: string }[];
  expect(meetings).toContainEqual(expect.objectContaining({ meetingId: fake.meetingId, status: 'live' }));
  await call(page, 'attach', { providerId: 'zoom', meetingId: fake.meetingId });

  await expect(page.getByTestId('meeting-status')).toHaveText('LIVE');
  await expect(page.getByRole('heading', { name: 'Sosialisasi Pilkada: Forum Pimpinan Daerah' })).toBeVisible();
  await expect(page.getByTestId('count-in-meeting')).toHaveText('6');
  await expect(page.getByRole('button', { name: /Lock meeting/ })).toBeDisabled();

  // The intruders join; the Dashboard shows them on the next read (every 5 s here).
  await fetch(`${fake.origin}/__fake/intrude`, { method: 'POST' });
  await expect(page.getByTestId('count-in-meeting')).toHaveText('11', { timeout: 15_000 });
  const eject = page
    .locator('[data-testid=participant-row]')
    .first()
    .getByRole('button', { name: /^Eject/ });
  await expect(eject).toBeDisabled();
  await expect(eject).toHaveAttribute('title', /only inside the meeting, through its Meeting SDK window/);

  await holdEndForAll(page, 1_700);
  await expect(page.getByTestId('meeting-status')).toHaveText('ENDED');
  await expect(page.getByTestId('count-in-meeting')).toHaveText('0');
  const state = (await (await fetch(`${fake.origin}/__fake/state`)).json()) as {
    meetings: { id: number; status: string }[];
    requests: string[];
  };
  expect(state.meetings.find((m) => String(m.id) === fake?.meetingId)?.status).toBe('waiting');
  expect(state.requests).toContain(`PUT /v2/meetings/${fake.meetingId}/status`);

  const entries = shell.logEntries();
  const at = (kind: string) => entries.findIndex((e) => e.kind === kind);
  expect(entries[0]?.kind).toBe('session.started');
  expect(at('meeting.ended')).toBeGreaterThan(0);
  expect(entries.some((e) => e.kind === 'action.confirmed' && e.data.outcome.kind === 'endForAll')).toBe(true);
  expect(JSON.stringify(entries)).not.toMatch(/pilkada2026|org-endpoint-token|access_token/);
});
