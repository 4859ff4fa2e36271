import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeApi } from './fakeApi';
import { FakeOAuth, type FakeReply } from './fakeOAuth';
import { FakeWebexState, type JoinOptions } from './fakeWebexState';
import { SpecValidator, type SpecViolation } from './specValidator';

export interface FakeWebexOptions {
  clientId?: string;
  clientSecret?: string;
  accessTokenTtlS?: number;
  refreshTokenTtlS?: number;
  /** Participants per page at most (Webex allows `max` up to 100). */
  pageSize?: number;
  now?: () => number;
  port?: number;
}

/** One request as the fake saw it. */
export interface FakeRequestRecord {
  method: string;
  path: string;
  operationId: string | undefined;
  status: number;
  /** The JSON body of an API request (after the spec accepted it), to check what was asked. */
  body?: unknown;
}

const MAX_BODY = 1024 * 1024;

/**
 * A stateful Webex on a loopback port, for tests and the browser-mode drill: OAuth (authorize,
 * token, revoke) and the Meetings REST operations Hostdeck uses. Every API request is checked
 * against the official OpenAPI document before it is served, and every answer after: a mismatch
 * is recorded in `violations` (tests assert it stays empty) and a refused request gets a 400.
 */
export class FakeWebex {
  readonly state: FakeWebexState;
  readonly oauth: FakeOAuth;
  readonly violations: SpecViolation[] = [];
  readonly requests: FakeRequestRecord[] = [];
  readonly clientId: string;
  pageSize: number;
  /** Requests being answered right now (tests wait for zero before asserting). */
  inFlight = 0;
  private readonly api: FakeApi;
  private faults: { status: number; retryAfter: number | string | undefined }[] = [];

  private constructor(
    private readonly server: Server,
    private readonly spec: SpecValidator,
    readonly url: string,
    options: FakeWebexOptions,
  ) {
    const now = options.now ?? Date.now;
    this.clientId = options.clientId ?? 'fake-client-id';
    this.pageSize = options.pageSize ?? 100;
    this.state = new FakeWebexState(now);
    this.oauth = new FakeOAuth({
      clientId: this.clientId,
      clientSecret: options.clientSecret,
      accessTokenTtlS: options.accessTokenTtlS ?? 3600,
      refreshTokenTtlS: options.refreshTokenTtlS ?? 90 * 24 * 3600,
      now,
    });
    this.api = new FakeApi(this.state, this.apiBaseUrl, () => this.pageSize);
  }

