import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests. Browser mode runs in the system's Chromium (never a downloaded browser); the
 * Electron specs launch the desktop app when an Electron binary is installed and skip otherwise.
 */
const chromium = process.env['HOSTDECK_CHROMIUM'] ?? '/usr/bin/chromium';
const chromiumUse = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: chromium,
    // Without the background-networking switches Chromium keeps dialling out, which a closed network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: process.env['CI'] ? 1 : 0,
  workers: 1,
  reporter: process.env['CI'] ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1400, height: 900 },
    locale: 'en-GB',
  },
  projects: [
    { name: 'browser', testDir: 'e2e/web', use: chromiumUse },
    { name: 'electron', testDir: 'e2e/electron' },
    // `npm run screenshot`: refreshes the README's picture of the panel mid-drill.
    { name: 'docs', testDir: 'e2e/docs', use: chromiumUse },
  ],
});
