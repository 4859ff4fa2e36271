import type { Revocation } from '../../../shared/contract/providerSettings';
import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { ProviderError, type ProviderServices } from '../../host/provider';
import { isLoopbackHost, type WebexConfig } from './config';
import { startLoopbackReceiver } from './loopback';

/** Vault key of the token set. Not a settings field, so the settings screen never learns of it. */
export const TOKENS_KEY = 'webex:tokens';
/** Renew this long before the access token expires, so no call goes out with a dying token. */
const REFRESH_MARGIN_MS = 60_000;
const SIGN_IN_TIMEOUT_MS = 5 * 60_000;
const TOKEN_CALL_TIMEOUT_MS = 15_000;

const StoredTokens = z.object({
  accessToken: z.string().min(1).max(20_000),
  refreshToken: z.string().min(1).max(20_000).optional(),
  expiresAt: z.number(),
  refreshExpiresAt: z.number().optional(),
  scope: z.string().max(2000).optional(),
});
type StoredTokens = z.infer<typeof StoredTokens>;

/**
 * OAuth 2.0 for a native app (RFC 8252): authorization code with PKCE (RFC 7636, S256) and `state`,
 * in the system browser, redirected to a loopback listener. oauth4webapi does the protocol work
 * (request building, response validation); this class owns the flow and where tokens live: only
 * in the host's credential vault (encrypted by the OS keychain in the desktop app, memory only in
 * browser mode). Tokens never appear in errors, logs or anything sent to the renderer.
 */
