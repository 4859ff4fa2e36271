import type { NetworkInterfaceInfo } from 'node:os';

/**
 * Where browser mode may listen, and which names a request may use to reach it. Loopback is the
 * default and needs nothing; any other address needs `--allow-remote` and earns a warning, because
 * whoever has the URL controls the meeting and plain HTTP is readable on the network.
 */

export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

export function isLoopback(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '');
  return a === 'localhost' || a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

export function isWildcard(address: string): boolean {
  return WILDCARDS.has(address);
}

export type BindDecision = { ok: false; message: string } | { ok: true; warning?: string };

export function decideBind(address: string, allowRemote: boolean): BindDecision {
  if (isLoopback(address)) return { ok: true };
  if (!allowRemote) {
    return {
      ok: false,
      message: `Refusing to bind ${address}: browser mode listens on loopback only unless you pass --allow-remote.`,
    };
  }
  const where = isWildcard(address) ? 'every network interface of this machine' : address;
  return {
    ok: true,
    warning: `WARNING: Hostdeck is reachable from other machines on ${where}. Anyone with the URL and token can control your meeting; traffic is not encrypted.`,
  };
}

const bracket = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/**
 * Host names (without port) a request may carry. Loopback names always; the bound address; and,
 * for a wildcard bind, every address of this machine's interfaces and its host name, so a browser on
 * another machine can use the LAN address. Anything else is refused (against DNS rebinding).
 */
export function allowedHostNames(bindAddress: string, interfaces: Interfaces, hostname: string): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (isWildcard(bindAddress)) {
    for (const list of Object.values(interfaces)) for (const i of list ?? []) names.add(bracket(i.address.toLowerCase()));
    if (hostname) names.add(hostname.toLowerCase());
  } else {
    names.add(bracket(bindAddress.toLowerCase()));
  }
  return names;
}

/** The address printed in the URL: for a wildcard bind, the first outside IPv4 address (loopback if there is none). */
export function shownHost(bindAddress: string, interfaces: Interfaces): string {
  if (!isWildcard(bindAddress)) return bracket(bindAddress);
  for (const list of Object.values(interfaces)) for (const i of list ?? []) if (!i.internal && i.family === 'IPv4') return i.address;
  return '127.0.0.1';
}
