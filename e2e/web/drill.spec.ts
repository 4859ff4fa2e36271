import type { Page } from '@playwright/test';
import type { LogEntry } from '../../shared/incident/entry';
import { expect, test } from '../support/fixtures';

const intruderRows = (page: Page) => page.locator('[data-testid=participant-row][data-presence=inMeeting][data-alerts*=explicitVideo]');

async function holdEndForAll(page: Page, ms: number): Promise<void> {
  await page.getByTestId('end-for-all').hover();
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

test('the intrusion drill: intruders ejected, meeting locked, blocked attempt seen, ended for all, all logged in order', async ({
  page,
  shell,
}, testInfo) => {
  await page.goto(shell.url);
  await expect(page).toHaveURL(`${shell.origin}/`); // the token left the address bar
  await expect(page.getByRole('heading', { name: 'Start a rehearsal' })).toBeVisible();

  await page.getByLabel('Speed').selectOption('10');
  await page.getByLabel('Start', { exact: true }).selectOption('beforeIntrusion');
  await page.getByRole('button', { name: 'Start rehearsal' }).click();

  await expect(page.getByTestId('meeting-status')).toHaveText('LIVE');
  await expect.poll(async () => Number(await page.getByTestId('count-in-meeting').textContent())).toBeGreaterThan(30);

  // The wave: 3–5 intruders within seconds (at 10× the whole wave lands in under 1.5 s).
  await expect(intruderRows(page).first()).toBeVisible({ timeout: 20_000 });
  await page.waitForTimeout(2_000);
  const wave = await intruderRows(page).count();
  expect(wave).toBeGreaterThanOrEqual(3);
  expect(wave).toBeLessThanOrEqual(5);
  const intruderIds = await intruderRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-participant-id')));

  // Eject each, then lock. Intruders that slip back in before the lock are ejected again.
  for (let round = 0; round < 5 && (await intruderRows(page).count()) > 0; round++) {
    const ids = await intruderRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-participant-id') ?? ''));
    for (const id of ids) {
      const eject = page.locator(`[data-testid=participant-row][data-participant-id="${id}"]`).getByRole('button', { name: /^Eject/ });
      if (await eject.isEnabled().catch(() => false)) await eject.click();
    }
    await page.waitForTimeout(500);
  }
  await expect(intruderRows(page)).toHaveCount(0);
  await page.getByRole('button', { name: /Lock meeting/ }).click();
  await expect(page.getByTestId('lock-status')).toHaveText(/LOCKED/);

  // An ejected intruder tries to come back and is turned away by the lock.
  await expect(page.getByTestId('blocked-join').first()).toBeVisible({ timeout: 30_000 });
  expect(Number(await page.getByTestId('count-blocked').textContent())).toBeGreaterThanOrEqual(1);

  // A click is not enough to end the meeting; holding is.
  await page.getByTestId('end-for-all').click();
  await page.waitForTimeout(300);
  await expect(page.getByTestId('meeting-status')).toHaveText('LIVE');
  await holdEndForAll(page, 1_700);
  await expect(page.getByTestId('meeting-status')).toHaveText('ENDED');
  await expect(page.getByTestId('count-in-meeting')).toHaveText('0');
  // The rehearsal closes with the drill's result: how fast the wave was contained.
  await expect(page.getByTestId('ended-notice')).toContainText(
    /Drill result: [3-5] intruders contained in \d+\.\d s from the first arrival/,
  );
  await expect(page.locator('[data-testid=action-item][data-kind=endForAll][data-status=confirmed]')).toHaveCount(1);
  await expect(page.locator('[data-testid=log-lines] [data-kind="meeting.ended"]')).toHaveCount(1);

  const screenshot = testInfo.outputPath('drill.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach('drill', { path: screenshot, contentType: 'image/png' });

  // The incident log on disk holds every step, in order.
  const entries = shell.logEntries();
  const at = (predicate: (e: LogEntry) => boolean) => entries.findIndex(predicate);
  const joined = intruderIds.map((id) => at((e) => e.kind === 'participant.joined' && e.data.participant.id === id));
  const ejected = intruderIds.map((id) =>
    at((e) => e.kind === 'participant.left' && e.data.participantId === id && e.data.reason === 'ejected'),
  );
  const ejectConfirmed = entries.filter((e) => e.kind === 'action.confirmed' && e.data.outcome.kind === 'eject').length;
  const locked = at((e) => e.kind === 'meeting.locked');
  const blocked = at((e) => e.kind === 'join.blocked');
  const ended = at((e) => e.kind === 'meeting.ended');
  const endConfirmed = at((e) => e.kind === 'action.confirmed' && e.data.outcome.kind === 'endForAll');
  for (const [i, j] of joined.entries()) {
    expect(j).toBeGreaterThan(0);
    expect(ejected[i]).toBeGreaterThan(j);
    expect(ejected[i]).toBeLessThan(locked);
  }
  expect(ejectConfirmed).toBeGreaterThanOrEqual(wave);
  expect(locked).toBeLessThan(blocked);
  expect(blocked).toBeLessThan(ended);
  expect(ended).toBeLessThan(endConfirmed);
  expect(entries[0]?.kind).toBe('session.started');
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
});
