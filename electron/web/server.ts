import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { WebSocketServer, type WebSocket } from 'ws';
import { describeIssues } from '../../shared/contract/reply';
import { MAX_CLIENT_MESSAGE_BYTES, WireCall, type WireFromHost } from '../../shared/contract/wire';
import { dispatch } from '../host/dispatch';
import type { Host } from '../host/host';
import { REPORT_CSP } from '../../shared/incident/report';
import { allowedHostNames, shownHost } from './bindPolicy';
import { readStaticFile, SECURITY_HEADERS } from './staticFiles';

export interface WebServerOptions {
  host: Host;
  /** The built renderer folder (out/renderer). */
  staticDir: string;
  /** Address to bind: 127.0.0.1 unless the user explicitly allowed another. */
  bindAddress: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed token for tests; a random one is made per run otherwise. */
  token?: string;
}

export interface WebServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const COOKIE_PREFIX = 'hostdeck-';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Browser mode: the same host behind HTTP (the renderer bundle) and a WebSocket (the contract).
 * Every request needs the per-run token: the printed URL carries it once, the server trades it for
 * an HttpOnly, SameSite=Strict cookie and redirects to a clean URL. The Host header must name this
 * server (against DNS rebinding) and a WebSocket's Origin must be this server's own.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let port = options.port;
  const cookieName = (): string => `${COOKIE_PREFIX}${port}`;
  const hostNames = allowedHostNames(options.bindAddress, networkInterfaces(), hostname());
  const allowedHosts = (): Set<string> => new Set([...hostNames].map((h) => `${h}:${port}`));
  const hostAllowed = (request: IncomingMessage): boolean => allowedHosts().has((request.headers.host ?? '').toLowerCase());
  const authorized = (request: IncomingMessage): boolean => {
    const presented = cookieToken(request, cookieName());
    return presented !== undefined && safeEqual(presented, token);
  };

  const refuse = (response: ServerResponse, status: number, message: string): void => {
    response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(message);
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      if (!hostAllowed(request)) return refuse(response, 421, 'Hostdeck: unexpected Host header.');
      if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
      const url = new URL(request.url ?? '/', 'http://placeholder');
      const offered = url.searchParams.get('token');
      if (offered !== null) {
        if (!safeEqual(offered, token)) return refuse(response, 401, 'Hostdeck: this access token is not valid for this run.');
        response.writeHead(303, {
          ...SECURITY_HEADERS,
          'Set-Cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: '/',
          'Cache-Control': 'no-store',
        });
        return response.end();
      }
      if (!authorized(request)) {
        return refuse(response, 401, 'Hostdeck: open the URL printed in the terminal; it carries the access token for this run.');
      }
      const report = /^\/report\/([^/]+)\.html$/.exec(url.pathname);
      if (report) {
        // The printable report, served with its own policy: inline styles, nothing else.
        const language = url.searchParams.get('lang') === 'id' ? 'id' : 'en';
        let html: string;
        try {
          html = await options.host.reportHtml(report[1] ?? '', language, url.searchParams.get('redact') === '1');
        } catch (error) {
          return refuse(response, 404, `No report: ${(error as Error).message}`);
        }
        response.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Security-Policy': REPORT_CSP,
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        return response.end(request.method === 'HEAD' ? undefined : html);
      }
      const file = await readStaticFile(options.staticDir, url.pathname);
      if (!file) return refuse(response, 404, 'Not found.');
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': file.contentType,
        'Cache-Control': file.cacheable ? 'private, max-age=3600' : 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    })().catch((error: unknown) => {
      console.error('browser mode: request failed', error);
      if (!response.headersSent) refuse(response, 500, 'Internal error.');
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const origin = request.headers.origin ?? '';
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const reject = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return reject(404, 'Not Found');
    if (!hostAllowed(request)) return reject(421, 'Misdirected Request');
    if (!allowedHosts().has(origin.replace(/^http:\/\//, '').toLowerCase()) || !origin.startsWith('http://')) {
      return reject(403, 'Forbidden');
    }
    if (!authorized(request)) return reject(401, 'Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  sockets.on('connection', (ws: WebSocket) => {
    const send = (message: WireFromHost): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = options.host.subscribe((event) => send({ t: 'event', name: event.name, payload: event.payload }));
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
    ws.on('message', (data, isBinary) => {
      void (async () => {
        let raw: unknown;
        try {
          if (isBinary) throw new Error('binary frames are not accepted');
          raw = JSON.parse(String(data));
        } catch (error) {
          // Logged and answered like any malformed message; the connection stays usable.
          const reason = isBinary ? 'binary frames are not accepted' : `not JSON (${(error as Error).message})`;
          options.host.reportRejected('websocket', reason);
          return send({
            t: 'reply',
            id: 0,
            reply: { ok: false, error: { code: 'invalidInput', message: `Malformed message: ${reason}` } },
          });
        }
        const call = WireCall.safeParse(raw);
        if (!call.success) {
          options.host.reportRejected('websocket', describeIssues(call.error));
          const id = typeof (raw as { id?: unknown })?.id === 'number' ? Math.max(0, Math.floor((raw as { id: number }).id)) : 0;
          return send({
            t: 'reply',
            id,
            reply: { ok: false, error: { code: 'invalidInput', message: `Malformed message: ${describeIssues(call.error)}` } },
          });
        }
        send({ t: 'reply', id: call.data.id, reply: await dispatch(options.host, call.data.name, call.data.input) });
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bindAddress, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${shownHost(options.bindAddress, networkInterfaces())}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
