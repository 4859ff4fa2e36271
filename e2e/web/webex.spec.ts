import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { startWebexFake, type RunningWebexFake } from '../support/webexFake';

/**
 * The drill in browser mode against the Webex provider and the fake Webex (which checks every
 * request against Webex's OpenAPI document): set up and sign in through the console's own settings
 * screen, open the live meeting from the picker, eject the intruders, lock, and end for all.
 */
let fake: RunningWebexFake | undefined;
test.afterEach(async () => {
  const exit = await fake?.stop();
  fake = undefined;
  expect(exit, 'the fake Webex saw no request its spec forbids').toBe(0);
});

const LABELS: Record<string, RegExp> = {
  clientId: /^Client ID/,
  apiBaseUrl: /^API address/,
  authorizationUrl: /^Authorization address/,
  tokenUrl: /^Token address/,
  revocationUrl: /^Token revocation address/,
};

async function holdEndForAll(page: Page): Promise<void> {
  await page.getByTestId('end-for-all').hover();
  await page.mouse.down();
  await page.waitForTimeout(1_700);
  await page.mouse.up();
}

test('the Webex drill in browser mode: settings and PKCE sign-in in the console, intruders ejected, locked, ended for all', async ({
  page,
  shell,
  context,
}) => {
  fake = await startWebexFake(12);
  await page.goto(shell.url);
  const webex = page.getByTestId('provider-webex');
  await expect(webex).toContainText('NOT CONNECTED');

  await webex.getByRole('button', { name: 'Set up…' }).click();
  const form = page.getByRole('form', { name: 'Webex' });
  for (const [key, value] of Object.entries(fake.settings)) await form.getByLabel(LABELS[key]!).fill(value);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Saved.')).toBeVisible();

  await form.getByRole('button', { name: 'Sign in…' }).click();
  const [, authorizeUrl] = await shell.waitForOutput(/Open this address to sign in: (\S+)/);
  expect(new URL(authorizeUrl!).searchParams.get('code_challenge_method')).toBe('S256');
  const consent = await context.newPage();
  await consent.goto(authorizeUrl!);
  await consent.close();
  await expect(form.getByText('CONNECTED', { exact: true })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Close' }).click();

  await webex.getByRole('button', { name: 'Show meetings' }).click();
  await webex.getByRole('listitem').filter({ hasText: 'Provincial election webinar' }).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('LIVE');
  await expect(page.getByTestId('count-in-meeting')).toHaveText('13', { timeout: 15_000 });

  for (const name of ['bokep gratis', 'Moderator', 'xx_9k2j7q']) await fake.join(name, { video: true });
  const flagged = page.locator('[data-testid=participant-row][data-risk=flagged]:not([data-presence=left])');
  await expect(flagged).toHaveCount(3, { timeout: 15_000 });
  await page.getByTestId('eject-all-flagged').click();
  await expect(flagged).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('[data-testid=action-item][data-kind=eject][data-status=confirmed]')).toHaveCount(3);

  await page.getByTestId('lock-toggle').click();
  await expect(page.getByTestId('lock-status')).toHaveText(/LOCKED/, { timeout: 15_000 });
  await holdEndForAll(page);
  await expect(page.getByTestId('meeting-status')).toHaveText('ENDED', { timeout: 15_000 });

  const meeting = (await fake.state()).meetings.find((m) => m.id === fake?.liveMeetingId);
  expect(
    meeting?.participants
      .filter((p) => ['bokep gratis', 'Moderator', 'xx_9k2j7q'].includes(p.displayName))
      .every((p) => p.state !== 'joined'),
  ).toBe(true);
  const entries = shell.logEntries();
  expect(entries.filter((e) => e.kind === 'participant.flagged').length).toBeGreaterThanOrEqual(3);
  expect(entries.some((e) => e.kind === 'meeting.locked')).toBe(true);
  expect(entries.some((e) => e.kind === 'action.confirmed' && e.data.outcome.kind === 'endForAll')).toBe(true);
  expect(JSON.stringify(entries)).not.toMatch(/access_token|refresh_token|Bearer /);

  // Sign out from the same screen: the fake Webex revokes both tokens, and the console says so.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await form.getByRole('button', { name: 'Sign out' }).click();
  await expect(form.getByText(/Signed out: Webex revoked the sign-in, and its tokens are deleted from this computer/)).toHaveRole('status');
  await expect(form.getByRole('button', { name: 'Sign in…' })).toBeVisible();
});
