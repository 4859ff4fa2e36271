import { describe, expect, it } from 'vitest';
import { listenForRedirect } from './loopback';

describe('OAuth loopback redirect listener', () => {
  it('listens on 127.0.0.1 for one callback only, refuses other paths, then closes', async () => {
    const redirect = await listenForRedirect(10_000);
    expect(redirect.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/zoom\/callback$/);
    const origin = new URL(redirect.redirectUri).origin;
    expect((await fetch(`${origin}/other?code=x`)).status).toBe(404);
    const page = await fetch(`${redirect.redirectUri}?code=abc&state=s1`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await page.text()).toMatch(/close this tab/);
    const callback = await redirect.callback;
    expect(callback.searchParams.get('code')).toBe('abc');
    await expect(fetch(`${redirect.redirectUri}?code=again`)).rejects.toThrow();
  });

  it('gives up when the browser never comes back', async () => {
    const redirect = await listenForRedirect(50);
    await expect(redirect.callback).rejects.toThrow(/No answer from the Zoom sign-in page/);
  });
});
