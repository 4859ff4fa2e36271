import { describe, expect, it } from 'vitest';
import { allowedHostNames, decideBind, isLoopback, shownHost, type Interfaces } from './bindPolicy';

const machine: Interfaces = {
  lo: [
    { address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '00:00:00:00:00:00', cidr: '127.0.0.1/8' },
    {
      address: '::1',
      family: 'IPv6',
      internal: true,
      netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      mac: '00:00:00:00:00:00',
      cidr: '::1/128',
      scopeid: 0,
    },
  ],
  eth0: [
    {
      address: 'fe80::1',
      family: 'IPv6',
      internal: false,
      netmask: 'ffff:ffff:ffff:ffff::',
      mac: '02:00:00:00:00:01',
      cidr: 'fe80::1/64',
      scopeid: 2,
    },
    { address: '10.1.2.3', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '02:00:00:00:00:01', cidr: '10.1.2.3/24' },
  ],
};

describe('where browser mode may listen', () => {
  it('binds any loopback address without a flag or a warning', () => {
    for (const a of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) {
      expect(isLoopback(a)).toBe(true);
      expect(decideBind(a, false)).toEqual({ ok: true });
    }
  });

  it('refuses every other address without --allow-remote, and warns with it', () => {
    for (const a of ['0.0.0.0', '::', '10.1.2.3', '128.0.0.1']) {
      expect(isLoopback(a)).toBe(false);
      const refused = decideBind(a, false);
      expect(refused).toMatchObject({ ok: false });
      expect(refused.ok === false && refused.message).toContain('--allow-remote');
      const allowed = decideBind(a, true);
      expect(allowed).toMatchObject({ ok: true, warning: expect.stringContaining('not encrypted') });
    }
    expect(decideBind('0.0.0.0', true)).toMatchObject({ warning: expect.stringContaining('every network interface') });
  });

  it('on a wildcard bind, accepts the machine’s own addresses and name as Host, nothing else', () => {
    const names = allowedHostNames('0.0.0.0', machine, 'Moderator-PC');
    expect([...names].sort()).toEqual(['10.1.2.3', '127.0.0.1', '[::1]', '[fe80::1]', 'localhost', 'moderator-pc'].sort());
    expect(names.has('evil.example')).toBe(false);
    expect(shownHost('0.0.0.0', machine)).toBe('10.1.2.3');
    expect(shownHost('::', { lo: machine['lo'] })).toBe('127.0.0.1');
  });

  it('on a single-address bind, accepts loopback names and that address only', () => {
    expect([...allowedHostNames('10.1.2.3', machine, 'moderator-pc')].sort()).toEqual(
      ['10.1.2.3', '127.0.0.1', '[::1]', 'localhost'].sort(),
    );
    expect(allowedHostNames('fe80::1', machine, 'x').has('[fe80::1]')).toBe(true);
    expect(shownHost('fe80::1', machine)).toBe('[fe80::1]');
    expect(shownHost('127.0.0.1', machine)).toBe('127.0.0.1');
  });
});
