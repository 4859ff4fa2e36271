import { jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../../shared/util/manualScheduler';
import { ProviderError } from '../../host/provider';
import { retryAfterMs, ZoomRest, type TokenSource } from './rest';
import { ZoomMeeting } from './schemas';
import { signLocally, signThroughEndpoint } from './signature';
import { storyMeeting } from './testing/fakeZoomData';
import { FakeZoomServer } from './testing/fakeZoomServer';

let fake: FakeZoomServer | undefined;
let rest: ZoomRest | undefined;
afterEach(async () => {
  await rest?.stop();
  await fake?.stop();
  fake = undefined;
  rest = undefined;
});

/** Signs in against the fake with a real code grant, returning a token source for the client. */
async function signedIn(server: FakeZoomServer): Promise<TokenSource & { refreshes: number }> {
  const verifier = 'v'.repeat(50);
  const { createHash } = await import('node:crypto');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirect = 'http://127.0.0.1:1/zoom/callback';
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'fake-client-id',
    redirect_uri: redirect,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 's',
  });
  const code = new URL(await server.authorize(`${server.origin}/oauth/authorize?${query}`)).searchParams.get('code') ?? '';
  const grant = async (body: Record<string, string>) => {
    const response = await fetch(`${server.origin}/oauth/token`, { method: 'POST', body: new URLSearchParams(body) });
    return (await response.json()) as { access_token: string; refresh_token: string };
  };
  let tokens = await grant({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirect,
    code_verifier: verifier,
    client_id: 'fake-client-id',
  });
  const source = {
    refreshes: 0,
    accessToken: async () => tokens.access_token,
    refresh: async () => {
      source.refreshes++;
      tokens = await grant({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: 'fake-client-id' });
      return tokens.access_token;
    },
  };
  return source;
}

async function setUp(plan: 'free' | 'business' = 'business') {
  fake = await new FakeZoomServer({ plan }).start();
  const meeting = storyMeeting(Date.now());
  fake.meetings.set(meeting.id, meeting);
  const tokens = await signedIn(fake);
  rest = new ZoomRest({ baseUrl: new URL(fake.apiBase), plan, tokens, clock: { now: () => Date.now() } });
  return { fake, rest, tokens, meeting };
}

function failure(promise: Promise<unknown>): Promise<ProviderError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => {
      if (!(error instanceof ProviderError)) throw error;
      return error;
    },
  );
}

