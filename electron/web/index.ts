import { resolve } from 'node:path';
import { runBrowserMode } from './browserMode';

// Browser mode's entry point: `npm run web`. Wiring only.

void runBrowserMode({ argv: process.argv.slice(2), staticDir: resolve(import.meta.dirname, '../renderer') }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
