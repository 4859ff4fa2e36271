import { expect, type Page } from '@playwright/test';

export interface RehearsalStart {
  scenario?: RegExp;
  speed?: '1' | '10' | '30' | '60';
  startAt?: 'beginning' | 'beforeIntrusion';
}

/** Opens browser mode and starts a rehearsal from the picker. */
export async function startRehearsal(page: Page, url: string, options: RehearsalStart = {}): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Start a rehearsal' })).toBeVisible();
  if (options.scenario) await page.getByRole('radio', { name: options.scenario }).check();
  await page.getByLabel('Speed').selectOption(options.speed ?? '10');
  await page.getByLabel('Start', { exact: true }).selectOption(options.startAt ?? 'beforeIntrusion');
  await page.getByRole('button', { name: 'Start rehearsal' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('LIVE');
}

/** Rows of present participants flagged as intruders. */
export const flaggedRows = (page: Page) => page.locator('[data-testid=participant-row][data-risk=flagged]:not([data-presence=left])');

/** Presses Tab until the focused element matches `selector` (keyboard only, no mouse). */
export async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}
