import { expect, test } from '../support/fixtures';
import { flaggedRows, startRehearsal, tabTo } from '../support/console';

test('keyboard only: from the first flagged joiner to every intruder ejected and the meeting locked', async ({ page, shell }) => {
  await page.goto(shell.url);
  await expect(page.getByRole('heading', { name: 'Start a rehearsal' })).toBeVisible();
  await tabTo(page, 'select[id]'); // the speed choice stays at 10×
  await page.keyboard.press('Tab');
  await page.keyboard.press('End'); // start one minute before the intruders
  await tabTo(page, 'button[type=submit]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('meeting-status')).toHaveText('LIVE');

  await expect(flaggedRows(page).first()).toBeVisible({ timeout: 30_000 });
  // Lock first, so ejected intruders cannot come straight back.
  await tabTo(page, '[data-testid=lock-toggle]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lock-status')).toHaveText(/LOCKED/);
  await page.waitForTimeout(1_500);
  await tabTo(page, '[data-testid=roster-scroll], [data-testid=participant-row]');
  await page.keyboard.press('Home');
  for (let i = 0; i < 20 && (await flaggedRows(page).count()) > 0; i++) {
    const focused = page.locator('[data-testid=participant-row]:focus');
    if ((await focused.count()) === 0) await tabTo(page, '[data-testid=roster-scroll], [data-testid=participant-row]');
    await page.keyboard.press('Home');
    if ((await focused.getAttribute('data-risk')) === 'flagged') await page.keyboard.press('e');
    await page.waitForTimeout(400);
  }
  await expect(flaggedRows(page)).toHaveCount(0);
  await expect(page.getByTestId('lock-status')).toHaveText(/LOCKED/);
  const ejected = page.locator('[data-testid=action-item][data-kind=eject][data-status=confirmed]');
  expect(await ejected.count()).toBeGreaterThanOrEqual(3);
});

test('filters, sort and search that ignores case and diacritics', async ({ page, shell }) => {
  await startRehearsal(page, shell.url);
  await expect(flaggedRows(page).first()).toBeVisible({ timeout: 30_000 });
  const total = Number((await page.getByTestId('count-in-meeting').textContent()) ?? 0);
  await expect(page.getByTestId('roster-count')).toContainText(`${total} shown`);

  const search = page.getByTestId('roster-search');
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  const someone = await page.locator('[data-testid=participant-row][data-risk=none] .name-button').first().textContent();
  const surname = (someone ?? '').split(' (')[0]!.split(' ').at(-1)!;
  const accented = surname.replace(/a/, 'á').replace(/e/, 'é').toUpperCase();
  await search.fill(accented);
  const rows = page.locator('[data-testid=participant-row]');
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.locator('.name-button').allTextContents()) expect(text.toLowerCase()).toContain(surname.toLowerCase());
  await search.fill('');

  // The visible order follows the sort: flagged first by default, then names, then arrival.
  const order = () =>
    rows.evaluateAll((all) =>
      all.map((row) => ({
        id: row.getAttribute('data-participant-id') ?? '',
        name: row.querySelector('.display-name')?.getAttribute('title') ?? '',
        joinedAt: Number(row.getAttribute('data-joined-at')),
        risk: row.getAttribute('data-risk'),
      })),
    );
  const byRisk = await order();
  expect(byRisk[0]?.risk).toBe('flagged');
  const sortBy = page.getByLabel('Sort by');
  await sortBy.selectOption('name');
  await expect
    .poll(async () => {
      const names = (await order()).map((r) => r.name);
      const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
      return names.length > 1 && names.every((n, i) => i === 0 || collator.compare(names[i - 1] ?? '', n) <= 0);
    })
    .toBe(true);
  const byName = await order();
  expect(byName.map((r) => r.id)).not.toEqual(byRisk.map((r) => r.id));
  await sortBy.selectOption('joinTime');
  await expect
    .poll(async () => {
      const times = (await order()).map((r) => r.joinedAt);
      return times.length > 1 && times.every((t, i) => i === 0 || (times[i - 1] ?? 0) <= t);
    })
    .toBe(true);
  expect((await order()).map((r) => r.id)).not.toEqual(byName.map((r) => r.id));
  await sortBy.selectOption('risk');
  await expect.poll(async () => (await order())[0]?.risk).toBe('flagged');

  await page.getByTestId('filter-flagged').click();
  await expect(rows.first()).toBeVisible();
  expect(await rows.evaluateAll((r) => r.every((row) => row.getAttribute('data-risk') === 'flagged'))).toBe(true);
  await page.getByTestId('filter-flagged').click();
  await page.getByTestId('filter-audio').click();
  expect(await rows.count()).toBeGreaterThan(0);
  await page.getByTestId('filter-audio').click();

  await flaggedRows(page)
    .first()
    .getByRole('button', { name: /^Eject/ })
    .click();
  await page.getByTestId('filter-inMeeting').click();
  await page.getByTestId('filter-waiting').click();
  await page.getByTestId('filter-left').click();
  await expect(page.locator('[data-testid=participant-row][data-presence=left]').first()).toBeVisible();
  expect(await rows.evaluateAll((r) => r.every((row) => row.getAttribute('data-presence') === 'left'))).toBe(true);
});

