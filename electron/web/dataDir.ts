import { homedir } from 'node:os';
import { join } from 'node:path';

/** The same data folder the desktop app uses (Electron's `userData` for an app named Hostdeck). */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Hostdeck');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Hostdeck');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Hostdeck');
}
