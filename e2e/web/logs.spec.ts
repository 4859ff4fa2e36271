import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { flaggedRows, startRehearsal } from '../support/console';
import type { RunningWebShell } from '../support/webShell';

/** Runs the drill to containment and returns the display names of the intruders Contain removed. */
async function containIntrusion(page: Page, shell: RunningWebShell): Promise<string[]> {
  await startRehearsal(page, shell.url);
  await expect(flaggedRows(page).first()).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(1_500);
  const ids = await flaggedRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-participant-id') ?? ''));
  await page.keyboard.press('Control+Alt+Shift+KeyC');
  await expect(page.locator('[data-testid=action-item][data-kind=contain]')).toHaveAttribute('data-status', 'confirmed', {
    timeout: 15_000,
  });
  const names = new Map<string, string>();
  for (const e of shell.logEntries()) if (e.kind === 'participant.joined') names.set(e.data.participant.id, e.data.participant.displayName);
  return ids.map((id) => names.get(id) ?? '').filter((n) => n !== '');
}

async function exportAs(page: Page, format: string, options: { language?: 'en' | 'id'; redact?: boolean } = {}): Promise<string> {
  const form = page.getByRole('form', { name: 'Export' });
  await form.getByLabel('Format').selectOption(format);
  await form.getByLabel('Language').selectOption(options.language ?? 'en');
  await form.getByLabel('Redact names and identifiers').setChecked(options.redact ?? false);
  const download = page.waitForEvent('download');
  await form.getByTestId('export-button').click();
  const file = await download;
  const path = await file.path();
  return readFileSync(path, 'utf8');
}

test('the log viewer: the whole session as a timeline, filtered, evidence marked on the record, integrity shown', async ({
  page,
  shell,
}) => {
  const intruders = await containIntrusion(page, shell);
  expect(intruders.length).toBeGreaterThan(0);

  await page.getByTestId('open-logs').click();
  const viewer = page.getByTestId('log-viewer');
  await expect(viewer.getByTestId('chain-status')).toHaveText(/CHAIN INTACT · \d+ entries/);
  const total = Number((await viewer.getByRole('status').first().textContent())?.match(/of (\d+) entries/)?.[1]);
  expect(total).toBeGreaterThan(20);

  // Only actions: every row shown is an action entry.
  for (const group of ['Participants', 'Meeting', 'Panic and scripts', 'Notes and evidence', 'Problems']) {
    await viewer.getByRole('button', { name: group, exact: true }).click();
  }
  const rows = viewer.locator('.viewer-row');
  await expect(rows.first()).toBeVisible();
  const kinds = await rows.evaluateAll((r) => r.map((row) => row.getAttribute('data-kind') ?? ''));
  expect(kinds.length).toBeGreaterThan(0);
  expect(kinds.every((k) => k.startsWith('action.'))).toBe(true);
  for (const group of ['Participants', 'Meeting', 'Panic and scripts', 'Notes and evidence', 'Problems']) {
    await viewer.getByRole('button', { name: group, exact: true }).click();
  }

  // One participant's story: joined, flagged, removed.
  const intruder = intruders[0]!;
  await viewer.getByPlaceholder('Participant name or id').fill(intruder);
  await expect(rows.first()).toBeVisible();
  const story = await rows.evaluateAll((r) => r.map((row) => row.getAttribute('data-kind') ?? ''));
  expect(story).toEqual(expect.arrayContaining(['participant.joined', 'participant.flagged', 'participant.left']));
  expect(story.length).toBeLessThan(total);

  // Mark the flag as evidence: a new entry on the record, the original untouched.
  const flagged = viewer.locator('.viewer-row[data-kind="participant.flagged"]').first();
  const seq = Number(await flagged.getAttribute('data-seq'));
  await flagged.getByRole('button', { name: 'Mark as evidence' }).click();
  await expect(viewer.locator(`.viewer-row[data-seq="${seq}"]`)).toContainText('EVIDENCE');
  await expect.poll(() => shell.logEntries().some((e) => e.kind === 'evidence.marked' && e.data.seq === seq)).toBe(true);

  // The viewer follows the live log: a note taken now appears without reopening it.
  await viewer.getByPlaceholder('Participant name or id').fill('');
  await viewer.getByTestId('viewer-note').click();
  await page.getByTestId('quick-note').getByRole('textbox').fill('Intruders removed; link had been posted publicly');
  await page.getByTestId('quick-note').getByRole('button', { name: 'Record' }).click();
  await expect(viewer.locator('.viewer-row[data-kind=note]').last()).toContainText('link had been posted publicly');
  await expect(viewer.getByTestId('chain-status')).toHaveText(/CHAIN INTACT/);

  // The quick-note key works from anywhere in the console, the viewer included.
  await page.keyboard.press('Control+Alt+Shift+KeyN');
  await expect(page.getByTestId('quick-note')).toBeVisible();
  await page.keyboard.type('Second wave expected; IT watching the waiting room');
  await page.getByTestId('quick-note').getByRole('button', { name: 'Record' }).click();
  await expect(viewer.locator('.viewer-row[data-kind=note]').last()).toContainText('IT watching the waiting room');
  expect(shell.logEntries().filter((e) => e.kind === 'note')).toHaveLength(2);
});

