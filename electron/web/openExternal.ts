import { spawn } from 'node:child_process';

/**
 * Browser mode's way to open a sign-in page in the system browser: the platform's opener, and the
 * address printed for the user in case no browser can be started (a server without a desktop).
 * Only https addresses are opened, and plain http on this machine's loopback address (a local
 * sign-in server such as the fake Webex used by the drill; RFC 8252 §8.3).
 */
export async function openInSystemBrowser(url: string): Promise<void> {
  if (!isOpenable(url)) throw new Error('Only https addresses (or http on loopback) are opened.');
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

/** Whether the system browser may be sent to `raw`. */
export function isOpenable(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname));
}
