import { z } from 'zod';
import { Capabilities } from '../model/capability';
import { EpochMs, Id } from '../model/ids';
import { ProviderId } from '../model/meeting';
import { ProviderStatus } from './providerSettings';

/** The attached meeting session as the panel needs to know it. */
export const SessionInfo = z
  .object({
    sessionId: Id,
    providerId: ProviderId,
    providerName: z.string().max(100),
    meetingId: Id,
    title: z.string().max(500),
    attachedAt: EpochMs,
    capabilities: Capabilities,
    /** Where this session's incident log is written, so the moderator can find it afterwards. */
    logFile: z.string().max(4096),
  })
  .strict();
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ProviderInfo = z
  .object({
    id: ProviderId,
    name: z.string().max(100),
    status: ProviderStatus,
    /** Whether the provider has a settings screen. */
    hasSettings: z.boolean(),
  })
  .strict();
export type ProviderInfo = z.infer<typeof ProviderInfo>;

export const Overview = z
  .object({
    version: z.string().max(50),
    shell: z.enum(['electron', 'web']),
    providers: z.array(ProviderInfo),
    session: SessionInfo.nullable(),
  })
  .strict();
export type Overview = z.infer<typeof Overview>;

/** Attach to a meeting. `options` is provider-specific and parsed by that provider's schema. */
export const AttachRequest = z.object({ providerId: ProviderId, meetingId: Id, options: z.unknown().optional() }).strict();
export type AttachRequest = z.infer<typeof AttachRequest>;
