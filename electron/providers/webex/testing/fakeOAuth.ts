import { createHash, randomBytes } from 'node:crypto';

/** A reply the fake's HTTP layer sends as is. */
export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeOAuthOptions {
  clientId: string;
  /** When set, the token endpoint insists on it (an integration registered as confidential). */
  clientSecret?: string;
  accessTokenTtlS: number;
  refreshTokenTtlS: number;
  now: () => number;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  expiresAt: number;
  used: boolean;
}

const token = () => randomBytes(24).toString('base64url');
const isLoopbackCallback = (uri: URL) =>
  uri.protocol === 'http:' && (uri.hostname === '127.0.0.1' || uri.hostname === '[::1]') && uri.pathname === '/callback';
const oauthError = (status: number, error: string, description: string): FakeReply => ({
  status,
  headers: { 'Cache-Control': 'no-store' },
  body: { error, error_description: description },
});

/**
 * The fake's authorization server: authorization code with PKCE (S256 only) and a loopback
 * redirect on any port (RFC 8252 §7.3), refresh, and revocation (RFC 7009). It checks what a
 * strict server checks: client, exact redirect URI at redemption, single-use codes, the verifier.
 */
export class FakeOAuth {
  private readonly codes = new Map<string, PendingCode>();
  private readonly access = new Map<string, { expiresAt: number; revoked: boolean }>();
  private readonly refresh = new Map<string, { expiresAt: number; revoked: boolean }>();
  /** Every token request by grant type, for tests. */
  readonly grants: string[] = [];
  /** What the consent screen answers. */
  decision: 'approve' | 'deny' = 'approve';
  /** Set to answer revocations 503, as a server that is down would. */
  refuseRevocation = false;

  constructor(private readonly options: FakeOAuthOptions) {}

  /** Whether `bearer` is a live access token. */
  isValid(bearer: string | undefined): boolean {
    const entry = bearer ? this.access.get(bearer) : undefined;
    return entry !== undefined && !entry.revoked && entry.expiresAt > this.options.now();
  }

  /** Makes every access token expire now (refresh tokens stay valid). */
  expireAccessTokens(): void {
    for (const entry of this.access.values()) entry.expiresAt = 0;
  }

  revokeRefreshTokens(): void {
    for (const entry of this.refresh.values()) entry.revoked = true;
  }

  get revokedCount(): number {
    return [...this.access.values(), ...this.refresh.values()].filter((e) => e.revoked).length;
  }

  /** `GET /authorize`: the user approves at once (or denies, per `decision`). */
  authorize(query: URLSearchParams): FakeReply {
    const redirect = query.get('redirect_uri') ?? '';
    let redirectUri: URL;
    try {
      redirectUri = new URL(redirect);
    } catch {
      return { status: 400, body: { error: 'invalid_request', error_description: 'redirect_uri is not a URL' } };
    }
    // Errors about the client or the redirect are shown, never redirected (RFC 6749 §4.1.2.1).
    if (query.get('client_id') !== this.options.clientId) return oauthError(400, 'invalid_client', 'unknown client_id');
    if (!isLoopbackCallback(redirectUri)) return oauthError(400, 'invalid_request', 'redirect_uri is not registered');
    const state = query.get('state');
    const challenge = query.get('code_challenge') ?? '';
    const back = new URL(redirectUri);
    if (state) back.searchParams.set('state', state);
    if (query.get('response_type') !== 'code' || query.get('code_challenge_method') !== 'S256' || !/^[\w-]{43}$/.test(challenge)) {
      back.searchParams.set('error', 'invalid_request');
      return { status: 302, headers: { Location: back.href } };
    }
    if (this.decision === 'deny') {
      back.searchParams.set('error', 'access_denied');
      return { status: 302, headers: { Location: back.href } };
    }
    const code = token();
    this.codes.set(code, {
      clientId: this.options.clientId,
      redirectUri: redirect,
      challenge,
      scope: query.get('scope') ?? '',
      expiresAt: this.options.now() + 60_000,
      used: false,
    });
    back.searchParams.set('code', code);
    return { status: 302, headers: { Location: back.href } };
  }

  /** `POST /access_token` (form-encoded). */
  token(form: URLSearchParams): FakeReply {
    const grant = form.get('grant_type') ?? '';
    this.grants.push(grant);
    if (form.get('client_id') !== this.options.clientId) return oauthError(401, 'invalid_client', 'unknown client');
    if (this.options.clientSecret !== undefined && form.get('client_secret') !== this.options.clientSecret) {
      return oauthError(401, 'invalid_client', 'client authentication failed');
    }
    if (grant === 'authorization_code') return this.redeem(form);
    if (grant === 'refresh_token') {
      const entry = this.refresh.get(form.get('refresh_token') ?? '');
      if (!entry || entry.revoked || entry.expiresAt <= this.options.now())
        return oauthError(400, 'invalid_grant', 'refresh token is not valid');
      return this.issue(form.get('refresh_token') ?? '', '');
    }
    return oauthError(400, 'unsupported_grant_type', grant);
  }

  /** `POST /revoke` (RFC 7009): 200 whether or not the token was known (unless told to refuse). */
  revoke(form: URLSearchParams): FakeReply {
    if (form.get('client_id') !== this.options.clientId) return oauthError(401, 'invalid_client', 'unknown client');
    if (this.refuseRevocation) return oauthError(503, 'temporarily_unavailable', 'revocation is unavailable');
    const value = form.get('token') ?? '';
    const entry = this.access.get(value) ?? this.refresh.get(value);
    if (entry) entry.revoked = true;
    return { status: 200 };
  }

  private redeem(form: URLSearchParams): FakeReply {
    const code = this.codes.get(form.get('code') ?? '');
    if (!code || code.used || code.expiresAt <= this.options.now()) return oauthError(400, 'invalid_grant', 'code is not valid');
    code.used = true;
    if (form.get('redirect_uri') !== code.redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
      return oauthError(400, 'invalid_grant', 'code_verifier does not match the challenge');
    }
    const refreshToken = token();
    this.refresh.set(refreshToken, { expiresAt: this.options.now() + this.options.refreshTokenTtlS * 1000, revoked: false });
    return this.issue(refreshToken, code.scope);
  }

  /** Webex answers a refresh with a new access token and the same refresh token. */
  private issue(refreshToken: string, scope: string): FakeReply {
    const accessToken = token();
    this.access.set(accessToken, { expiresAt: this.options.now() + this.options.accessTokenTtlS * 1000, revoked: false });
    const refreshEntry = this.refresh.get(refreshToken);
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      body: {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: this.options.accessTokenTtlS,
        refresh_token: refreshToken,
        refresh_token_expires_in: Math.round(((refreshEntry?.expiresAt ?? 0) - this.options.now()) / 1000),
        ...(scope ? { scope } : {}),
      },
    };
  }
}
