import type { z } from 'zod';
import { describeIssues } from '../../../shared/contract/reply';
import type { Clock } from '../../../shared/util/time';
import { ProviderError } from '../../host/provider';
import { WebexErrorBody } from './schemas';

/** Where the client gets its bearer token, and how it renews one after a 401. */
export interface TokenSource {
  accessToken(): Promise<string>;
  refresh(): Promise<void>;
}

export interface WebexApiOptions {
  baseUrl: string;
  tokens: TokenSource;
  clock: Clock;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  query?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

/** Longest list Hostdeck reads page by page before it stops and says so. */
const MAX_PAGES = 100;
/** When Webex answers 429 without saying how long to wait (the spec says it "should"). */
const DEFAULT_RETRY_AFTER_MS = 5_000;

/**
 * The Webex REST client: bearer token, one renewal and one retry on 401, every body parsed with
 * zod, errors mapped to ProviderError with the platform's reason, and 429's `Retry-After` both
 * reported and remembered, so no call of this session goes out before Webex said it may. A 503's
 * `Retry-After` is reported with the error (the executor and the poller honour it).
 */
export class WebexApi {
  private readonly base: URL;
  private pausedUntil = 0;

  constructor(private readonly options: WebexApiOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  }

  /** Milliseconds until Webex allows calls again after a 429 (0 when it does now). */
  get rateLimitedForMs(): number {
    return Math.max(0, this.pausedUntil - this.options.clock.now());
  }

  async get<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
    return (await this.send('GET', this.url(path, options.query), schema, options)).data;
  }

  async put<T>(path: string, schema: z.ZodType<T>, options: RequestOptions): Promise<T> {
    return (await this.send('PUT', this.url(path, options.query), schema, options)).data;
  }

  /** A call answered 204 No Content. */
  async post(path: string, options: RequestOptions): Promise<void> {
    await this.send('POST', this.url(path, options.query), null, options);
  }

  /** Every item of a paged list, following `Link: <…>; rel="next"` (RFC 8288, as Webex pages). */
  async list<T>(path: string, schema: z.ZodType<{ items: T[] }>, options: RequestOptions = {}): Promise<T[]> {
    const items: T[] = [];
    let next: URL | undefined = this.url(path, options.query);
    for (let page = 0; next; page++) {
      if (page >= MAX_PAGES) throw new ProviderError(`Webex returned more than ${MAX_PAGES} pages; stopped reading.`, { kind: 'invalid' });
      const result: { data: { items: T[] }; link: string | undefined } = await this.send('GET', next, schema, options);
      const { data, link } = result;
      items.push(...data.items);
      next = link ? this.sameApi(link) : undefined;
    }
    return items;
  }

  private url(path: string, query: Record<string, string> = {}): URL {
    const url = new URL(path.replace(/^\//, ''), this.base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  /** A next-page link must stay on this API: the bearer token is never sent anywhere else. */
  private sameApi(href: string): URL {
    const url = new URL(href, this.base);
    if (url.origin !== this.base.origin || !url.pathname.startsWith(this.base.pathname)) {
      throw new ProviderError('Webex sent a next-page link outside its API address; it was not followed.', { kind: 'invalid' });
    }
    return url;
  }

  private async send<T>(
    method: string,
    url: URL,
    schema: z.ZodType<T> | null,
    options: RequestOptions,
    renewed = false,
  ): Promise<{ data: T; link: string | undefined }> {
    const wait = this.rateLimitedForMs;
    if (wait > 0) throw new ProviderError('Webex asked to slow down.', { kind: 'rateLimited', retryAfterMs: wait, status: 429 });
    const response = await this.fetch(method, url, options);
    if (response.status === 401 && !renewed) {
      await response.body?.cancel();
      await this.options.tokens.refresh();
      return this.send(method, url, schema, options, true);
    }
    if (!response.ok) throw await this.failure(response);
    const link = nextLink(response.headers.get('link'));
    if (schema === null || response.status === 204) {
      await response.body?.cancel();
      return { data: undefined as T, link };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ProviderError(`Webex answered ${method} ${url.pathname} with a body that is not JSON.`, { kind: 'invalid' });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ProviderError(`Webex answered ${method} ${url.pathname} with data Hostdeck cannot read: ${describeIssues(parsed.error)}`, {
        kind: 'invalid',
      });
    }
    return { data: parsed.data, link };
  }

  private async fetch(method: string, url: URL, options: RequestOptions): Promise<Response> {
    const token = await this.options.tokens.accessToken();
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      return await (this.options.fetch ?? fetch)(url, {
        method,
        signal,
        redirect: 'error',
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw new ProviderError('Cancelled.', { kind: 'cancelled', retryable: false });
      if (timeout.aborted) throw new ProviderError(`Webex did not answer within ${this.options.timeoutMs / 1000} s.`, { kind: 'network' });
      throw new ProviderError(`Webex could not be reached: ${(error as Error).message.slice(0, 200)}`, { kind: 'network' });
    }
  }

  private async failure(response: Response): Promise<ProviderError> {
    let reason = '';
    try {
      const body = WebexErrorBody.safeParse(await response.json());
      if (body.success) reason = body.data.errors?.find((e) => e.description)?.description ?? body.data.message ?? '';
    } catch {
      // no readable body: the status says enough
    }
    const status = response.status;
    const suffix = reason ? `: ${reason.slice(0, 300)}` : '';
    if (status === 429 || status === 423) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.options.clock.now()) ?? DEFAULT_RETRY_AFTER_MS;
      this.pausedUntil = Math.max(this.pausedUntil, this.options.clock.now() + retryAfterMs);
      return new ProviderError(`Webex asked to slow down (${status})${suffix}`, { kind: 'rateLimited', retryAfterMs, status });
    }
    if (status === 503) {
      // Webex is down for a while and may say for how long. Only this call is refused: other
      // endpoints may still answer, so nothing else is held back; the executor decides whether to wait.
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.options.clock.now());
      const when = retryAfterMs !== undefined ? ` (Webex asks to try again in ${Math.ceil(retryAfterMs / 1000)} s)` : '';
      return new ProviderError(`Webex is unavailable (503)${suffix}${when}`, {
        status,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    if (status === 401) return new ProviderError(`Webex refused the sign-in (401)${suffix}`, { status });
    if (status === 403) return new ProviderError(`Webex refused: only the host or a co-host may do this (403)${suffix}`, { status });
    return new ProviderError(`Webex answered ${status}${suffix}`, { status });
  }
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The `rel="next"` target of a Link header, if there is one. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*(.*)$/.exec(part);
    if (match && /(^|;)\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}
