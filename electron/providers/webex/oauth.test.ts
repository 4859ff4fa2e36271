import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../host/provider';
import { WebexApi } from './api';
import { TOKENS_KEY, WebexAuth } from './oauth';
import { parseConfig } from './config';
import { ParticipantPage } from './schemas';
import { browserVisit, webexHarness, type WebexHarness } from './testing/harness';

let h: WebexHarness | undefined;
afterEach(async () => {
  expect(h?.fake.violations ?? []).toEqual([]);
  await h?.close();
  h = undefined;
});

async function signedIn(options: Parameters<typeof webexHarness>[0] = {}): Promise<WebexHarness> {
  h = await webexHarness(options);
  await h.provider.signIn?.();
  return h;
}

async function authFor(harness: WebexHarness): Promise<WebexAuth> {
  const stored = await harness.services.settings.get('webex');
  return new WebexAuth(harness.services, async () => {
    const parsed = parseConfig(stored, undefined);
    if (!parsed.ok) throw new Error(parsed.problem);
    return parsed.config;
  });
}

describe('Webex sign-in (authorization code + PKCE + loopback redirect)', () => {
  it('opens the system browser with a PKCE challenge and state, redeems the code on loopback, keeps tokens only in the vault', async () => {
    const t = await signedIn();
    const authorize = new URL(t.opened[0] ?? '');
    expect(authorize.pathname).toBe('/v1/authorize');
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(authorize.searchParams.has('client_secret')).toBe(false);
    expect(t.fake.oauth.grants).toEqual(['authorization_code']);
    const stored = JSON.parse((await t.services.vault.get(TOKENS_KEY)) ?? '{}') as Record<string, unknown>;
    expect(stored).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect(JSON.stringify(await t.services.settings.get('webex'))).not.toContain(String(stored.accessToken));
    expect(await t.provider.status()).toMatchObject({ connected: true });
  });

  it('ignores a redirect carrying another state and completes with the right one', async () => {
    let answerToStranger: number | undefined;
    h = await webexHarness({
      browser: async (url) => {
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri') ?? '');
        redirect.searchParams.set('state', 'not-this-sign-in');
        redirect.searchParams.set('code', 'forged');
        answerToStranger = (await fetch(redirect)).status;
        return browserVisit(url);
      },
    });
    await h.provider.signIn?.();
    expect(answerToStranger).toBe(400);
    expect(await h.provider.status()).toMatchObject({ connected: true });
  });

  it('an intercepted code is useless without the verifier, and is spent by the attempt', async () => {
    let stolen: number | undefined;
    h = await webexHarness({
      browser: async (url) => {
        const consent = await fetch(url, { redirect: 'manual' });
        const callback = new URL(consent.headers.get('location') ?? '');
        const form = new URLSearchParams({
          grant_type: 'authorization_code',
          code: callback.searchParams.get('code') ?? '',
          redirect_uri: new URL(url).searchParams.get('redirect_uri') ?? '',
          client_id: 'fake-client-id',
          code_verifier: 'a'.repeat(43),
        });
        stolen = (await fetch(`${h?.fake.url}/v1/access_token`, { method: 'POST', body: form })).status;
        return fetch(callback);
      },
    });
    await expect(h.provider.signIn?.()).rejects.toThrow(/invalid_grant/);
    expect(stolen).toBe(400);
    expect(await h.services.vault.get(TOKENS_KEY)).toBeUndefined();
  });

  it('reports a refused consent as an auth error and stores nothing', async () => {
    h = await webexHarness();
    h.fake.oauth.decision = 'deny';
    const failure = await h.provider.signIn?.().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ kind: 'auth', message: expect.stringMatching(/access_denied/) });
    expect(await h.provider.status()).toMatchObject({ connected: false, detail: expect.stringMatching(/Not signed in/) });
  });

  it('refuses plain http endpoints except on loopback', async () => {
    h = await webexHarness();
    await expect(h.provider.saveSettings?.({ ...h.fake.settings, apiBaseUrl: 'http://webex.example.org/v1' })).rejects.toThrow(/https/);
    await expect(h.provider.saveSettings?.({ ...h.fake.settings, tokenUrl: 'ftp://127.0.0.1/token' })).rejects.toThrow(/https/);
    await expect(h.provider.saveSettings?.({ ...h.fake.settings, clientSecret: 'org-secret' })).resolves.toBeUndefined();
    expect(await h.services.vault.get('webex:clientSecret')).toBe('org-secret');
    expect(JSON.stringify(await h.services.settings.get('webex'))).not.toContain('org-secret');
  });
});

