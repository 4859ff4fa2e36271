import type { SettingsField } from '../../../shared/contract/providerSettings';

/** The real Webex endpoints (developer.webex.com: integrations and authorization). */
export const WEBEX_DEFAULTS = {
  apiBaseUrl: 'https://webexapis.com/v1',
  authorizationUrl: 'https://webexapis.com/v1/authorize',
  tokenUrl: 'https://webexapis.com/v1/access_token',
  /**
   * Least privilege for what Hostdeck does: list meetings, read and change participants, read and
   * change meeting controls. The spec names `meeting:participants_write`; the rest follow Webex's
   * "Meetings API scopes" naming and are configurable in case an org's integration differs.
   */
  scopes: 'meeting:schedules_read meeting:participants_read meeting:participants_write meeting:controls_read meeting:controls_write',
} as const;

/** Everything the provider needs to reach Webex, parsed from the settings store and the vault. */
export interface WebexConfig {
  clientId: string;
  /** Only for an org whose integration insists on one; never shipped with the app. */
  clientSecret: string | undefined;
  scopes: string;
  apiBaseUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** RFC 7009 endpoint; without one, signing out forgets the tokens locally only. */
  revocationUrl: string | undefined;
  /** Loopback port for the redirect; 0 picks a free one (RFC 8252 §7.3). */
  redirectPort: number;
}

const text = (en: string, id: string) => ({ en, id });

export const WEBEX_SETTINGS_FIELDS: readonly SettingsField[] = [
  {
    key: 'clientId',
    kind: 'text',
    required: true,
    label: text('Client ID', 'ID klien'),
    help: text(
      'From your Webex integration (developer.webex.com → My Webex Apps).',
      'Dari integrasi Webex Anda (developer.webex.com → My Webex Apps).',
    ),
  },
  {
    key: 'clientSecret',
    kind: 'secret',
    required: false,
    label: text('Client secret (only if your integration requires one)', 'Rahasia klien (hanya jika integrasi Anda mewajibkannya)'),
    help: text(
      'Leave empty: sign-in uses PKCE. Stored in the system keychain if set.',
      'Biarkan kosong: masuk memakai PKCE. Disimpan di gantungan kunci sistem jika diisi.',
    ),
  },
  {
    key: 'scopes',
    kind: 'text',
    required: false,
    label: text('Scopes', 'Cakupan izin'),
    placeholder: WEBEX_DEFAULTS.scopes,
  },
  { key: 'apiBaseUrl', kind: 'url', required: false, label: text('API address', 'Alamat API'), placeholder: WEBEX_DEFAULTS.apiBaseUrl },
  {
    key: 'authorizationUrl',
    kind: 'url',
    required: false,
    label: text('Authorization address', 'Alamat otorisasi'),
    placeholder: WEBEX_DEFAULTS.authorizationUrl,
  },
  { key: 'tokenUrl', kind: 'url', required: false, label: text('Token address', 'Alamat token'), placeholder: WEBEX_DEFAULTS.tokenUrl },
  {
    key: 'revocationUrl',
    kind: 'url',
    required: false,
    label: text('Token revocation address', 'Alamat pencabutan token'),
    help: text(
      'Optional (RFC 7009). Without it, signing out deletes the tokens from this computer only.',
      'Opsional (RFC 7009). Tanpa ini, keluar hanya menghapus token dari komputer ini.',
    ),
  },
  {
    key: 'redirectPort',
    kind: 'number',
    required: false,
    label: text('Sign-in redirect port', 'Port pengalihan masuk'),
    help: text(
      'Empty: any free port on 127.0.0.1. Set one if your integration lists an exact redirect URI.',
      'Kosong: port bebas mana pun di 127.0.0.1. Isi jika integrasi Anda mencantumkan URI pengalihan yang pasti.',
    ),
  },
];

/** Loopback hosts, where plain http cannot leave the machine (RFC 8252 §8.3). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Why `value` is not an acceptable endpoint (https, or http on loopback only), or undefined. */
export function endpointProblem(label: string, value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${label} is not a valid address.`;
  }
  if (url.username || url.password) return `${label} must not contain credentials.`;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return `${label} must use https (plain http is accepted only on this computer's loopback address).`;
}

const URL_KEYS = ['apiBaseUrl', 'authorizationUrl', 'tokenUrl', 'revocationUrl'] as const;

/** Problems with a settings form beyond what the generic checks see (URL policy, port range). */
export function settingsProblems(values: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const key of URL_KEYS) {
    const value = values[key]?.trim();
    if (!value) continue;
    const label = WEBEX_SETTINGS_FIELDS.find((f) => f.key === key)?.label.en ?? key;
    const problem = endpointProblem(label, value);
    if (problem) problems.push(problem);
  }
  const port = values.redirectPort?.trim();
  if (port && !(/^\d+$/.test(port) && Number(port) <= 65_535)) problems.push('Sign-in redirect port must be a number from 0 to 65535.');
  const scopes = values.scopes?.trim();
  if (scopes && !/^[\x21-\x7e]+( [\x21-\x7e]+)*$/.test(scopes)) problems.push('Scopes must be separated by single spaces.');
  return problems;
}

/** The configuration from stored settings, or the reason it is not usable yet. */
export function parseConfig(
  stored: Readonly<Record<string, string>>,
  clientSecret: string | undefined,
): { ok: true; config: WebexConfig } | { ok: false; problem: string } {
  const clientId = stored.clientId?.trim();
  if (!clientId) return { ok: false, problem: 'Set the client ID of your Webex integration in the settings.' };
  const problems = settingsProblems(stored);
  if (problems.length > 0) return { ok: false, problem: problems.join(' ') };
  const pick = (key: (typeof URL_KEYS)[number], fallback: string) => (stored[key]?.trim() || fallback).replace(/\/+$/, '');
  return {
    ok: true,
    config: {
      clientId,
      clientSecret: clientSecret || undefined,
      scopes: stored.scopes?.trim() || WEBEX_DEFAULTS.scopes,
      apiBaseUrl: pick('apiBaseUrl', WEBEX_DEFAULTS.apiBaseUrl),
      authorizationUrl: pick('authorizationUrl', WEBEX_DEFAULTS.authorizationUrl),
      tokenUrl: pick('tokenUrl', WEBEX_DEFAULTS.tokenUrl),
      revocationUrl: stored.revocationUrl?.trim() || undefined,
      redirectPort: Number(stored.redirectPort?.trim() || '0'),
    },
  };
}