test('the log viewer jumps from an entry to the participant it is about', async ({ page, shell }) => {
  const intruders = await containIntrusion(page, shell);
  const intruder = intruders[0]!;
  const arrival = shell.logEntries().find((e) => e.kind === 'participant.joined' && e.data.participant.displayName === intruder);
  if (arrival?.kind !== 'participant.joined') throw new Error(`no arrival entry for ${intruder}`);
  const intruderId = arrival.data.participant.id;
  const flag = shell.logEntries().find((e) => e.kind === 'participant.flagged' && e.data.participantId === intruderId);
  if (!flag) throw new Error(`no flag entry for ${intruder}`);

  await page.getByTestId('open-logs').click();
  const viewer = page.getByTestId('log-viewer');
  await viewer.getByPlaceholder('Participant name or id').fill(intruderId);
  const row = viewer.locator(`.viewer-row[data-seq="${flag.seq}"]`);
  await expect(row).toBeVisible();
  // Entries about nobody in particular offer no jump.
  await viewer.getByPlaceholder('Participant name or id').fill('');
  await expect(viewer.locator('.viewer-row[data-kind="session.started"]').getByTestId('show-participant')).toHaveCount(0);
  await viewer.getByPlaceholder('Participant name or id').fill(intruderId);

  await row.getByRole('button', { name: 'Show participant' }).click();
  await expect(viewer).toBeHidden();
  const detail = page.getByTestId('participant-detail');
  await expect(detail).toBeVisible();
  await expect(detail.locator('code')).toHaveText(intruderId);
  await expect(detail.getByRole('heading', { level: 2 })).toBeVisible();
  // The participant was removed by Contain: the detail says so and lists the flag with its reasons.
  await expect(detail).toContainText('ejected');
  await expect(detail.getByTestId('risk-flags').locator('li').first()).toBeVisible();

  // The jump works from another participant's arrival entry too (someone still in the meeting).
  const joined = shell
    .logEntries()
    .find((e) => e.kind === 'participant.joined' && e.data.participant.role === 'attendee' && e.data.participant.identity.email);
  if (joined?.kind !== 'participant.joined') throw new Error('no invited attendee in the log');
  const otherId = joined.data.participant.id;
  await page.getByTestId('open-logs').click();
  await viewer.getByPlaceholder('Participant name or id').fill(otherId);
  await viewer.locator(`.viewer-row[data-seq="${joined.seq}"]`).getByRole('button', { name: 'Show participant' }).click();
  await expect(page.getByTestId('participant-detail').locator('code')).toHaveText(otherId);
  await expect(page.getByTestId('participant-detail')).toContainText(joined.data.participant.identity.email ?? '');
});

test('exports: CSV and JSON carry every entry, redaction removes every name, and the report prints to PDF in Bahasa Indonesia', async ({
  page,
  shell,
}, testInfo) => {
  const intruders = await containIntrusion(page, shell);
  await page.getByTestId('open-logs').click();
  await expect(page.getByTestId('chain-status')).toHaveText(/CHAIN INTACT/);
  const sessionId = shell.logEntries()[0]!.sessionId;

  // CSV: a byte-order mark (Excel reads UTF-8), a header, and one row per entry on disk at the time.
  const csv = await exportAs(page, 'csv');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const onDisk = shell.logEntries().length;
  const csvRows = csv
    .slice(1)
    .split('\r\n')
    .filter((l) => /^\d+,/.test(l)).length;
  expect(csvRows).toBeGreaterThanOrEqual(onDisk - 5);
  expect(csvRows).toBeLessThanOrEqual(onDisk + 5);

  // JSON, redacted: the chain's head is stated; no intruder's name survives anywhere.
  const json = await exportAs(page, 'json', { redact: true });
  const exported = JSON.parse(json) as { headHash: string; entries: unknown[] };
  expect(exported.headHash).toMatch(/^[0-9a-f]{64}$/);
  expect(exported.entries.length).toBeGreaterThan(20);
  for (const name of intruders) expect(json).not.toContain(name);
  expect(json).toContain('Participant 1');

  // The report in the UI's HTML export, in Indonesian.
  const html = await exportAs(page, 'html', { language: 'id' });
  expect(html).toContain('Laporan insiden');
  expect(html).not.toMatch(/<script/i);

  // Browser mode's PDF: the report opens on its own page; Chromium prints it.
  const form = page.getByRole('form', { name: 'Export' });
  await form.getByLabel('Format').selectOption('pdf');
  await form.getByLabel('Language').selectOption('id');
  await form.getByLabel('Redact names and identifiers').setChecked(false);
  const opened = page.context().waitForEvent('page');
  await form.getByTestId('export-button').click();
  const report = await opened;
  await report.waitForLoadState();
  expect(new URL(report.url()).pathname).toBe(`/report/${sessionId}.html`);
  await expect(report.getByRole('heading', { level: 1 })).toContainText('Laporan insiden');
  const scripts = await report.evaluate(() => window.document.scripts.length);
  expect(scripts).toBe(0);

  const pdfPath = testInfo.outputPath('report-id.pdf');
  writeFileSync(pdfPath, await report.pdf({ format: 'A4', printBackground: true }));
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  for (const heading of ['Laporan insiden', 'Ringkasan', 'Kronologi', 'Tindakan moderator', 'Keutuhan catatan']) {
    expect(text).toContain(heading);
  }
  expect(text).toContain('Tidak ada gambar, video, atau audio');
  // Names as the platform gave them (spacing aside: the PDF's text layer collapses runs of spaces).
  const flat = text.replace(/\s+/g, ' ');
  const plainIntruders = intruders.filter((n) => /^[\p{L}\p{N} ()._-]{3,}$/u.test(n));
  expect(plainIntruders.length).toBeGreaterThan(0);
  for (const name of plainIntruders) expect(flat).toContain(name.replace(/\s+/g, ' '));
  expect(flat).toMatch(/Terkendali \d+,\d detik setelah/);
  await testInfo.attach('report (Bahasa Indonesia)', { path: pdfPath, contentType: 'application/pdf' });

  // A session that does not exist is refused, not rendered.
  const missing = await page.request.get(`${shell.origin}/report/no-such-session.html`);
  expect(missing.status()).toBe(404);
});