describe('Webex tokens', () => {
  it('renews the access token shortly before it expires, once for concurrent callers', async () => {
    const t = await signedIn({ fake: { accessTokenTtlS: 600 } });
    const auth = await authFor(t);
    const first = await auth.accessToken();
    t.scheduler.advance(550_000);
    const [a, b] = await Promise.all([auth.accessToken(), auth.accessToken()]);
    expect(a).toBe(b);
    expect(a).not.toBe(first);
    expect(t.fake.oauth.grants).toEqual(['authorization_code', 'refresh_token']);
  });

  it('renews once on a 401 and retries the call', async () => {
    const t = await signedIn();
    const meeting = t.fake.state.addMeeting({ title: 'Briefing', live: true });
    t.fake.state.join(meeting.id, { displayName: 'Ana' });
    t.fake.oauth.expireAccessTokens();
    const api = new WebexApi({ baseUrl: t.fake.apiBaseUrl, tokens: await authFor(t), clock: t.scheduler, timeoutMs: 5_000 });
    const items = await api.list('/meetingParticipants', ParticipantPage, { query: { meetingId: meeting.id, max: '100' } });
    expect(items.map((p) => p.displayName)).toEqual(['Ana']);
    expect(t.fake.oauth.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(t.fake.calls('List Meeting Participants').map((r) => r.status)).toEqual([401, 200]);
  });

  it('when the refresh token is dead: an auth error, the tokens forgotten, the status says sign in', async () => {
    const t = await signedIn();
    const meeting = t.fake.state.addMeeting({ title: 'Briefing', live: true });
    t.fake.oauth.expireAccessTokens();
    t.fake.oauth.revokeRefreshTokens();
    const api = new WebexApi({ baseUrl: t.fake.apiBaseUrl, tokens: await authFor(t), clock: t.scheduler, timeoutMs: 5_000 });
    const failure = await api.list('/meetingParticipants', ParticipantPage, { query: { meetingId: meeting.id } }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'auth', message: expect.stringMatching(/invalid_grant/) });
    expect(await t.services.vault.get(TOKENS_KEY)).toBeUndefined();
    expect(await t.provider.status()).toMatchObject({ connected: false });
  });

  it('signing out revokes both tokens at the server and deletes them here', async () => {
    const t = await signedIn();
    expect(await t.provider.signOut?.()).toEqual({ revocation: 'revoked' });
    expect(t.fake.oauth.revokedCount).toBe(2);
    expect(await t.services.vault.keys('webex:')).toEqual([]);
    expect(await t.provider.status()).toMatchObject({ connected: false });
  });

  it('signing out when the revocation fails: the tokens are deleted here all the same, and the result says why', async () => {
    const t = await signedIn();
    t.fake.oauth.refuseRevocation = true;
    const result = await t.provider.signOut?.();
    expect(result).toMatchObject({
      revocation: 'failed',
      reason: expect.stringMatching(/refresh token: the server answered HTTP 503.*access token/),
    });
    expect(t.fake.oauth.revokedCount).toBe(0);
    expect(await t.services.vault.keys('webex:')).toEqual([]);
    expect(await t.provider.status()).toMatchObject({ connected: false });
  });

  it('signing out without a revocation endpoint deletes the tokens here and says Webex offers none', async () => {
    const t = await signedIn();
    await t.provider.saveSettings?.({ ...t.fake.settings, revocationUrl: '' });
    expect(await t.provider.signOut?.()).toMatchObject({
      revocation: 'notOffered',
      reason: expect.stringMatching(/no revocation endpoint/),
    });
    expect(t.fake.oauth.revokedCount).toBe(0);
    expect(await t.services.vault.keys('webex:')).toEqual([]);
  });
});
