import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { RATE_PER_SECOND, type RateLabel } from '../rest';
import type { ZoomPlan } from '../config';
import { dashboardJson, FAKE_USER, intruders, listItemJson, meetingJson, type FakeMeeting } from './fakeZoomData';

export interface FakeZoomOptions {
  clientId?: string;
  /** Time for meeting data and token expiry (tests pass their virtual clock). */
  now?: () => number;
  /** The account plan: the Dashboard answers only on `business`; QPS limits follow the plan. */
  plan?: ZoomPlan;
  accessTokenTtlS?: number;
  /** The SDK secret the fake signature endpoint signs with. */
  sdkKey?: string;
  sdkSecret?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

interface Injected {
  match: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  remaining: number;
}

const LABELS: [RegExp, RateLabel][] = [
  [/^\/v2\/metrics\//, 'heavy'],
  [/^\/v2\/users\/me\/meetings/, 'medium'],
  [/^\/v2\/meetings\/\d+\/registrants/, 'medium'],
  [/^\/v2\/users\/me\/settings/, 'medium'],
];
const labelOf = (path: string): RateLabel => LABELS.find(([re]) => re.test(path))?.[1] ?? 'light';
const b64url = (data: Buffer) => data.toString('base64url');

/**
 * A fake of Zoom's REST v2 API and OAuth server on loopback, following the documented request and
 * response shapes: PKCE authorization (the consent screen answers at once), token and rotating
 * refresh-token grants, revocation, Bearer checks (401 code 124), per-label QPS limits by plan with
 * Zoom's 429 headers (`Retry-After`, `X-RateLimit-Category`, `X-RateLimit-Type`), and injected
 * failures. Also a signature endpoint like Zoom's meetingsdk-auth-endpoint sample.
 */
export class FakeZoomServer {
  readonly meetings = new Map<number, FakeMeeting>();
  readonly requests: RecordedRequest[] = [];
  readonly revoked: string[] = [];
  plan: ZoomPlan;
  /** When set, the registrant list is refused with this error (e.g. a token without the scope). */
  refuseRegistrants: { status: number; code: number; message: string } | null = null;
  private readonly server: Server;
  private readonly codes = new Map<string, { challenge: string; redirectUri: string }>();
  private readonly access = new Map<string, number>();
  private readonly refresh = new Set<string>();
  private readonly injected: Injected[] = [];
  private readonly windows = new Map<RateLabel, { second: number; count: number }>();
  private readonly options: Required<FakeZoomOptions>;
  origin = '';

  constructor(options: FakeZoomOptions = {}) {
    this.options = {
      clientId: 'fake-client-id',
      now: Date.now,
      plan: 'business',
      accessTokenTtlS: 3599,
      sdkKey: 'fake-sdk-key',
      sdkSecret: 'fake-sdk-secret-for-tests-only-0123456789',
      ...options,
    };
    this.plan = this.options.plan;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  get apiBase(): string {
    return `${this.origin}/v2`;
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests whose path matches answer `status` with `body` (and headers). */
  inject(match: RegExp, status: number, body?: unknown, headers?: Record<string, string>, times = 1): void {
    this.injected.push({ match, status, body, ...(headers ? { headers } : {}), remaining: times });
  }

  /** Every issued access token stops working, as when Zoom expires or revokes them. */
  expireAccessTokens(): void {
    this.access.clear();
  }

  /** What the consent screen does when the user clicks Allow: the redirect back to the app. */
  async authorize(authorizeUrl: string): Promise<string> {
    const response = await fetch(authorizeUrl, { redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
    return location;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const body = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString()));
      req.on('end', () => resolve(data));
    });
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: `${url.pathname}${url.search}`, authorization: req.headers.authorization, body });
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const injected = this.injected.find((i) => i.remaining > 0 && i.match.test(url.pathname));
    if (injected) {
      injected.remaining--;
      return send(injected.status, injected.body, injected.headers);
    }
    if (url.pathname.startsWith('/oauth/')) return this.oauth(method, url, new URLSearchParams(body), send);
    if (url.pathname.startsWith('/__fake/')) return this.control(method, url.pathname, send);
    if (url.pathname === '/sdk/signature' && method === 'POST') return this.signature(body, req.headers.authorization, send);
    if (!url.pathname.startsWith('/v2/')) return send(404, { code: 404, message: 'Not found' });
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    const expires = this.access.get(token);
    if (expires === undefined || expires <= this.options.now()) return send(401, { code: 124, message: 'Invalid access token.' });
    const limited = this.rateLimited(url.pathname);
    if (limited) return send(429, limited.body, limited.headers);
    return this.api(method, url, body, send);
  }

