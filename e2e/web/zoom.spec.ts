import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { startWebShell, type RunningWebShell } from '../support/webShell';
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

/** Points the Zoom provider at the fake and signs in with PKCE: the "user" opens the authorize address and allows. */
async function signIn(page: Page, shell: RunningWebShell, context: BrowserContext, zoom: RunningZoomFake): Promise<void> {
  await call(page, 'saveProviderSettings', {
    providerId: 'zoom',
    values: { ...zoom.settings, signatureEndpointToken: zoom.signatureEndpointToken },
  });
  const signingIn = call(page, 'signIn', { providerId: 'zoom' });
  const [, authorizeUrl] = await shell.waitForOutput(/Open this address to sign in: (\S+)/);
  expect(new URL(authorizeUrl!).searchParams.get('code_challenge_method')).toBe('S256');
  const consent = await context.newPage();
  await consent.goto(authorizeUrl!);
  await expect(consent.getByText('You can close this tab')).toBeVisible();
  await consent.close();
  expect(await signingIn).toMatchObject({ connected: true, account: 'moderator@kpu.example' });
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

  await signIn(page, shell, context, fake);

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

test('the Zoom drill with the meeting window (fake SDK client): eject, lock, contain and end for all from the console UI', async ({
  page,
  context,
}, testInfo) => {
  fake = await startZoomFake();
  // Browser mode lent an in-process meeting window around the fake SDK client, as the desktop app lends its real one.
  const shell = await startWebShell(['--import', 'tsx', resolve('renderer/src/testing/zoomSdkWebShell.ts')]);
  try {
    const [, control] = await shell.waitForOutput(/"sdkControl":"([^"]+)"/);
    const sdkState = async () =>
      (await (await fetch(`${control}/state`)).json()) as { locked: boolean; calls: string[]; users: { userName: string }[] };
    await page.goto(shell.url);
    await signIn(page, shell, context, fake);
    await call(page, 'attach', { providerId: 'zoom', meetingId: fake.meetingId });
    await expect(page.getByTestId('meeting-status')).toHaveText('LIVE');
    await expect(page.getByRole('heading', { name: 'Sosialisasi Pilkada (SDK)' })).toBeVisible();
    await expect(page.getByTestId('lock-toggle')).toBeEnabled();

    for (const name of ['bokep gratis', 'Moderator', 'xx_9k2j7q']) {
      const arrived = await fetch(`${control}/arrive`, { method: 'POST', body: JSON.stringify({ name, video: true }) });
      expect(arrived.status).toBe(200);
    }
    const flagged = page.locator('[data-testid=participant-row][data-risk=flagged]:not([data-presence=left])');
    await expect(flagged).toHaveCount(3, { timeout: 15_000 });

    // One eject from its row, through the SDK's expel.
    await flagged
      .first()
      .getByRole('button', { name: /^Eject/ })
      .click();
    await expect(flagged).toHaveCount(2, { timeout: 15_000 });
    // Lock: newcomers are turned away by Zoom.
    await page.getByTestId('lock-toggle').click();
    await expect(page.getByTestId('lock-status')).toHaveText(/LOCKED/, { timeout: 15_000 });
    expect((await sdkState()).locked).toBe(true);
    expect((await fetch(`${control}/arrive`, { method: 'POST', body: JSON.stringify({ name: 'late intruder' }) })).status).toBe(409);
    // Zoom can only ask someone to unmute: the participant's detail words the control that way.
    await page.locator('[data-testid=participant-row]').filter({ hasText: 'Kapolda' }).dblclick();
    const unmute = page.getByTestId('participant-detail').getByTestId('detail-unmute');
    await expect(unmute).toHaveText('Ask to unmute');
    await expect(unmute).toHaveAttribute('title', /Zoom only asks: the participant decides/);
    // Contain: what Zoom's SDK can do runs (eject the flagged, spaced 5 s); the rest is skipped with its reason, e.g.
    // its mute-all, which Contain asks to prevent unmuting and the SDK cannot.
    await page.getByTestId('contain').click();
    await expect(flagged).toHaveCount(0, { timeout: 40_000 });
    const contain = page.locator('[data-testid=action-item][data-kind=contain]');
    await expect(contain).toHaveAttribute('data-status', 'confirmed', { timeout: 40_000 });
    await expect(contain.locator('[data-step=muteAll]')).toHaveAttribute('data-status', 'skipped');
    await expect(contain.locator('[data-step=muteAll]')).toContainText('cannot stop participants from unmuting');
    // End for all through the SDK, not REST.
    await holdEndForAll(page, 1_700);
    await expect(page.getByTestId('meeting-status')).toHaveText('ENDED', { timeout: 15_000 });

    const { calls, users } = await sdkState();
    expect(calls.filter((c) => c === 'expel')).toHaveLength(3);
    expect(calls).toEqual(expect.arrayContaining(['lockMeeting', 'endMeeting']));
    expect(calls).not.toContain('muteAll');
    expect(users).toEqual([]);
    const rest = (await (await fetch(`${fake.origin}/__fake/state`)).json()) as { requests: string[] };
    expect(rest.requests).not.toContain(`PUT /v2/meetings/${fake.meetingId}/status`);
    const entries = shell.logEntries();
    expect(entries.some((e) => e.kind === 'action.confirmed' && e.data.outcome.kind === 'endForAll')).toBe(true);
  } catch (error) {
    await testInfo.attach('browser-mode output', { body: shell.diagnostics() });
    throw error;
  } finally {
    await shell.stop();
  }
});
