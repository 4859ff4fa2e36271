import { describe, expect, it } from 'vitest';
import { isOpenable } from './openExternal';

describe('browser mode: addresses opened in the system browser', () => {
  it('opens https anywhere and plain http only on this computer', () => {
    expect(isOpenable('https://zoom.us/oauth/authorize?x=1')).toBe(true);
    expect(isOpenable('http://127.0.0.1:4010/oauth/authorize')).toBe(true);
    expect(isOpenable('http://localhost/oauth/authorize')).toBe(true);
    expect(isOpenable('http://zoom.us/oauth/authorize')).toBe(false);
    expect(isOpenable('http://127.0.0.1.evil.example/')).toBe(false);
    expect(isOpenable('file:///etc/passwd')).toBe(false);
    expect(isOpenable('javascript:alert(1)')).toBe(false);
  });
});
