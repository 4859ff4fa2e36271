import { afterEach, describe, expect, it } from 'vitest';
import { secretKey } from '../../host/settings/providerSettings';
import { TOKEN_KEY } from './auth';
import { startZoomHarness } from './testing/harness';

let harness: Awaited<ReturnType<typeof startZoomHarness>> | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function setUp() {
  harness = await startZoomHarness();
  return harness;
}

describe('zoom sign-in and settings', () => {
  it('signs in with PKCE through the system browser and a loopback redirect; tokens go to the vault only', async () => {
    const h = await setUp();
    expect(await h.host.commands.getOverview({})).toMatchObject({
      providers: expect.arrayContaining([
        expect.objectContaining({ id: 'zoom', status: { connected: false, detail: 'Not signed in to Zoom.', canSignIn: true } }),
      ]),
    });
    const status = await h.signIn();
    expect(status).toEqual({ connected: true, account: 'moderator@kpu.example', canSignIn: true });

    const authorize = new URL(h.opened[0] ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${h.fake.origin}/oauth/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/zoom\/callback$/);
    expect(authorize.searchParams.get('state')?.length).toBeGreaterThan(20);
    const tokenCall = h.fake.requests.find((r) => r.path === '/oauth/token');
    expect(new URLSearchParams(tokenCall?.body).get('code_verifier')?.length).toBeGreaterThanOrEqual(43);
    expect(new URLSearchParams(tokenCall?.body).has('client_secret')).toBe(false);

    const stored = JSON.parse((await h.services.vault.get(TOKEN_KEY)) ?? '{}') as Record<string, unknown>;
    expect(stored).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), account: 'moderator@kpu.example' });
    const plain = JSON.stringify(await h.services.settings.get('zoom'));
    expect(plain).not.toContain(String(stored['accessToken']));
    expect(plain).not.toContain('fake-sdk-secret');
    const view = await h.host.commands.getProviderSettings({ providerId: 'zoom' });
    expect(view.secretsStored).toEqual(['sdkSecret']);
    expect(JSON.stringify(view)).not.toContain(String(stored['accessToken']));
  });

  it('refreshes an expired token once and retries; Zoom rotates the refresh token', async () => {
    const h = await setUp();
    await h.signIn();
    const before = JSON.parse((await h.services.vault.get(TOKEN_KEY)) ?? '{}') as { refreshToken: string };
    h.fake.expireAccessTokens();
    const meetings = await h.host.commands.listMeetings({ providerId: 'zoom' });
    expect(meetings.map((m) => [m.meetingId, m.status])).toEqual([
      ['81234567890', 'live'],
      ['89876543210', 'scheduled'],
    ]);
    const after = JSON.parse((await h.services.vault.get(TOKEN_KEY)) ?? '{}') as { refreshToken: string };
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(h.fake.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(2);
  });

  it('renews a token before it lapses instead of sending it about to expire', async () => {
    const h = await setUp();
    await h.signIn();
    h.scheduler.advance(3_599_000 - 30_000);
    await h.host.commands.listMeetings({ providerId: 'zoom' });
    const refreshes = h.fake.requests.filter((r) => r.path === '/oauth/token' && r.body.includes('grant_type=refresh_token'));
    expect(refreshes).toHaveLength(1);
    expect(h.fake.requests.some((r) => r.path.startsWith('/v2/') && r.authorization === undefined)).toBe(false);
  });

  it('signs out: revokes at Zoom and forgets the tokens, keeping the settings', async () => {
    const h = await setUp();
    await h.signIn();
    const { refreshToken } = JSON.parse((await h.services.vault.get(TOKEN_KEY)) ?? '{}') as { refreshToken: string };
    const result = await h.host.commands.signOut({ providerId: 'zoom' });
    expect(result).toMatchObject({ revocation: 'revoked', status: { connected: false, canSignIn: true } });
    expect(h.fake.revoked).toEqual([refreshToken]);
    expect(await h.services.vault.get(TOKEN_KEY)).toBeUndefined();
    expect(await h.services.vault.get(secretKey('zoom', 'sdkSecret'))).toBeDefined();
    await expect(h.host.commands.listMeetings({ providerId: 'zoom' })).rejects.toThrow(/Sign in to Zoom first/);
  });

  it('signs out when Zoom fails to revoke: the tokens are deleted here all the same, and the result says so with Zoom’s reason', async () => {
    const h = await setUp();
    await h.signIn();
    h.fake.inject(/^\/oauth\/revoke$/, 500, { reason: 'Internal error', error: 'server_error' });
    const result = await h.host.commands.signOut({ providerId: 'zoom' });
    expect(result).toMatchObject({ revocation: 'failed', reason: 'Zoom answered HTTP 500', status: { connected: false } });
    expect(h.fake.revoked).toEqual([]);
    expect(await h.services.vault.get(TOKEN_KEY)).toBeUndefined();
    await expect(h.host.commands.listMeetings({ providerId: 'zoom' })).rejects.toThrow(/Sign in to Zoom first/);
  });

  it('refuses non-https addresses except loopback, and what a signature mode lacks', async () => {
    const h = await setUp();
    const save = (values: Record<string, string>) => h.host.commands.saveProviderSettings({ providerId: 'zoom', values });
    await expect(
      save({ clientId: 'x', apiBaseUrl: 'http://api.zoom.example/v2', signatureEndpoint: 'https://sig.example' }),
    ).rejects.toThrow(/REST API address must be an https address/);
    await expect(save({ clientId: 'x', signatureMode: 'endpoint' })).rejects.toThrow(/Signature endpoint is required/);
    await expect(save({ clientId: 'x', signatureMode: 'local' })).rejects.toThrow(/SDK key is required/);
    await expect(save({ clientId: '', signatureEndpoint: 'https://sig.example' })).rejects.toThrow(/OAuth client ID is required/);
    const view = await save({ clientId: 'abc', signatureMode: 'endpoint', signatureEndpoint: 'https://sig.example/sign' });
    expect(view.values).toMatchObject({ clientId: 'abc', signatureEndpoint: 'https://sig.example/sign' });
    expect(view.secretsStored).toEqual(['sdkSecret']);
  });

  it('reports a sign-in the user refused as a clear error', async () => {
    const h = await setUp();
    (h.services as { openExternal: (url: string) => Promise<void> }).openExternal = async (url) => {
      const back = new URL(new URL(url).searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('state', new URL(url).searchParams.get('state') ?? '');
      await (await fetch(back)).text();
    };
    await expect(h.signIn()).rejects.toThrow(/Zoom sign-in failed: access_denied/);
    expect(await h.services.vault.get(TOKEN_KEY)).toBeUndefined();
  });
});
