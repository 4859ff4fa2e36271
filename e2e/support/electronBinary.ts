import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The installed Electron binary, or undefined. Read from the electron package's files without
 * requiring it: requiring `electron` would try to download the binary, which fails offline.
 */
export function installedElectronBinary(): string | undefined {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pkg = resolve('node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (override) {
    const candidate = join(override, relative ?? 'electron');
    return existsSync(candidate) ? candidate : undefined;
  }
  if (!relative) return undefined;
  const binary = join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : undefined;
}
