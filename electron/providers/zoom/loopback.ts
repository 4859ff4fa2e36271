import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where Zoom sends the browser back after sign-in. Zoom ignores the port of loopback redirects. */
export const CALLBACK_PATH = '/zoom/callback';

const DONE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostdeck</title></head>
<body style="font-family:sans-serif;padding:2rem"><h1>Hostdeck</h1><p>You can close this tab and return to Hostdeck.</p></body></html>`;

export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/zoom/callback` */
  readonly redirectUri: string;
  /** The full callback address the browser was sent to (query included). */
  readonly callback: Promise<URL>;
  close(): void;
}

/**
 * A one-shot listener on 127.0.0.1 for the OAuth redirect (RFC 8252 §7.3): it accepts exactly one
 * request on the callback path, answers with a page telling the user to return to Hostdeck, then
 * closes. Anything else is 404. It gives up after `timeoutMs`.
 */
export async function listenForRedirect(timeoutMs: number): Promise<LoopbackRedirect> {
  let resolveCallback!: (url: URL) => void;
  let rejectCallback!: (error: Error) => void;
  const callback = new Promise<URL>((resolve, reject) => {
    resolveCallback = resolve;
    rejectCallback = reject;
  });
  callback.catch(() => undefined);
  let settled = false;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1`);
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH || settled) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    settled = true;
    response
      .writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      })
      .end(DONE_PAGE, () => close());
    resolveCallback(new URL(`${redirectUri}${url.search}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
  const timer = setTimeout(() => {
    rejectCallback(new Error(`No answer from the Zoom sign-in page within ${Math.round(timeoutMs / 60_000)} min.`));
    close();
  }, timeoutMs);
  function close(): void {
    clearTimeout(timer);
    if (!settled) rejectCallback(new Error('Sign-in was cancelled.'));
    settled = true;
    server.close();
    server.closeAllConnections();
  }
  return { redirectUri, callback, close };
}
