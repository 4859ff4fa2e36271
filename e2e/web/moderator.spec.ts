import { expect, test } from '../support/fixtures';
import { startRehearsal } from '../support/console';

test('the moderator name from --moderator, then from Settings, signs every entry from then on', async ({ page, shell }) => {
  await startRehearsal(page, shell.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const form = settings.locator('form', { has: page.getByLabel('Moderator name') });
  await expect(form.getByLabel('Moderator name')).toHaveValue('e2e moderator');
  await expect(form).toContainText('Set for this run with --moderator.');

  await form.getByLabel('Moderator name').fill('  Dewi\u200B Lestari ');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved. New entries are recorded as Dewi Lestari.');
  await expect(form).toContainText('Saved on this computer.');
  await settings.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: /Lock meeting/ }).click();
  await expect.poll(() => shell.logEntries().some((e) => e.kind === 'action.confirmed'), { timeout: 15_000 }).toBe(true);
  const entries = shell.logEntries();
  const change = entries.find((e) => e.kind === 'moderator.changed');
  expect(change).toMatchObject({ actor: { moderator: 'Dewi Lestari' }, data: { previous: { moderator: 'e2e moderator' } } });
  for (const e of entries) expect(e.actor.moderator).toBe(e.seq < (change?.seq ?? 0) ? 'e2e moderator' : 'Dewi Lestari');
  const request = entries.find((e) => e.kind === 'action.requested');
  expect(request?.actor.moderator).toBe('Dewi Lestari');
});
