import { z } from 'zod';

/** Text in both UI languages, supplied by the provider that owns the field. */
export const LocalizedText = z.object({ en: z.string().max(500), id: z.string().max(500) }).strict();
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * One field of a provider's settings screen. `secret` fields go to the host's credential vault and
 * are never sent back: the screen only learns whether one is stored.
 */
export const SettingsField = z
  .object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,40}$/),
    kind: z.enum(['text', 'url', 'secret', 'select', 'boolean', 'number']),
    label: LocalizedText,
    help: LocalizedText.optional(),
    placeholder: z.string().max(200).optional(),
    required: z.boolean(),
    options: z
      .array(z.object({ value: z.string().max(100), label: LocalizedText }).strict())
      .max(20)
      .optional(),
  })
  .strict();
export type SettingsField = z.infer<typeof SettingsField>;

/** Whether a provider is ready to list and attach to meetings. */
export const ProviderStatus = z
  .object({
    connected: z.boolean(),
    /** The signed-in account or the configured server, when there is one. */
    account: z.string().max(300).optional(),
    /** One line on what is missing or wrong. */
    detail: z.string().max(500).optional(),
    /** Whether this provider signs in through the system browser. */
    canSignIn: z.boolean(),
  })
  .strict();
export type ProviderStatus = z.infer<typeof ProviderStatus>;

/**
 * What signing out did beyond deleting the tokens here (always done): whether the platform revoked
 * them (`revoked`), offers no way to (`notOffered`, they lapse on their own), or did not confirm it
 * (`failed`, with the reason), so the moderator can revoke access in the platform's own settings.
 */
export const Revocation = z
  .object({
    revocation: z.enum(['revoked', 'notOffered', 'failed']),
    reason: z.string().max(500).optional(),
  })
  .strict();
export type Revocation = z.infer<typeof Revocation>;

export const SignOutResult = Revocation.extend({ status: ProviderStatus }).strict();
export type SignOutResult = z.infer<typeof SignOutResult>;

/** Values as the settings screen shows them: plain values, and which secrets are stored. */
export const ProviderSettingsView = z
  .object({
    fields: z.array(SettingsField).max(40),
    values: z.record(z.string(), z.string().max(2000)),
    secretsStored: z.array(z.string().max(60)).max(40),
    status: ProviderStatus,
  })
  .strict();
export type ProviderSettingsView = z.infer<typeof ProviderSettingsView>;
