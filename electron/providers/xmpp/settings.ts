import { z } from 'zod';
import type { SettingsField } from '../../../shared/contract/providerSettings';
import { describeIssues, HostdeckError } from '../../../shared/contract/reply';
import type { ProviderServices } from '../../host/provider';
import { secretKey } from '../../host/settings/providerSettings';

export const XMPP_PROVIDER_ID = 'xmpp';

const text = (en: string, id: string) => ({ en, id });

/**
 * The settings screen, declared: the host's generic screen renders it, plain values go to the
 * settings store and the two secrets to the credential vault.
 */
export const XMPP_SETTINGS_FIELDS: readonly SettingsField[] = [
  {
    key: 'server',
    kind: 'text',
    label: text('Server address', 'Alamat server'),
    help: text(
      'WebSocket (wss://…/xmpp-websocket, as Jitsi Meet uses) or direct XMPP (xmpps://host:5223, xmpp://host:5222 with STARTTLS).',
      'WebSocket (wss://…/xmpp-websocket, seperti Jitsi Meet) atau XMPP langsung (xmpps://host:5223, xmpp://host:5222 dengan STARTTLS).',
    ),
    placeholder: 'wss://meet.example.org/xmpp-websocket',
    required: true,
  },
  {
    key: 'domain',
    kind: 'text',
    label: text('Account domain', 'Domain akun'),
    help: text('The XMPP domain you sign in to, e.g. meet.example.org.', 'Domain XMPP tempat Anda masuk, mis. meet.example.org.'),
    placeholder: 'meet.example.org',
    required: true,
  },
  {
    key: 'mucDomain',
    kind: 'text',
    label: text('Conference domain', 'Domain konferensi'),
    help: text('Where the rooms live (Jitsi: conference.<domain>).', 'Tempat ruang berada (Jitsi: conference.<domain>).'),
    placeholder: 'conference.meet.example.org',
    required: true,
  },
  {
    key: 'guestDomain',
    kind: 'text',
    label: text('Guest domain', 'Domain tamu'),
    help: text(
      'Domain of anonymous guests (Jitsi: guest.<domain>). Guests get a new address every visit.',
      'Domain tamu anonim (Jitsi: guest.<domain>). Tamu mendapat alamat baru setiap kunjungan.',
    ),
    placeholder: 'guest.meet.example.org',
    required: false,
  },
  {
    key: 'room',
    kind: 'text',
    label: text('Room', 'Ruang'),
    help: text('The room name; Hostdeck creates it if it does not exist.', 'Nama ruang; Hostdeck membuatnya jika belum ada.'),
    placeholder: 'town-hall',
    required: true,
  },
  { key: 'nickname', kind: 'text', label: text('Your name in the room', 'Nama Anda di ruang'), placeholder: 'Moderator', required: false },
  {
    key: 'username',
    kind: 'text',
    label: text('Username', 'Nama pengguna'),
    help: text('Leave empty to sign in anonymously.', 'Kosongkan untuk masuk secara anonim.'),
    required: false,
  },
  { key: 'password', kind: 'secret', label: text('Password', 'Kata sandi'), required: false },
  {
    key: 'lockMode',
    kind: 'select',
    label: text('Lock with', 'Kunci dengan'),
    help: text(
      'A room password keeps everyone present; members-only also removes everyone who is not a member.',
      'Kata sandi ruang mempertahankan semua yang hadir; khusus anggota juga mengeluarkan yang bukan anggota.',
    ),
    required: false,
    options: [
      { value: 'password', label: text('Room password', 'Kata sandi ruang') },
      { value: 'membersOnly', label: text('Members only', 'Khusus anggota') },
    ],
  },
  {
    key: 'lockPassword',
    kind: 'secret',
    label: text('Room password when locked', 'Kata sandi ruang saat dikunci'),
    help: text(
      'Given to late guests you trust. Empty: a random password nobody knows.',
      'Diberikan ke tamu terlambat yang Anda percaya. Kosong: kata sandi acak.',
    ),
    required: false,
  },
  {
    key: 'guestBan',
    kind: 'select',
    label: text('Banning a guest', 'Memblokir tamu'),
    help: text(
      'A guest comes back with a new address, so banning one address rarely holds. Banning the guest domain removes every guest and refuses new ones.',
      'Tamu kembali dengan alamat baru, jadi blokir satu alamat jarang bertahan. Blokir domain tamu mengeluarkan semua tamu dan menolak tamu baru.',
    ),
    required: false,
    options: [
      { value: 'guestDomain', label: text('Ban every guest (the guest domain)', 'Blokir semua tamu (domain tamu)') },
      { value: 'account', label: text('Ban only that address', 'Blokir alamat itu saja') },
    ],
  },
];