describe('zoom REST client', () => {
  it('reads and parses a meeting, with Zoom’s own error code when it is missing', async () => {
    const { rest, meeting } = await setUp();
    const read = await rest.get(`/meetings/${meeting.id}`, ZoomMeeting, 'light');
    expect(read).toMatchObject({ id: meeting.id, status: 'started', settings: { waiting_room: false, approval_type: 0 } });
    const missing = await failure(rest.get('/meetings/123456789', ZoomMeeting, 'light'));
    expect(missing).toMatchObject({ kind: 'notFound', status: 404, retryable: false });
    expect(missing.message).toMatch(/HTTP 404, code 3001\): Meeting does not exist: 123456789/);
  });

  it('turns a 429 into rateLimited with the wait Zoom asked for and its limit type', async () => {
    const { fake, rest, meeting } = await setUp();
    fake.inject(
      /\/meetings\//,
      429,
      { code: 429, message: 'You have reached the maximum daily rate limit for this API.' },
      {
        'Retry-After': '7',
        'X-RateLimit-Type': 'Daily-limit',
        'X-RateLimit-Category': 'Light',
      },
    );
    const limited = await failure(rest.get(`/meetings/${meeting.id}`, ZoomMeeting, 'light'));
    expect(limited).toMatchObject({ kind: 'rateLimited', retryAfterMs: 7_000, retryable: true });
    expect(limited.message).toMatch(/\[Daily-limit\]/);
    expect(retryAfterMs(new Headers({ 'Retry-After': new Date(Date.UTC(2026, 10, 27)).toUTCString() }), Date.UTC(2026, 10, 26, 23))).toBe(
      3_600_000,
    );
  });

  it('turns a 503 into unavailable with the wait Zoom named, in seconds or as an HTTP date, and without one when it named none', async () => {
    const { fake, rest, meeting } = await setUp();
    const read = () => failure(rest.get(`/meetings/${meeting.id}`, ZoomMeeting, 'light'));
    fake.inject(/\/meetings\//, 503, { code: 503, message: 'Service temporarily unavailable.' }, { 'Retry-After': '12' });
    const seconds = await read();
    expect(seconds).toMatchObject({ kind: 'unavailable', status: 503, retryAfterMs: 12_000, retryable: true });
    expect(seconds.message).toMatch(/HTTP 503, code 503\): Service temporarily unavailable\. \(Zoom asks to try again in 12 s\)/);

    fake.inject(/\/meetings\//, 503, undefined, { 'Retry-After': new Date(Date.now() + 60_000).toUTCString() });
    const dated = await read();
    expect(dated.retryAfterMs).toBeGreaterThan(58_000);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(60_000);

    fake.inject(/\/meetings\//, 503, undefined, { 'Retry-After': 'soon, probably' });
    expect((await read()).retryAfterMs).toBeUndefined();
    fake.inject(/\/meetings\//, 502, undefined, { 'Retry-After': '5' });
    // Only 429 and 503 give Retry-After its meaning; a 502's is not a promise of anything.
    expect(await read()).toMatchObject({ kind: 'unavailable', status: 502, retryAfterMs: undefined });
  });

  it('stays within the plan’s per-second budget: a burst on the free plan gets no 429', async () => {
    const { fake, rest, meeting } = await setUp('free');
    const burst = Array.from({ length: 9 }, () => rest.get(`/meetings/${meeting.id}`, ZoomMeeting, 'light'));
    await Promise.all(burst);
    const answered = fake.requests.filter((r) => r.path.startsWith('/v2/meetings/'));
    expect(answered).toHaveLength(9);
  });

  it('refreshes once on 401 and retries the same call', async () => {
    const { fake, rest, tokens, meeting } = await setUp();
    fake.expireAccessTokens();
    await rest.get(`/meetings/${meeting.id}`, ZoomMeeting, 'light');
    expect(tokens.refreshes).toBe(1);
    fake.inject(/\/meetings\//, 401, { code: 124, message: 'Invalid access token.' }, undefined, 2);
    expect(await failure(rest.get(`/meetings/${meeting.id}`, ZoomMeeting, 'light'))).toMatchObject({ kind: 'auth' });
  });

  it('rejects a malformed answer with a clear message instead of passing it on', async () => {
    const { fake, rest, meeting } = await setUp();
    fake.inject(/\/meetings\//, 200, { id: 'not-a-number', topic: 42 });
    const bad = await failure(rest.get(`/meetings/${meeting.id}`, ZoomMeeting, 'light'));
    expect(bad).toMatchObject({ kind: 'invalid', retryable: false });
    expect(bad.message).toMatch(/does not understand: id: .*; topic:/);
    fake.inject(/\/meetings\//, 503, undefined);
    expect(await failure(rest.get(`/meetings/${meeting.id}`, ZoomMeeting, 'light'))).toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
  });

  it('names a network failure as such', async () => {
    const { fake, rest, meeting } = await setUp();
    await fake.stop();
    const down = await failure(rest.get(`/meetings/${meeting.id}`, ZoomMeeting, 'light'));
    expect(down).toMatchObject({ kind: 'network', retryable: true });
  });
});

describe('zoom Meeting SDK signature', () => {
  it('signs locally as Zoom documents it: HS256 with appKey, mn, role 1 and a bounded lifetime', async () => {
    const clock = new ManualScheduler(1_764_000_000_000);
    const jwt = await signLocally('sdk-key', 'sdk-secret-0123456789', '81234567890', clock);
    const { payload, protectedHeader } = await jwtVerify(jwt, new TextEncoder().encode('sdk-secret-0123456789'), {
      currentDate: new Date(clock.now()),
    });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ appKey: 'sdk-key', sdkKey: 'sdk-key', mn: '81234567890', role: 1 });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(7200);
    expect(payload.tokenExp).toBe(payload.exp);
    await expect(jwtVerify(jwt, new TextEncoder().encode('another-secret-xxxxxxxx'))).rejects.toThrow();
  });

  it('asks the organization’s endpoint, with its token, and refuses what it cannot use', async () => {
    fake = await new FakeZoomServer().start();
    const endpoint = new URL(`${fake.origin}/sdk/signature`);
    const signature = await signThroughEndpoint(endpoint, '81234567890', 'org-endpoint-token');
    const { payload } = await jwtVerify(signature, new TextEncoder().encode('fake-sdk-secret-for-tests-only-0123456789'));
    expect(payload).toMatchObject({ appKey: 'fake-sdk-key', mn: '81234567890', role: 1 });
    expect(JSON.parse(fake.requests.at(-1)?.body ?? '{}')).toEqual({ meetingNumber: '81234567890', role: 1 });
    await expect(signThroughEndpoint(endpoint, '81234567890', undefined)).rejects.toThrow(/refused to sign \(HTTP 401\)/);
    fake.inject(/\/sdk\/signature/, 200, { sig: 'nope' });
    await expect(signThroughEndpoint(endpoint, '81234567890', 'org-endpoint-token')).rejects.toThrow(/without a usable signature/);
  });
});