test('switching to Bahasa Indonesia changes the whole panel and is remembered', async ({ page, shell }) => {
  await startRehearsal(page, shell.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('id');
  await page.getByRole('button', { name: 'Tutup' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('BERLANGSUNG');
  await expect(page.getByRole('button', { name: /Kunci rapat/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Bekukan semua aktivitas/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await page.reload();
  await expect(page.getByTestId('meeting-status')).toHaveText('BERLANGSUNG');
});

test.describe('on a system set to Indonesian', () => {
  test.use({ locale: 'id-ID' });

  test('the console starts in Bahasa Indonesia without being asked', async ({ page, shell }) => {
    await page.goto(shell.url);
    await expect(page.getByRole('heading', { name: 'Mulai latihan' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    await page.getByRole('button', { name: 'Mulai latihan' }).click();
    await expect(page.getByTestId('meeting-status')).toHaveText('BERLANGSUNG');
  });
});

test('mute and unmute one participant from their detail: the roster follows, each action is confirmed', async ({ page, shell }) => {
  await startRehearsal(page, shell.url);
  const row = flaggedRows(page).first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  const id = await row.getAttribute('data-participant-id');
  const target = page.locator(`[data-testid=participant-row][data-participant-id="${id}"]`);
  await target.dblclick();
  const detail = page.getByTestId('participant-detail');
  await detail.getByTestId('detail-mute').click();
  await expect(target.locator('.cell-media')).toContainText('Mic off');
  await expect(detail.getByTestId('detail-unmute')).toHaveText('Unmute');
  await detail.getByTestId('detail-unmute').click();
  await expect(target.locator('.cell-media')).toContainText('Mic on');
  await expect(page.locator('[data-testid=action-item][data-kind=unmute]')).toHaveAttribute('data-status', 'confirmed');
});

test('a restricted platform: controls it cannot do are disabled and say why and what to do instead', async ({ page, shell }) => {
  await startRehearsal(page, shell.url, { scenario: /restricted platform/ });
  await expect(flaggedRows(page).first()).toBeVisible({ timeout: 30_000 });
  const eject = flaggedRows(page)
    .first()
    .getByRole('button', { name: /^Eject/ });
  await expect(eject).toBeDisabled();
  await expect(eject).toHaveAttribute('title', /cannot remove participants through its API.*Lock the meeting, then end it for all/);
  await expect(page.getByTestId('eject-all-flagged')).toBeDisabled();
  await expect(page.getByTestId('mute-all')).toBeDisabled();
  await expect(
    page.getByText('This platform cannot mute everyone through its API. End the meeting for all if the noise cannot be stopped.'),
  ).toBeVisible();
  await expect(page.getByTestId('lock-toggle')).toBeEnabled();
  await flaggedRows(page).first().dblclick();
  const unmute = page.getByTestId('participant-detail').getByTestId('detail-unmute');
  await expect(unmute).toBeDisabled();
  await expect(unmute).toHaveAttribute('title', /cannot unmute a participant through its API.*Ask them to unmute themselves/);
  await page.getByTestId('suspend-all').click();
  const suspend = page.locator('[data-testid=action-item][data-kind=suspendAll]');
  await expect(suspend).toHaveAttribute('data-status', 'confirmed');
  await expect(suspend.locator('[data-step=muteAll]')).toHaveAttribute('data-status', 'skipped');
  await expect(suspend.locator('[data-step=muteAll]')).toContainText('By hand: ask the platform host to mute everyone.');
  await expect(suspend.locator('[data-step=lock]')).toHaveAttribute('data-status', 'confirmed');
  await expect(page.getByTestId('lock-status')).toHaveText(/LOCKED/);
});

test('hostile display names render as inert, isolated, truncated text', async ({ page, shell }) => {
  // Tall enough that the virtual roster renders all 20 rows at once.
  await page.setViewportSize({ width: 1280, height: 1200 });
  await startRehearsal(page, shell.url, { scenario: /Disguised names/, speed: '60', startAt: 'beginning' });
  const rows = page.locator('[data-testid=participant-row]');
  await expect(rows).toHaveCount(20, { timeout: 30_000 }); // host, 10 officials, 9 hostile names
  await page.waitForTimeout(500);
  expect(await page.title()).toBe('Hostdeck');
  expect(await page.locator('[data-testid=roster-scroll] img, [data-testid=roster-scroll] script').count()).toBe(0);
  await expect(page.getByTestId('roster-scroll').getByText('<img src=x onerror="document.title=\'pwned\'">')).toBeVisible();
  const texts = await rows.locator('bdi').allTextContents();
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  expect(texts.some((t) => /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u0000-\u001F]/.test(t))).toBe(false);
  expect(texts).toContain('Budi Santoso');
  expect(texts).toContain('fdp.exe Rapat Resmi');
  expect(Math.max(...texts.map((t) => [...t].length))).toBeLessThanOrEqual(49);
  const long = rows.locator('.display-name[title^="Panitia Resmi"]').first();
  expect((await long.getAttribute('title'))?.length).toBeGreaterThan(400);
  await expect(rows.filter({ hasText: 'hidden characters removed' }).first()).toBeVisible();
  const flood = await rows.locator('bdi', { hasText: '\u{1F608}' }).first().textContent();
  expect(flood?.endsWith('…')).toBe(true);
  const box = await rows.first().boundingBox();
  expect(box?.height).toBe(52); // nothing can stretch a row
});

test('multi-select by click, Shift and Ctrl, and by keyboard; bulk actions act on the ticked', async ({ page, shell }) => {
  await startRehearsal(page, shell.url, { speed: '1' });
  const rows = page.locator('[data-testid=participant-row]');
  await expect(rows.nth(9)).toBeVisible({ timeout: 30_000 });
  // Lock so nobody new joins and the order stays put while ranges are ticked.
  await page.getByTestId('lock-toggle').click();
  await expect(page.getByTestId('lock-status')).toHaveText(/LOCKED/);
  await page.getByLabel('Sort by').selectOption('joinTime');
  const status = page.getByTestId('bulk-selected');
  const tickedIds = () =>
    rows.evaluateAll((all) =>
      all.filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.getAttribute('data-participant-id')),
    );
  const idsAt = (indexes: number[]) =>
    rows.evaluateAll((all, wanted) => wanted.map((i) => all[i]?.getAttribute('data-participant-id')), indexes);
  // Row 0 is the host, whom bulk actions never reach; start at row 1.
  await expect(rows.nth(0)).toContainText('Host');

  await rows.nth(1).getByRole('checkbox').click();
  await rows
    .nth(4)
    .getByRole('checkbox')
    .click({ modifiers: ['Shift'] });
  await expect(status).toHaveText('4 selected');
  expect(await tickedIds()).toEqual(await idsAt([1, 2, 3, 4]));

  await rows
    .nth(6)
    .locator('.cell-role')
    .click({ modifiers: ['ControlOrMeta'] });
  await expect(status).toHaveText('5 selected');
  await rows.nth(7).locator('.cell-role').click();
  await expect(status).toHaveText('5 selected');
  await rows
    .nth(6)
    .locator('.cell-role')
    .click({ modifiers: ['ControlOrMeta'] });
  await expect(status).toHaveText('4 selected');
  expect(await tickedIds()).toEqual(await idsAt([1, 2, 3, 4]));
  await page.getByTestId('bulk-clear').click();
  await expect(status).toHaveText('0 selected');

  // Keyboard: Space ticks, Shift+↓ extends, Shift+Space ticks up to the focused row.
  await rows.nth(5).locator('.cell-role').click();
  await expect(rows.nth(5)).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(status).toHaveText('3 selected');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+Space');
  await expect(status).toHaveText('4 selected');
  const targets = await idsAt([5, 6, 7, 8]);
  expect(await tickedIds()).toEqual(targets);

  // Every per-participant control is offered in bulk, screen share included.
  await expect(page.getByTestId('bulk-stopShare')).toHaveText('Stop screen share');
  await page.getByTestId('bulk-eject').click();
  await expect(status).toHaveText('0 selected');
  for (const id of targets) await expect(page.locator(`[data-testid=participant-row][data-participant-id="${id}"]`)).toHaveCount(0);
  const ejected = page.locator('[data-testid=action-item][data-kind=eject][data-status=confirmed]');
  await expect(ejected).toHaveCount(4);
});
