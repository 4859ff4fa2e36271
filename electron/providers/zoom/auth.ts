import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import type { Revocation } from '../../../shared/contract/providerSettings';
import { HostdeckError } from '../../../shared/contract/reply';
import { ProviderError, type ProviderServices } from '../../host/provider';
import { isLoopback, loadConfig, type ZoomConfig } from './config';
import { listenForRedirect } from './loopback';
import type { TokenSource } from './rest';

/** Vault key of the OAuth tokens. Never a settings field: the screen cannot read or overwrite it. */
export const TOKEN_KEY = 'zoom:oauthTokens';
/** How long the user has to finish signing in in the browser. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;
/** Renew a token this long before it expires, so no call leaves with a token about to lapse. */
const EARLY_REFRESH_MS = 60_000;

const StoredTokens = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  expiresAt: z.number(),
  account: z.string().max(300).optional(),
});
type StoredTokens = z.infer<typeof StoredTokens>;

/** Zoom's OAuth endpoints under the configured base (https://zoom.us by default). */
function authorizationServer(config: ZoomConfig): oauth.AuthorizationServer {
  const base = config.oauthBase.href.replace(/\/$/, '');
  return {
    issuer: base,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    revocation_endpoint: `${base}/oauth/revoke`,
  };
}

function describeOAuthError(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  if (error instanceof oauth.AuthorizationResponseError) {
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  // A status the endpoint should not answer with, and no OAuth error body: the status says most.
  if (error instanceof oauth.OperationProcessingError && error.cause instanceof Response) return `Zoom answered HTTP ${error.cause.status}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * User-level OAuth for a desktop app (RFC 8252): authorization code with PKCE (S256) and `state`,
 * in the system browser, redirected to a one-shot loopback listener; a public client, so no client
 * secret exists to leak. Tokens live only in the credential vault and are renewed before they
 * lapse; Zoom rotates the refresh token on every renewal, so each new one is stored at once.
 */
export class ZoomAuth implements TokenSource {
  private refreshing: Promise<string> | null = null;

  constructor(private readonly services: ProviderServices) {}

  async stored(): Promise<StoredTokens | undefined> {
    const raw = await this.services.vault.get(TOKEN_KEY);
    if (!raw) return undefined;
    try {
      return StoredTokens.parse(JSON.parse(raw));
    } catch {
      return undefined;
    }
  }

  async signIn(lookupAccount: (token: string) => Promise<string | undefined>): Promise<void> {
    const config = await loadConfig(this.services);
    if (!config.clientId) throw new HostdeckError('invalidInput', 'Enter the Zoom OAuth client ID in the Zoom settings first.');
    const as = authorizationServer(config);
    const client: oauth.Client = { client_id: config.clientId };
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const redirect = await listenForRedirect(SIGN_IN_TIMEOUT_MS);
    try {
      const url = new URL(as.authorization_endpoint as string);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('redirect_uri', redirect.redirectUri);
      url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
      url.searchParams.set('code_challenge_method', 'S256');
      url.searchParams.set('state', state);
      await this.services.openExternal(url.href);
      const callback = await redirect.callback;
      const params = oauth.validateAuthResponse(as, client, callback, state);
      const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirect.redirectUri, verifier, {
        [oauth.allowInsecureRequests]: isLoopback(config.oauthBase),
      });
      const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
      await this.store(tokens, undefined);
      const account = await lookupAccount(tokens.access_token).catch(() => undefined);
      if (account) await this.store(tokens, account);
    } catch (error) {
      if (error instanceof HostdeckError) throw error;
      throw new HostdeckError('providerError', `Zoom sign-in failed: ${describeOAuthError(error)}`);
    } finally {
      redirect.close();
    }
  }

  async accessToken(): Promise<string> {
    const tokens = await this.stored();
    if (!tokens)
      throw new ProviderError('Hostdeck is not signed in to Zoom: sign in from the Zoom settings.', { kind: 'auth', retryable: false });
    if (tokens.expiresAt - this.services.scheduler.now() > EARLY_REFRESH_MS) return tokens.accessToken;
    return this.refresh();
  }

  /** Renews the access token; concurrent callers share one renewal. */
  refresh(): Promise<string> {
    this.refreshing ??= this.renew().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Forgets the tokens here first (whatever happens next), then revokes them at Zoom (`/oauth/revoke`). */
  async signOut(): Promise<Revocation> {
    const tokens = await this.stored();
    await this.services.vault.delete(TOKEN_KEY);
    if (!tokens) return { revocation: 'notOffered', reason: 'No Zoom sign-in was stored.' };
    try {
      const config = await loadConfig(this.services);
      const as = authorizationServer(config);
      const client: oauth.Client = { client_id: config.clientId };
      const options = { [oauth.allowInsecureRequests]: isLoopback(config.oauthBase) };
      const response = await oauth.revocationRequest(as, client, oauth.None(), tokens.refreshToken ?? tokens.accessToken, options);
      await oauth.processRevocationResponse(response);
      return { revocation: 'revoked' };
    } catch (error) {
      // The tokens are already forgotten here; the moderator is told, to revoke in Zoom if it matters.
      return { revocation: 'failed', reason: describeOAuthError(error).slice(0, 500) };
    }
  }

  private async renew(): Promise<string> {
    const tokens = await this.stored();
    if (!tokens?.refreshToken) {
      throw new ProviderError('The Zoom sign-in has expired: sign in again from the Zoom settings.', { kind: 'auth', retryable: false });
    }
    const config = await loadConfig(this.services);
    const as = authorizationServer(config);
    const client: oauth.Client = { client_id: config.clientId };
    try {
      const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refreshToken, {
        [oauth.allowInsecureRequests]: isLoopback(config.oauthBase),
      });
      const renewed = await oauth.processRefreshTokenResponse(as, client, response);
      await this.store(renewed, tokens.account, tokens.refreshToken);
      return renewed.access_token;
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError && error.status >= 400 && error.status < 500) {
        throw new ProviderError(`The Zoom sign-in could not be renewed (${describeOAuthError(error)}): sign in again.`, {
          kind: 'auth',
          retryable: false,
        });
      }
      throw new ProviderError(`Zoom's sign-in service could not be reached: ${describeOAuthError(error)}`, { kind: 'network' });
    }
  }

  private async store(tokens: oauth.TokenEndpointResponse, account: string | undefined, previousRefresh?: string): Promise<void> {
    const refreshToken = tokens.refresh_token ?? previousRefresh;
    const record: StoredTokens = {
      accessToken: tokens.access_token,
      ...(refreshToken ? { refreshToken } : {}),
      expiresAt: this.services.scheduler.now() + (tokens.expires_in ?? 3600) * 1000,
      ...(account ? { account } : {}),
    };
    await this.services.vault.set(TOKEN_KEY, JSON.stringify(record));
  }
}
