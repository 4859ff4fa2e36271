import { describe, expect, it } from 'vitest';
import { isOpenable } from './openExternal';

describe('browser mode opens only safe sign-in addresses', () => {
  it('opens https anywhere and plain http only on loopback', () => {
    expect(
      ['https://webexapis.com/v1/authorize', 'http://127.0.0.1:4010/v1/authorize', 'http://localhost:8/x', 'http://[::1]:9/x'].map(
        isOpenable,
      ),
    ).toEqual([true, true, true, true]);
    expect(
      ['http://webexapis.com/v1/authorize', 'http://127.0.0.1.example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url'].map(
        isOpenable,
      ),
    ).toEqual([false, false, false, false, false]);
  });
});
