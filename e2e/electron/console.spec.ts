import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { installedElectronBinary } from '../support/electronBinary';

const binary = installedElectronBinary();
// Linux needs a display server for a window (CI runs the tests under xvfb-run).
const noDisplay = process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];
// Chromium refuses to run as root with its sandbox on; CI runs as root.
const sandboxArgs = process.env['CI'] || process.getuid?.() === 0 ? ['--no-sandbox'] : [];

if (!binary) {
  test.skip('Electron shell — skipped: no Electron binary is installed here (electron downloads it on first launch, and this machine cannot reach the download)', () => {});
} else if (noDisplay) {
  test.skip('Electron shell — skipped: no display (DISPLAY or WAYLAND_DISPLAY) to open a window on; run the tests under xvfb-run', () => {});
} else {
  let app: ElectronApplication;
  let dataDir: string;

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hostdeck-electron-'));
    app = await electron.launch({
      executablePath: binary,
      args: [resolve('out/main/index.js'), ...sandboxArgs],
      env: { ...process.env, HOSTDECK_DATA_DIR: dataDir },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the console window is isolated: no require, no process, one hostdeck façade, app:// origin', async () => {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Start a rehearsal' })).toBeVisible();
    const exposed = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      module: typeof (window as unknown as { module?: unknown }).module,
      hostdeck: Object.keys((window as unknown as { hostdeck?: object }).hostdeck ?? {}).sort(),
      origin: location.origin,
    }));
    expect(exposed).toMatchObject({ require: 'undefined', process: 'undefined', module: 'undefined', origin: 'app://hostdeck' });
    expect(exposed.hostdeck).toContain('runAction');
    expect(exposed.hostdeck).toContain('onRoster');
    expect(exposed.hostdeck.some((k) => /ipc|invoke|send/i.test(k))).toBe(false);
    // A sandboxed, isolated page cannot reach Node even through the prototype chain of the façade.
    const escapes = await page.evaluate(() => {
      const api = (window as unknown as { hostdeck: Record<string, unknown> }).hostdeck;
      return { frozen: Object.isFrozen(api), constructorIsPageObject: api.constructor === Object };
    });
    expect(escapes).toEqual({ frozen: true, constructorIsPageObject: true });
  });

  test('the drill starts: rehearsal meeting fills, an intruder is ejected, the meeting is locked, the report prints to PDF', async () => {
    const page = await app.firstWindow();
    await page.getByLabel('Speed').selectOption('10');
    await page.getByLabel('Start', { exact: true }).selectOption('beforeIntrusion');
    await page.getByRole('button', { name: 'Start rehearsal' }).click();
    await expect(page.getByTestId('meeting-status')).toHaveText('LIVE');
    const intruder = page.locator('[data-testid=participant-row][data-presence=inMeeting][data-alerts*=explicitVideo]').first();
    await expect(intruder).toBeVisible({ timeout: 30_000 });
    const id = await intruder.getAttribute('data-participant-id');
    await intruder.getByRole('button', { name: /^Eject/ }).click();
    await expect(page.locator(`[data-participant-id="${id}"][data-presence=inMeeting]`)).toHaveCount(0);
    await page.getByRole('button', { name: /Lock meeting/ }).click();
    await expect(page.getByTestId('lock-status')).toHaveText(/LOCKED/);

    // The report printed by Electron's printToPDF (hidden window, JavaScript off), in Indonesian.
    const pdf = await page.evaluate(async () => {
      const api = (window as unknown as { hostdeck: Record<string, (input: object) => Promise<unknown>> }).hostdeck;
      const logs = (await api['listLogs']!({})) as { sessionId: string }[];
      return (await api['exportLog']!({ sessionId: logs[0]!.sessionId, format: 'pdf', language: 'id', redact: false })) as {
        fileName: string;
        encoding: string;
        content: string;
      };
    });
    expect(pdf.encoding).toBe('base64');
    const bytes = Buffer.from(pdf.content, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(dataDir, pdf.fileName);
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Laporan insiden');
    expect(text).toContain('Keutuhan catatan');
  });
}
