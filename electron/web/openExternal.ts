import { spawn } from 'node:child_process';

/** https anywhere; plain http only on this computer (a local test server's sign-in page). */
export function isOpenable(url: string): boolean {
  if (url.startsWith('https://')) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && (parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost');
  } catch {
    return false;
  }
}

/**
 * Browser mode's way to open a sign-in page in the system browser: the platform's opener, and the
 * address printed for the user in case no browser can be started (a server without a desktop).
 * Only https addresses are opened, and loopback http ones.
 */
export async function openInSystemBrowser(url: string): Promise<void> {
  if (!isOpenable(url)) throw new Error('Only https addresses (or http on this computer) are opened.');
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