  /** Zoom's per-second limits for the plan, per label, with the headers Zoom sends on a 429. */
  private rateLimited(path: string): { body: unknown; headers: Record<string, string> } | undefined {
    const label = labelOf(path);
    const second = Math.floor(Date.now() / 1000);
    const window = this.windows.get(label);
    const count = window && window.second === second ? window.count + 1 : 1;
    this.windows.set(label, { second, count });
    const limit = RATE_PER_SECOND[this.plan][label];
    if (count <= limit) return undefined;
    return {
      body: { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' },
      headers: {
        'Retry-After': '1',
        'X-RateLimit-Category': label[0]!.toUpperCase() + label.slice(1),
        'X-RateLimit-Type': 'QPS',
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': '0',
      },
    };
  }

  private oauth(method: string, url: URL, form: URLSearchParams, send: (s: number, b?: unknown, h?: Record<string, string>) => void) {
    const q = url.searchParams;
    if (url.pathname === '/oauth/authorize' && method === 'GET') {
      const redirect = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== this.options.clientId) return send(400, { reason: 'Invalid client_id', error: 'invalid_client' });
      if (!/^http:\/\/127\.0\.0\.1(:\d+)?\/zoom\/callback$/.test(redirect)) {
        return send(400, { reason: 'Invalid redirect', error: 'invalid_request' });
      }
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || q.get('response_type') !== 'code') {
        return send(400, { reason: 'PKCE required', error: 'invalid_request' });
      }
      const code = b64url(randomBytes(16));
      this.codes.set(code, { challenge: q.get('code_challenge')!, redirectUri: redirect });
      const back = new URL(redirect);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      return send(302, undefined, { Location: back.href });
    }
    if (url.pathname === '/oauth/token' && method === 'POST') return this.token(form, send);
    if (url.pathname === '/oauth/revoke' && method === 'POST') {
      const token = form.get('token') ?? q.get('token') ?? '';
      this.revoked.push(token);
      this.refresh.delete(token);
      this.access.delete(token);
      return send(200, { status: 'success' });
    }
    return send(404, { reason: 'Not found', error: 'invalid_request' });
  }

  private token(form: URLSearchParams, send: (s: number, b?: unknown) => void) {
    if (form.get('client_id') !== this.options.clientId) return send(401, { reason: 'Invalid client_id', error: 'invalid_client' });
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const entry = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = b64url(createHash('sha256').update(verifier).digest());
      if (!entry || entry.challenge !== challenge || entry.redirectUri !== form.get('redirect_uri')) {
        return send(400, { reason: 'Invalid authorization code', error: 'invalid_grant' });
      }
    } else if (grant === 'refresh_token') {
      const old = form.get('refresh_token') ?? '';
      if (!this.refresh.delete(old)) return send(400, { reason: 'Invalid Token!', error: 'invalid_grant' });
    } else {
      return send(400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
    }
    const accessToken = b64url(randomBytes(24));
    const refreshToken = b64url(randomBytes(24));
    this.access.set(accessToken, this.options.now() + this.options.accessTokenTtlS * 1000);
    this.refresh.add(refreshToken);
    return send(200, {
      access_token: accessToken,
      token_type: 'bearer',
      refresh_token: refreshToken,
      expires_in: this.options.accessTokenTtlS,
      scope: 'meeting:read meeting:write user:read dashboard_meetings:read:admin',
    });
  }

  /** Test controls for the drill script (not part of Zoom's API): make the intruders arrive, read state. */
  private control(method: string, path: string, send: (s: number, b?: unknown) => void) {
    if (method === 'POST' && path === '/__fake/intrude') {
      const now = this.options.now();
      for (const m of this.meetings.values()) if (m.status === 'started') m.participants.push(...intruders(now));
      return send(204);
    }
    if (method === 'GET' && path === '/__fake/state') {
      const meetings = [...this.meetings.values()].map((m) => ({
        id: m.id,
        status: m.status,
        present: m.participants.filter((p) => p.leaveTime === undefined).length,
      }));
      return send(200, { meetings, requests: this.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`) });
    }
    return send(404, { code: 404, message: 'Not found' });
  }

  private async signature(body: string, authorization: string | undefined, send: (s: number, b?: unknown) => void) {
    if (authorization !== 'Bearer org-endpoint-token') return send(401, { error: 'unauthorized' });
    let request: { meetingNumber?: unknown; role?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return send(400, { error: 'bad json' });
    }
    const iat = Math.floor(this.options.now() / 1000) - 30;
    const signature = await new SignJWT({
      appKey: this.options.sdkKey,
      mn: request.meetingNumber,
      role: request.role,
      tokenExp: iat + 7200,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + 7200)
      .sign(new TextEncoder().encode(this.options.sdkSecret));
    return send(200, { signature, sdkKey: this.options.sdkKey });
  }

  private api(method: string, url: URL, body: string, send: (s: number, b?: unknown) => void) {
    const path = url.pathname.slice('/v2'.length);
    const notFound = (id: string) => send(404, { code: 3001, message: `Meeting does not exist: ${id}.` });
    if (method === 'GET' && path === '/users/me') return send(200, FAKE_USER);
    if (method === 'GET' && path === '/users/me/token') return send(200, { token: `zak-${b64url(randomBytes(12))}` });
    if (method === 'GET' && path === '/users/me/settings') {
      return send(200, { in_meeting: { screen_sharing: true, who_can_share_screen: 'all', chat: true, private_chat: true } });
    }
    if (method === 'GET' && path === '/users/me/meetings') {
      const type = url.searchParams.get('type');
      const list = [...this.meetings.values()].filter((m) => (type === 'live' ? m.status === 'started' : m.status === 'waiting'));
      return send(200, { page_size: 30, total_records: list.length, next_page_token: '', meetings: list.map(listItemJson) });
    }
    const match = /^\/(meetings|metrics\/meetings)\/(\d+)(\/[a-z_]+)?$/.exec(path);
    const meeting = match ? this.meetings.get(Number(match[2])) : undefined;
    if (!match || !meeting) return match ? notFound(match[2]!) : send(404, { code: 404, message: 'Not found' });
    const [, root, , sub] = match;
    if (root === 'meetings' && !sub && method === 'GET') return send(200, meetingJson(meeting));
    if (root === 'meetings' && sub === '/registrants' && method === 'GET') {
      const refused = this.refuseRegistrants;
      if (refused) return send(refused.status, { code: refused.code, message: refused.message });
      return send(200, {
        page_size: 300,
        total_records: meeting.registrants.length,
        next_page_token: '',
        registrants: meeting.registrants,
      });
    }
    if (root === 'meetings' && sub === '/status' && method === 'PUT') {
      if ((JSON.parse(body || '{}') as { action?: string }).action !== 'end') return send(400, { code: 300, message: 'Invalid action.' });
      if (meeting.status !== 'started') return send(400, { code: 3000, message: 'Meeting is not in progress.' });
      meeting.status = 'waiting';
      meeting.endedAt = this.options.now();
      for (const p of meeting.participants) p.leaveTime ??= this.options.now();
      return send(204);
    }
    if (root === 'metrics/meetings' && sub === '/participants' && method === 'GET') {
      if (this.plan !== 'business') {
        return send(400, { code: 200, message: 'Only available for Paid account that has enabled the dashboard feature.' });
      }
      if (meeting.status !== 'started') return notFound(String(meeting.id));
      return send(200, {
        page_count: 1,
        page_size: 300,
        total_records: meeting.participants.length,
        next_page_token: '',
        participants: meeting.participants.map(dashboardJson),
      });
    }
    return send(405, { code: 405, message: 'Method not allowed' });
  }
}
