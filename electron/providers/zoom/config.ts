import { z } from 'zod';
import type { SettingsField } from '../../../shared/contract/providerSettings';
import { HostdeckError } from '../../../shared/contract/reply';
import { secretKey, writeSettings } from '../../host/settings/providerSettings';
import type { Provider, ProviderServices } from '../../host/provider';

/** Zoom's own addresses: the defaults when the settings leave them empty. */
export const ZOOM_API_BASE = 'https://api.zoom.us/v2';
export const ZOOM_OAUTH_BASE = 'https://zoom.us';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Tokens and secrets may only travel over https. Plain http is accepted for loopback only (a
 * local test server or development proxy), where nothing crosses a network.
 */
export function checkSecureUrl(value: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HostdeckError('invalidInput', `${label} is not a valid address.`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  throw new HostdeckError('invalidInput', `${label} must be an https address (plain http only on this computer: 127.0.0.1 or localhost).`);
}

export const isLoopback = (url: URL): boolean => LOOPBACK_HOSTS.has(url.hostname);

const text = (en: string, id: string) => ({ en, id });

/** The settings screen, declared: the host renders it and stores plain values and secrets apart. */
export const ZOOM_SETTINGS_FIELDS: readonly SettingsField[] = [
  {
    key: 'clientId',
    kind: 'text',
    label: text('OAuth client ID', 'Client ID OAuth'),
    help: text(
      'Client ID of your organization’s Zoom OAuth app (user-managed, PKCE, no secret). Redirect URL: http://127.0.0.1/zoom/callback.',
      'Client ID aplikasi OAuth Zoom organisasi Anda (user-managed, PKCE, tanpa secret). URL redirect: http://127.0.0.1/zoom/callback.',
    ),
    required: true,
  },
  {
    key: 'plan',
    kind: 'select',
    label: text('Zoom account plan', 'Paket akun Zoom'),
    help: text(
      'Sets how many API calls per second Hostdeck allows itself (Zoom’s limits are per account and shared by all apps).',
      'Menentukan berapa panggilan API per detik yang dipakai Hostdeck (batas Zoom berlaku per akun, dibagi semua aplikasi).',
    ),
    required: false,
    options: [
      { value: 'free', label: text('Free', 'Gratis') },
      { value: 'pro', label: text('Pro', 'Pro') },
      { value: 'business', label: text('Business or higher', 'Business atau lebih tinggi') },
    ],
  },
  {
    key: 'signatureMode',
    kind: 'select',
    label: text('Meeting SDK signature', 'Tanda tangan Meeting SDK'),
    help: text(
      'Preferred: your organization’s signature endpoint, so the SDK secret never leaves your server. Local: the SDK key and secret are kept encrypted on this computer; anyone who can read this computer’s vault can sign joins for your SDK app.',
      'Disarankan: endpoint tanda tangan organisasi Anda, sehingga SDK secret tidak pernah meninggalkan server Anda. Lokal: SDK key dan secret disimpan terenkripsi di komputer ini; siapa pun yang dapat membaca brankas komputer ini dapat menandatangani join untuk aplikasi SDK Anda.',
    ),
    required: false,
    options: [
      { value: 'endpoint', label: text('Organization’s signature endpoint', 'Endpoint tanda tangan organisasi') },
      { value: 'local', label: text('SDK key and secret on this computer', 'SDK key dan secret di komputer ini') },
    ],
  },
  {
    key: 'signatureEndpoint',
    kind: 'url',
    label: text('Signature endpoint', 'Endpoint tanda tangan'),
    help: text(
      'https address that answers POST {meetingNumber, role} with {signature}.',
      'Alamat https yang menjawab POST {meetingNumber, role} dengan {signature}.',
    ),
    placeholder: 'https://zoom-signature.example.org/',
    required: false,
  },
  {
    key: 'signatureEndpointToken',
    kind: 'secret',
    label: text('Signature endpoint access token', 'Token akses endpoint tanda tangan'),
    help: text('Optional bearer token your endpoint requires.', 'Token bearer opsional yang diminta endpoint Anda.'),
    required: false,
  },
  {
    key: 'sdkKey',
    kind: 'text',
    label: text('Meeting SDK key (client ID)', 'Meeting SDK key (client ID)'),
    help: text('Only for local signing.', 'Hanya untuk penandatanganan lokal.'),
    required: false,
  },
  {
    key: 'sdkSecret',
    kind: 'secret',
    label: text('Meeting SDK secret', 'Meeting SDK secret'),
    help: text(
      'Only for local signing. Stored encrypted in this computer’s vault; prefer a signature endpoint.',
      'Hanya untuk penandatanganan lokal. Disimpan terenkripsi di brankas komputer ini; sebaiknya gunakan endpoint tanda tangan.',
    ),
    required: false,
  },
  {
    key: 'hostName',
    kind: 'text',
    label: text('Name in the meeting', 'Nama di rapat'),
    help: text('How Hostdeck’s host connection appears to participants.', 'Nama koneksi host Hostdeck yang terlihat oleh peserta.'),
    placeholder: 'Host',
    required: false,
  },
  {
    key: 'pollSeconds',
    kind: 'number',
    label: text('Roster polling interval (s)', 'Interval polling daftar peserta (detik)'),
    help: text(
      'Only without the meeting window (browser mode): how often the Dashboard API is read. It lags and needs a Business plan.',
      'Hanya tanpa jendela rapat (mode browser): seberapa sering Dashboard API dibaca. Datanya terlambat dan perlu paket Business.',
    ),
    placeholder: '15',
    required: false,
  },
  {
    key: 'apiBaseUrl',
    kind: 'url',
    label: text('REST API address', 'Alamat REST API'),
    placeholder: ZOOM_API_BASE,
    required: false,
  },
  {
    key: 'oauthBaseUrl',
    kind: 'url',
    label: text('OAuth address', 'Alamat OAuth'),
    placeholder: ZOOM_OAUTH_BASE,
    required: false,
  },
];

const Plain = z.object({
  clientId: z.string().max(200).default(''),
  plan: z.enum(['free', 'pro', 'business']).catch('pro'),
  signatureMode: z.enum(['endpoint', 'local']).catch('endpoint'),
  signatureEndpoint: z.string().max(2000).default(''),
  sdkKey: z.string().max(200).default(''),
  hostName: z.string().max(100).default(''),
  pollSeconds: z.coerce.number().min(5).max(300).catch(15),
  apiBaseUrl: z.string().max(2000).default(''),
  oauthBaseUrl: z.string().max(2000).default(''),
});

export type ZoomPlan = 'free' | 'pro' | 'business';

/** Settings as the provider uses them: defaults filled in, addresses checked. */
export interface ZoomConfig {
  clientId: string;
  plan: ZoomPlan;
  signatureMode: 'endpoint' | 'local';
  signatureEndpoint: URL | undefined;
  sdkKey: string;
  hostName: string;
  pollMs: number;
  apiBase: URL;
  oauthBase: URL;
}

function stripSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

/** Reads the stored settings; addresses that are not https (or loopback http) are refused. */
export async function loadConfig(services: ProviderServices): Promise<ZoomConfig> {
  const plain = Plain.parse(await services.settings.get('zoom'));
  return {
    clientId: plain.clientId.trim(),
    plan: plain.plan,
    signatureMode: plain.signatureMode,
    signatureEndpoint: plain.signatureEndpoint ? checkSecureUrl(plain.signatureEndpoint, 'Signature endpoint') : undefined,
    sdkKey: plain.sdkKey.trim(),
    hostName: plain.hostName.trim() || 'Host',
    pollMs: plain.pollSeconds * 1000,
    apiBase: checkSecureUrl(stripSlash(plain.apiBaseUrl.trim() || ZOOM_API_BASE), 'REST API address'),
    oauthBase: checkSecureUrl(stripSlash(plain.oauthBaseUrl.trim() || ZOOM_OAUTH_BASE), 'OAuth address'),
  };
}

/** Reads one stored secret field. */
export function readSecret(services: ProviderServices, field: 'sdkSecret' | 'signatureEndpointToken'): Promise<string | undefined> {
  return services.vault.get(secretKey('zoom', field));
}

/**
 * Saves the settings form: the generic checks, plus Zoom's own rules (https or loopback only, and
 * what each signature mode needs). Nothing is stored unless all of it holds.
 */
export async function saveZoomSettings(provider: Provider, services: ProviderServices, values: Readonly<Record<string, string>>) {
  const problems: string[] = [];
  for (const key of ['signatureEndpoint', 'apiBaseUrl', 'oauthBaseUrl'] as const) {
    const value = values[key]?.trim();
    if (!value) continue;
    try {
      checkSecureUrl(value, ZOOM_SETTINGS_FIELDS.find((f) => f.key === key)?.label.en ?? key);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const mode = values['signatureMode'] || 'endpoint';
  if (mode === 'endpoint' && !values['signatureEndpoint']?.trim()) {
    problems.push('Signature endpoint is required when signing through your organization’s endpoint.');
  }
  if (mode === 'local') {
    if (!values['sdkKey']?.trim()) problems.push('Meeting SDK key is required for local signing.');
    const hasSecret = values['sdkSecret'] || (await readSecret(services, 'sdkSecret'));
    if (!hasSecret) problems.push('Meeting SDK secret is required for local signing.');
  }
  if (problems.length > 0) throw new HostdeckError('invalidInput', problems.join(' '));
  await writeSettings(provider, services, values);
}
