import { spawn } from 'node:child_process';

/**
 * Browser mode's way to open a sign-in page in the system browser: the platform's opener, and the
 * address printed for the user in case no browser can be started (a server without a desktop).
 * Only https addresses are opened.
 */
export async function openInSystemBrowser(url: string): Promise<void> {
  if (!url.startsWith('https://')) throw new Error('Only https addresses are opened.');
  console.log(`Open this address to sign in: ${url}`);
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer.exe' : 'xdg-open';
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // the printed address is the fallback
  }
}
