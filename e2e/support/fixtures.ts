import { test as base } from '@playwright/test';
import { startWebShell, type RunningWebShell } from './webShell';

/** `shell`: a fresh browser-mode Hostdeck per test, stopped (and its data folder removed) afterwards. */
export const test = base.extend<{ shell: RunningWebShell }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument to be destructured
  shell: async ({}, use, testInfo) => {
    const shell = await startWebShell();
    await use(shell);
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('browser-mode output', { body: shell.diagnostics() });
    await shell.stop();
  },
});

export { expect } from '@playwright/test';