  static async start(options: FakeWebexOptions = {}): Promise<FakeWebex> {
    const spec = await SpecValidator.load();
    // The server exists before the fake that answers on it (the fake needs the port).
    const holder: { fake?: FakeWebex } = {};
    const server = createServer((req, res) => void holder.fake?.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeWebex(server, spec, `http://127.0.0.1:${port}`, options);
    return holder.fake;
  }

  get apiBaseUrl(): string {
    return `${this.url}/v1`;
  }

  /** The provider settings that point Hostdeck at this fake. */
  get settings(): Record<string, string> {
    return {
      clientId: this.clientId,
      apiBaseUrl: this.apiBaseUrl,
      authorizationUrl: `${this.url}/v1/authorize`,
      tokenUrl: `${this.url}/v1/access_token`,
      revocationUrl: `${this.url}/oauth/revoke`,
    };
  }

  /**
   * The next `count` API requests are answered with `status`, with `Retry-After` when given: seconds,
   * or an HTTP date as a string.
   */
  failNext(count: number, status: number, retryAfter?: number | string): void {
    for (let i = 0; i < count; i++) this.faults.push({ status, retryAfter });
  }

  /** Requests to one operation, for assertions. */
  calls(operationId: string): FakeRequestRecord[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    try {
      await this.answer(req, res);
    } finally {
      this.inFlight--;
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    let reply: FakeReply;
    let operationId: string | undefined;
    let body: unknown;
    try {
      const raw = await readBody(req);
      if (url.pathname === '/v1/authorize' && method === 'GET') reply = this.oauth.authorize(url.searchParams);
      else if (url.pathname === '/v1/access_token' && method === 'POST') reply = this.oauth.token(new URLSearchParams(raw));
      else if (url.pathname === '/oauth/revoke' && method === 'POST') reply = this.oauth.revoke(new URLSearchParams(raw));
      else if (url.pathname.startsWith('/_fake/')) reply = this.control(method, url.pathname, raw);
      else if (url.pathname.startsWith('/v1/')) ({ reply, operationId, body } = this.serveApi(req, method, url, raw));
      else reply = { status: 404, body: { message: 'not found' } };
    } catch (error) {
      reply = { status: 500, body: { message: (error as Error).message } };
    }
    this.requests.push({ method, path: url.pathname, operationId, status: reply.status, ...(body !== undefined ? { body } : {}) });
    const json = reply.body !== undefined;
    res.writeHead(reply.status, { ...(json ? { 'Content-Type': 'application/json' } : {}), ...reply.headers });
    res.end(json ? JSON.stringify(reply.body) : undefined);
  }

  private serveApi(
    req: IncomingMessage,
    method: string,
    url: URL,
    raw: string,
  ): { reply: FakeReply; operationId: string | undefined; body?: unknown } {
    const path = url.pathname.slice('/v1'.length);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return { reply: { status: 400, body: { message: 'body is not JSON' } }, operationId: undefined };
    }
    const query = Object.fromEntries(url.searchParams);
    // Webex pages with opaque `Link` URLs; the spec does not declare their cursor, so the fake
    // accepts exactly the cursors it issued and checks everything else against the spec.
    if (query.cursor !== undefined && this.api.cursors.has(query.cursor)) delete query.cursor;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const { operation, violation } = this.spec.checkRequest({ method, path, query, headers, body });
    if (violation) {
      this.violations.push(violation);
      return {
        reply: { status: 400, body: { message: `Not allowed by the Webex spec: ${violation.problems.join('; ')}` } },
        operationId: violation.operationId,
      };
    }
    const operationId = operation?.operationId;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!this.oauth.isValid(bearer))
      return { reply: { status: 401, body: { message: 'The request requires a valid access token.' } }, operationId };
    const fault = this.faults.shift();
    if (fault) {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
      return { reply: { status: fault.status, headers, body: { message: `fault injected (${fault.status})` } }, operationId };
    }
    const reply = this.api.handle({
      operationId: operationId ?? '',
      params: pathParams(operation?.path ?? '', path),
      query: url.searchParams,
      body,
    });
    if (operation) {
      const problem = this.spec.checkResponse(operation, method, path, reply.status, reply.body ?? {});
      if (problem) this.violations.push(problem);
    }
    return { reply, operationId, body };
  }

  /** Test-only controls for the drill, outside the Webex API: join, leave, start, inspect. */
  private control(method: string, path: string, raw: string): FakeReply {
    const parts = path.split('/').filter(Boolean);
    if (method === 'GET' && parts[1] === 'state') {
      const meetings = [...this.state.meetings.values()].map((m) => ({ ...m, participants: [...m.participants.values()] }));
      return { status: 200, body: { meetings, violations: this.violations } };
    }
    if (method === 'POST' && parts[1] === 'meetings' && parts[3] === 'participants') {
      return { status: 201, body: this.state.join(parts[2] ?? '', JSON.parse(raw || '{}') as JoinOptions) };
    }
    if (method === 'POST' && parts[1] === 'meetings' && parts[3] === 'start')
      return { status: 201, body: this.state.start(parts[2] ?? '') };
    if (method === 'POST' && parts[1] === 'participants' && parts[3] === 'leave') {
      this.state.leave(parts[2] ?? '');
      return { status: 204 };
    }
    return { status: 404, body: { message: 'unknown control' } };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Path parameters by name, from a template like `/meetings/{meetingId}/end`. */
function pathParams(template: string, path: string): Record<string, string> {
  const names = template.split('/');
  const values = path.split('/');
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    const match = /^\{(.+)\}$/.exec(name);
    if (match?.[1] && values[i] !== undefined) params[match[1]] = decodeURIComponent(values[i]);
  });
  return params;
}
