import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MemoryVault } from '../host/credentials/vault';
import { createHost } from '../host/host';
import { defaultActor, osUserName } from '../host/identity';
import { ModeratorName } from '../../shared/model/moderator';
import type { ProviderServices } from '../host/provider';
import { realScheduler } from '../host/realScheduler';
import { FileSettingsStore } from '../host/settings/settingsStore';
import { createProviders, type ShellPorts } from '../providers';
import { decideBind } from './bindPolicy';
import { defaultDataDir } from './dataDir';
import { openInSystemBrowser } from './openExternal';
import { startWebServer } from './server';

// Browser mode, wired: `index.ts` runs it for `npm run web`. Wiring only.

const USAGE = `Usage: npm run web -- [options]
  --port N          port to listen on (default: a free port)
  --host ADDR       address to bind (default 127.0.0.1)
  --allow-remote    required to bind anything other than loopback
  --data-dir DIR    where incident logs are written (default: the desktop app's data folder)
  --moderator NAME  moderator name recorded on every log entry for this run
                    (default: the name saved in Settings, else your OS user name)
  --json            print the address as one JSON line (for scripts and tests)`;

export interface BrowserModeOptions {
  /** The command-line arguments (see USAGE). */
  argv: string[];
  /** The built console (`out/renderer`). */
  staticDir: string;
  /** What this shell lends providers: none in `npm run web`; the end-to-end drill lends a fake Zoom meeting window. */
  ports?: ShellPorts;
}

/** Parses the arguments, starts the host and the web server, and stops both on SIGINT/SIGTERM. */
export async function runBrowserMode({ argv, staticDir, ports = {} }: BrowserModeOptions): Promise<void> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        'allow-remote': { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        moderator: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be a number from 0 to 65535, not "${args.port}".`);
    process.exit(2);
  }
  const bindAddress = args.host;
  const bind = decideBind(bindAddress, args['allow-remote']);
  if (!bind.ok) {
    console.error(bind.message);
    process.exit(2);
  }
  if (bind.warning) console.warn(bind.warning);
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`The console has not been built (${staticDir} is missing). Run "npm run build" first.`);
    process.exit(1);
  }
  const moderator = args.moderator === undefined ? undefined : ModeratorName.safeParse(args.moderator);
  if (moderator && !moderator.success) {
    console.error(`--moderator: ${moderator.error.issues[0]?.message ?? 'not a valid name'}`);
    process.exit(2);
  }
  const dataDir = resolve(args['data-dir'] ?? defaultDataDir());
  // Browser mode keeps secrets in memory only: none is ever written to disk in plaintext.
  const services: ProviderServices = {
    vault: new MemoryVault(),
    settings: new FileSettingsStore(join(dataDir, 'settings.json')),
    scheduler: realScheduler,
    openExternal: openInSystemBrowser,
  };
  const host = createHost({
    dataDir,
    providers: createProviders(services, ports),
    services,
    scheduler: realScheduler,
    actor: defaultActor(osUserName()),
    ...(moderator?.success ? { moderatorName: moderator.data } : {}),
    shell: 'web',
    version: process.env['npm_package_version'] ?? '0.0.0',
  });
  const server = await startWebServer({ host, staticDir, bindAddress: bindAddress === 'localhost' ? '127.0.0.1' : bindAddress, port });
  if (args.json) {
    console.log(JSON.stringify({ url: server.url, port: server.port, dataDir }));
  } else {
    console.log(
      `Hostdeck browser mode is running.\n\n  Open: ${server.url}\n\nIncident logs: ${join(dataDir, 'logs')}\nPress Ctrl+C to stop.`,
    );
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // Close the meeting session first so the incident log is flushed to disk.
    void host
      .close()
      .then(() => server.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
