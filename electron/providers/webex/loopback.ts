import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The one-shot listener that receives the browser's redirect after sign-in (RFC 8252 §7.3). */
export interface LoopbackReceiver {
  /** `http://127.0.0.1:{port}/callback`: the redirect URI sent with the authorization request. */
  readonly redirectUri: string;
  /** The full callback address once a redirect carrying the expected `state` arrives. */
  readonly callback: Promise<URL>;
  close(): void;
}

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif"><h1>${title}</h1><p>${text}</p>`;

/**
 * Listens on 127.0.0.1 only (never on every interface), for `/callback` only. A redirect whose
 * `state` is not this sign-in's is answered 400 and ignored, so another local program cannot end
 * or hijack the sign-in by calling the port first. A code caught on the way is useless to anyone
 * else: redeeming it takes the PKCE verifier, which this process sends only to the token endpoint.
 */
export async function startLoopbackReceiver(port: number, expectedState: string): Promise<LoopbackReceiver> {
  let resolve: (url: URL) => void = () => undefined;
  const callback = new Promise<URL>((r) => (resolve = r));
  let redirectUri = '';
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', redirectUri);
    if (request.method !== 'GET' || url.pathname !== '/callback') {
      response.writeHead(404, PAGE_HEADERS).end(page('Not found', 'This address only receives the Webex sign-in.'));
      return;
    }
    if (url.searchParams.get('state') !== expectedState) {
      response.writeHead(400, PAGE_HEADERS).end(page('Sign-in not recognised', 'This answer does not belong to the sign-in in progress.'));
      return;
    }
    const failed = url.searchParams.has('error');
    response
      .writeHead(200, PAGE_HEADERS)
      .end(
        failed
          ? page('Sign-in refused', 'Webex did not grant access. You can close this tab and try again from Hostdeck.')
          : page('Signed in', 'You can close this tab and return to Hostdeck.'),
      );
    resolve(url);
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ready());
  });
  const address = server.address() as AddressInfo;
  redirectUri = `http://127.0.0.1:${address.port}/callback`;
  return {
    redirectUri,
    callback,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}