export class WebexAuth {
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly services: ProviderServices,
    private readonly loadConfig: () => Promise<WebexConfig>,
  ) {}

  async isSignedIn(): Promise<boolean> {
    return (await this.read()) !== undefined;
  }

  async signIn(): Promise<void> {
    const config = await this.loadConfig();
    const { as, client, auth, options } = this.endpoints(config);
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const receiver = await startLoopbackReceiver(config.redirectPort, state);
    let cancelTimeout = (): void => undefined;
    try {
      const url = new URL(config.authorizationUrl);
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('redirect_uri', receiver.redirectUri);
      url.searchParams.set('scope', config.scopes);
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
      url.searchParams.set('code_challenge_method', 'S256');
      const timedOut = new Promise<never>((_, reject) => {
        cancelTimeout = this.services.scheduler.setTimeout(
          () => reject(new ProviderError('Sign-in was not completed within 5 minutes.', { kind: 'auth', retryable: false })),
          SIGN_IN_TIMEOUT_MS,
        );
      });
      await this.services.openExternal(url.href);
      const callback = await Promise.race([receiver.callback, timedOut]);
      const params = oauth.validateAuthResponse(as, client, callback, state);
      const response = await oauth.authorizationCodeGrantRequest(as, client, auth, params, receiver.redirectUri, verifier, options());
      await this.store(await oauth.processAuthorizationCodeResponse(as, client, response));
    } catch (error) {
      throw asAuthError(error, 'Webex sign-in failed');
    } finally {
      cancelTimeout();
      receiver.close();
    }
  }

  /** A usable access token, renewed first when it is about to expire. */
  async accessToken(): Promise<string> {
    const tokens = await this.read();
    if (!tokens) throw new ProviderError('Not signed in to Webex: sign in from the settings.', { kind: 'auth', retryable: false });
    if (tokens.expiresAt - this.services.scheduler.now() > REFRESH_MARGIN_MS) return tokens.accessToken;
    await this.refresh();
    const renewed = await this.read();
    if (!renewed) throw new ProviderError('The Webex sign-in expired: sign in again.', { kind: 'auth', retryable: false });
    return renewed.accessToken;
  }

  /** Renews the access token with the refresh token; concurrent callers share one request. */
  refresh(): Promise<void> {
    this.refreshing ??= this.renew().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /**
   * Forgets the tokens here first (whatever happens next), then revokes both at the server where a
   * revocation endpoint (RFC 7009) is configured: Webex documents none for integrations.
   */
  async signOut(): Promise<Revocation> {
    const tokens = await this.read();
    await this.services.vault.delete(TOKENS_KEY);
    if (!tokens) return { revocation: 'notOffered', reason: 'No Webex sign-in was stored.' };
    const config = await this.loadConfig().catch(() => undefined);
    if (!config?.revocationUrl) {
      return { revocation: 'notOffered', reason: 'Webex documents no revocation endpoint for integrations; none is configured.' };
    }
    const { as, client, auth, options } = this.endpoints(config);
    const failures: string[] = [];
    // Both tokens, each on its own: a refused refresh-token revocation must not skip the access token.
    for (const [name, token] of [
      ['refresh token', tokens.refreshToken],
      ['access token', tokens.accessToken],
    ] as const) {
      if (!token) continue;
      try {
        await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, token, options()));
      } catch (error) {
        const answer = error instanceof oauth.OperationProcessingError && error.cause instanceof Response ? error.cause : undefined;
        failures.push(`${name}: ${answer ? `the server answered HTTP ${answer.status}` : asAuthError(error, 'not revoked').message}`);
      }
    }
    return failures.length === 0 ? { revocation: 'revoked' } : { revocation: 'failed', reason: failures.join('; ').slice(0, 500) };
  }

  private async renew(): Promise<void> {
    const tokens = await this.read();
    const now = this.services.scheduler.now();
    if (!tokens?.refreshToken || (tokens.refreshExpiresAt !== undefined && tokens.refreshExpiresAt <= now)) {
      await this.services.vault.delete(TOKENS_KEY);
      throw new ProviderError('The Webex sign-in expired: sign in again.', { kind: 'auth', retryable: false });
    }
    const config = await this.loadConfig();
    const { as, client, auth, options } = this.endpoints(config);
    try {
      const response = await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refreshToken, options());
      await this.store(await oauth.processRefreshTokenResponse(as, client, response), tokens);
    } catch (error) {
      // A refused grant means the refresh token is dead: forget it so the status says "sign in".
      if (error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant') await this.services.vault.delete(TOKENS_KEY);
      throw asAuthError(error, 'Renewing the Webex sign-in failed');
    }
  }

  private endpoints(config: WebexConfig) {
    const token = new URL(config.tokenUrl);
    const as: oauth.AuthorizationServer = {
      issuer: token.origin,
      authorization_endpoint: config.authorizationUrl,
      token_endpoint: config.tokenUrl,
      ...(config.revocationUrl ? { revocation_endpoint: config.revocationUrl } : {}),
    };
    const client: oauth.Client = { client_id: config.clientId };
    const auth = config.clientSecret ? oauth.ClientSecretPost(config.clientSecret) : oauth.None();
    // Plain http only ever reaches a loopback server (the test fake); config.ts refuses it elsewhere.
    const insecure = isLoopbackHost(token.hostname) && token.protocol === 'http:';
    const options = () => ({ [oauth.allowInsecureRequests]: insecure, signal: AbortSignal.timeout(TOKEN_CALL_TIMEOUT_MS) });
    return { as, client, auth, options };
  }

  private async store(response: oauth.TokenEndpointResponse, previous?: StoredTokens): Promise<void> {
    const now = this.services.scheduler.now();
    const refreshExpiresIn = response['refresh_token_expires_in'];
    const tokens: StoredTokens = {
      accessToken: response.access_token,
      // A refresh response may omit the refresh token: the old one stays valid then (RFC 6749 §6).
      refreshToken: response.refresh_token ?? previous?.refreshToken,
      expiresAt: now + (response.expires_in ?? 3600) * 1000,
      refreshExpiresAt: typeof refreshExpiresIn === 'number' ? now + refreshExpiresIn * 1000 : previous?.refreshExpiresAt,
      scope: response.scope,
    };
    await this.services.vault.set(TOKENS_KEY, JSON.stringify(StoredTokens.parse(tokens)));
  }

  private async read(): Promise<StoredTokens | undefined> {
    const raw = await this.services.vault.get(TOKENS_KEY);
    if (raw === undefined) return undefined;
    try {
      return StoredTokens.parse(JSON.parse(raw));
    } catch {
      await this.services.vault.delete(TOKENS_KEY);
      return undefined;
    }
  }
}

/** An OAuth failure as a ProviderError, with the server's error code but never a token. */
function asAuthError(error: unknown, prefix: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.AuthorizationResponseError) {
    const detail = error.error_description ? `${error.error}: ${error.error_description}` : error.error;
    return new ProviderError(`${prefix} (${detail.slice(0, 300)}).`, { kind: 'auth', retryable: false });
  }
  const network = error instanceof TypeError || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
  const message = error instanceof Error ? error.message.slice(0, 300) : 'unknown error';
  return new ProviderError(`${prefix}: ${message}`, { kind: network ? 'network' : 'auth', retryable: network });
}
