import { expect, test } from '../support/fixtures';

test('README screenshot: the panel mid-drill', async ({ page, shell }) => {
  await page.setViewportSize({ width: 1400, height: 860 });
  await page.goto(shell.url);
  await page.getByLabel('Speed').selectOption('10');
  await page.getByLabel('Start', { exact: true }).selectOption('beforeIntrusion');
  await page.getByRole('button', { name: 'Start rehearsal' }).click();
  const intruders = page.locator('[data-testid=participant-row][data-presence=inMeeting][data-alerts*=explicitVideo]');
  await expect(intruders.first()).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(2_500);
  await intruders
    .first()
    .getByRole('button', { name: /^Eject/ })
    .click();
  await expect(page.locator('[data-testid=action-item][data-status=confirmed]')).toHaveCount(1);
  await page.screenshot({ path: 'docs/screenshot.png' });
});
