import { expect, test } from '../support/fixtures';
import { flaggedRows, startRehearsal } from '../support/console';

test('one keystroke contains the intrusion; Restore returns the meeting to how it was', async ({ page, shell }) => {
  await startRehearsal(page, shell.url);
  await expect(flaggedRows(page).first()).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(1_500);
  await expect(page.getByTestId('lock-status')).toHaveText('OPEN');

  await page.keyboard.press('Control+Alt+Shift+KeyC');
  const contain = page.locator('[data-testid=action-item][data-kind=contain]');
  await expect(contain).toHaveAttribute('data-status', 'confirmed', { timeout: 15_000 });
  for (const step of ['lock', 'waitingRoom', 'muteAll', 'stopAllVideo', 'stopAllShares', 'disableChat']) {
    await expect(contain.locator(`[data-step=${step}]`)).toHaveAttribute('data-status', 'confirmed');
  }
  await expect(flaggedRows(page)).toHaveCount(0);
  await expect(page.getByTestId('lock-status')).toHaveText(/LOCKED/);
  await expect(page.getByTestId('contained')).toContainText(/CONTAINED in \d+\.\d s/);

  await page.getByTestId('restore').click();
  await expect(page.locator('[data-testid=action-item][data-kind=restore]')).toHaveAttribute('data-status', 'confirmed');
  await expect(page.getByTestId('lock-status')).toHaveText('OPEN');
  await page.getByRole('tab', { name: 'Controls' }).click();
  await expect(page.locator('.toggle-row', { hasText: 'Participants may unmute' })).toContainText('ON');
  await expect(page.locator('.toggle-row', { hasText: 'Chat' })).toContainText('ON');
  const kinds = shell.logEntries().map((e) => e.kind);
  expect(kinds).toEqual(expect.arrayContaining(['controls.captured', 'plan.started', 'plan.finished', 'incident.contained']));
});

test('the apology-and-close script runs to the end: contain, words to read, chat, countdown, end for all', async ({ page, shell }) => {
  await startRehearsal(page, shell.url);
  await expect(flaggedRows(page).first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('open-scripts').click();
  await page.getByRole('button', { name: /Apologise and close/ }).click();
  const panel = page.getByTestId('script-panel');
  await expect(panel).toHaveAttribute('data-step', 'say');
  await expect(panel.locator('.teleprompter')).toContainText('we sincerely apologise for the disruption');
  await expect(panel.locator('.teleprompter')).toContainText('Provincial election webinar');
  await expect(flaggedRows(page)).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(panel.locator('.teleprompter')).toContainText('Thank you all for your participation');
  await page.getByTestId('script-next').click();
  await expect(panel).toHaveAttribute('data-step', 'wait');
  await expect(panel.getByRole('timer')).toContainText(/Closing in \d+ s/);
  await expect(page.getByTestId('meeting-status')).toHaveText('ENDED', { timeout: 20_000 });
  await expect(panel).toHaveAttribute('data-status', 'done');
  const entries = shell.logEntries();
  expect(entries.filter((e) => e.kind === 'script.step').map((e) => (e.kind === 'script.step' ? e.data.step : ''))).toEqual([
    'action',
    'say',
    'chat',
    'say',
    'wait',
    'action',
  ]);
  expect(entries.some((e) => e.kind === 'action.confirmed' && e.data.outcome.kind === 'postChat')).toBe(true);
});

test('End for all never fires on one press; two presses within 0.6 s do', async ({ page, shell }) => {
  await startRehearsal(page, shell.url);
  const end = page.getByTestId('end-for-all');
  await end.click();
  await page.waitForTimeout(800);
  await end.click();
  await page.waitForTimeout(800);
  await expect(page.getByTestId('meeting-status')).toHaveText('LIVE');
  await end.dblclick();
  await expect(page.getByTestId('meeting-status')).toHaveText('ENDED');
});
