import { SignJWT } from 'jose';
import { z } from 'zod';
import { describeIssues } from '../../../shared/contract/reply';
import type { Clock } from '../../../shared/util/time';
import { ProviderError } from '../../host/provider';
import type { ZoomConfig } from './config';

/** Role 1 in the SDK JWT: join as the meeting's host (with the host's ZAK). */
const HOST_ROLE = 1;
/** Lifetime of a locally signed join signature. Zoom accepts 30 min to 48 h. */
const SIGNATURE_LIFETIME_S = 2 * 3600;

/** What the signature endpoint answers (the shape of Zoom's meetingsdk-auth-endpoint sample). */
const EndpointAnswer = z.looseObject({ signature: z.string().min(20).max(4000) });

export interface SignatureSecrets {
  /** For local signing: the SDK secret from the vault. */
  sdkSecret?: string;
  /** For the endpoint: the bearer token it requires, if any. */
  endpointToken?: string;
}

/**
 * Signs the Meeting SDK join JWT locally (HS256 with the SDK secret), as Zoom documents it
 * (developers.zoom.us/docs/meeting-sdk/auth/): `appKey`, `sdkKey`, `mn`, `role`, `iat`, `exp`,
 * `tokenExp`. `iat` is set 30 s back so a slightly fast clock at Zoom does not reject it.
 */
export async function signLocally(sdkKey: string, sdkSecret: string, meetingNumber: string, clock: Clock): Promise<string> {
  const iat = Math.floor(clock.now() / 1000) - 30;
  const exp = iat + SIGNATURE_LIFETIME_S;
  return new SignJWT({ appKey: sdkKey, sdkKey, mn: meetingNumber, role: HOST_ROLE, tokenExp: exp })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(sdkSecret));
}

/** Asks the organization's endpoint to sign the join, so the SDK secret never leaves its server. */
export async function signThroughEndpoint(endpoint: URL, meetingNumber: string, token: string | undefined): Promise<string> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ meetingNumber, role: HOST_ROLE }),
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new ProviderError(`The signature endpoint could not be reached: ${(error as Error).message}.`, { kind: 'network' });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ProviderError(`The signature endpoint refused to sign (HTTP ${response.status}).`, { status: response.status });
  }
  const parsed = EndpointAnswer.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ProviderError(`The signature endpoint answered without a usable signature: ${describeIssues(parsed.error)}`, {
      kind: 'invalid',
      retryable: false,
    });
  }
  return parsed.data.signature;
}

/** The join signature, by the configured route. */
export async function joinSignature(config: ZoomConfig, meetingNumber: string, secrets: SignatureSecrets, clock: Clock): Promise<string> {
  if (config.signatureMode === 'local') {
    if (!config.sdkKey || !secrets.sdkSecret) {
      throw new ProviderError('Local signing needs the Meeting SDK key and secret in the Zoom settings.', {
        kind: 'invalid',
        retryable: false,
      });
    }
    return signLocally(config.sdkKey, secrets.sdkSecret, meetingNumber, clock);
  }
  if (!config.signatureEndpoint) {
    throw new ProviderError('No signature endpoint is set in the Zoom settings.', { kind: 'invalid', retryable: false });
  }
  return signThroughEndpoint(config.signatureEndpoint, meetingNumber, secrets.endpointToken);
}
