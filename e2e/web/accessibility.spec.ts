import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { flaggedRows, startRehearsal } from '../support/console';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violations on the main views (${theme} theme)`, async ({ page, shell }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(shell.url);
    await expect(page.getByRole('heading', { name: 'Start a rehearsal' })).toBeVisible();
    expect(await seriousViolations(page), 'picker').toEqual([]);

    await startRehearsal(page, shell.url);
    await expect(flaggedRows(page).first()).toBeVisible({ timeout: 30_000 });
    expect(await seriousViolations(page), 'console with controls').toEqual([]);

    await flaggedRows(page).first().locator('.name-button').click();
    await expect(page.getByTestId('participant-detail')).toBeVisible();
    expect(await seriousViolations(page), 'participant detail').toEqual([]);

    await page.getByRole('tab', { name: 'Expected attendees' }).click();
    expect(await seriousViolations(page), 'attendees').toEqual([]);

    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts-overlay')).toBeVisible();
    expect(await seriousViolations(page), 'shortcuts overlay').toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await seriousViolations(page), 'settings').toEqual([]);
  });
}