const Domain = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, 'must be a domain name such as meet.example.org');

/** A room's local part: XEP-0106 forbids these characters unescaped. */
const RoomName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\s"&'/:<>@]+$/, 'must not contain spaces or " & \' / : < > @');

const Server = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    try {
      return ['ws:', 'wss:', 'xmpp:', 'xmpps:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must start with wss://, ws://, xmpps:// or xmpp://');

/** The plain settings, as stored (empty strings for unset optional fields). */
export const XmppPlainSettings = z.object({
  server: Server,
  domain: Domain,
  mucDomain: Domain,
  guestDomain: z.union([z.literal(''), Domain]).default(''),
  room: RoomName,
  nickname: z.string().trim().max(100).default(''),
  username: z
    .string()
    .trim()
    .max(200)
    .regex(/^[^\s"&'/:<>@]*$/, 'must be the part before the @, without spaces')
    .default(''),
  lockMode: z.union([z.literal(''), z.enum(['password', 'membersOnly'])]).default(''),
  guestBan: z.union([z.literal(''), z.enum(['guestDomain', 'account'])]).default(''),
});

/** Everything the provider needs to connect and moderate, secrets included. Never logged. */
export interface XmppConfig {
  server: string;
  domain: string;
  mucDomain: string;
  guestDomain: string | undefined;
  room: string;
  nickname: string;
  username: string | undefined;
  password: string | undefined;
  lockMode: 'password' | 'membersOnly';
  lockPassword: string | undefined;
  guestBan: 'guestDomain' | 'account';
}

/** Why the stored settings cannot be used, or the configuration. */
export async function loadConfig(services: ProviderServices): Promise<{ ok: true; config: XmppConfig } | { ok: false; problem: string }> {
  const stored = await services.settings.get(XMPP_PROVIDER_ID);
  if (!stored['server']) return { ok: false, problem: 'Set the server address, domains and room in the XMPP settings.' };
  const parsed = XmppPlainSettings.safeParse(stored);
  if (!parsed.success) return { ok: false, problem: `The XMPP settings are not valid: ${describeIssues(parsed.error)}` };
  const plain = parsed.data;
  const password = await services.vault.get(secretKey(XMPP_PROVIDER_ID, 'password'));
  const lockPassword = await services.vault.get(secretKey(XMPP_PROVIDER_ID, 'lockPassword'));
  if (plain.username && !password) return { ok: false, problem: `Enter the password for ${plain.username}@${plain.domain}.` };
  return {
    ok: true,
    config: {
      server: plain.server,
      domain: plain.domain.toLowerCase(),
      mucDomain: plain.mucDomain.toLowerCase(),
      guestDomain: plain.guestDomain ? plain.guestDomain.toLowerCase() : undefined,
      room: plain.room,
      nickname: plain.nickname || 'Moderator',
      username: plain.username || undefined,
      password: plain.username ? password : undefined,
      lockMode: plain.lockMode || 'password',
      lockPassword: lockPassword || undefined,
      guestBan: plain.guestBan || 'guestDomain',
    },
  };
}

/** Checks the plain values of a settings form beyond what the generic screen checks. */
export function validatePlainSettings(values: Readonly<Record<string, string>>): void {
  const plain = Object.fromEntries(XMPP_SETTINGS_FIELDS.filter((f) => f.kind !== 'secret').map((f) => [f.key, values[f.key] ?? '']));
  const parsed = XmppPlainSettings.safeParse(plain);
  if (!parsed.success) throw new HostdeckError('invalidInput', `The XMPP settings are not valid: ${describeIssues(parsed.error)}`);
}

/** The account the settings describe, for the status line: never the password. */
export function describeAccount(config: XmppConfig): string {
  const who = config.username ? `${config.username}@${config.domain}` : `anonymous on ${config.domain}`;
  return `${who} via ${new URL(config.server).host}`;
}
