import Bottleneck from 'bottleneck';
import type { z } from 'zod';
import { describeIssues } from '../../../shared/contract/reply';
import type { Clock } from '../../../shared/util/time';
import { ProviderError } from '../../host/provider';
import type { ZoomPlan } from './config';
import { ZoomErrorBody } from './schemas';

/** Zoom's rate-limit labels (developers.zoom.us/docs/api/rate-limits/). */
export type RateLabel = 'light' | 'medium' | 'heavy';

/**
 * Requests per second per label and plan, from Zoom's rate-limit page (per account, shared by every
 * app of the account, so Hostdeck stays at the documented figure, never above). Resource-intensive
 * endpoints are not used.
 */
export const RATE_PER_SECOND: Record<ZoomPlan, Record<RateLabel, number>> = {
  free: { light: 4, medium: 2, heavy: 1 },
  pro: { light: 30, medium: 20, heavy: 10 },
  business: { light: 80, medium: 60, heavy: 40 },
};

/** Where the bearer token comes from; `refresh` renews it after a 401. */
export interface TokenSource {
  accessToken(): Promise<string>;
  refresh(): Promise<string>;
}

export interface ZoomRestOptions {
  baseUrl: URL;
  plan: ZoomPlan;
  tokens: TokenSource;
  clock: Clock;
  /** One request's own time limit. */
  timeoutMs?: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How long a 429 or 503 asks us to wait: `Retry-After` in seconds or as a date (Zoom's daily limit). */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Zoom REST v2 over fetch. Every answer is parsed with its zod schema; failures become
 * ProviderErrors with Zoom's own code and message (401 → auth, 429 → rateLimited with the wait Zoom
 * asked for, 5xx → unavailable, with the wait when a 503 names one). Calls are spaced per rate-limit label by Bottleneck, and a 401 is
 * answered by one token refresh and one retry.
 */
export class ZoomRest {
  private readonly limiters: Record<RateLabel, Bottleneck>;
  private readonly timeoutMs: number;

  constructor(private readonly options: ZoomRestOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    const rates = RATE_PER_SECOND[options.plan];
    // Evenly spaced with 10% headroom rather than a per-second burst: whatever one-second window
    // Zoom counts in, it never sees more than the figure (a burst at the end of one refill and the
    // start of the next would look like twice the rate to a fixed window).
    const make = (perSecond: number) => new Bottleneck({ minTime: Math.ceil(1100 / perSecond), maxConcurrent: 4 });
    this.limiters = { light: make(rates.light), medium: make(rates.medium), heavy: make(rates.heavy) };
  }

  async get<S extends z.ZodType>(path: string, schema: S, label: RateLabel, signal?: AbortSignal): Promise<z.infer<S>> {
    const body = await this.request('GET', path, undefined, label, signal);
    return this.parse(path, schema, body);
  }

  /** A call whose answer has no body Hostdeck needs (204 No Content on success). */
  async send(method: Exclude<Method, 'GET'>, path: string, payload: unknown, label: RateLabel, signal?: AbortSignal): Promise<void> {
    await this.request(method, path, payload, label, signal);
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.limiters).map((l) => l.stop({ dropWaitingJobs: true }).catch(() => undefined)));
  }

  private parse<S extends z.ZodType>(path: string, schema: S, body: unknown): z.infer<S> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new ProviderError(`Zoom answered ${path.split('?')[0]} with data Hostdeck does not understand: ${describeIssues(parsed.error)}`, {
      kind: 'invalid',
      retryable: false,
    });
  }

  private async request(method: Method, path: string, payload: unknown, label: RateLabel, signal?: AbortSignal): Promise<unknown> {
    const send = async (token: string) => this.limiters[label].schedule(() => this.fetchOnce(method, path, payload, token, signal));
    let response = await send(await this.options.tokens.accessToken());
    if (response.status === 401) {
      await response.body?.cancel();
      response = await send(await this.options.tokens.refresh());
    }
    return this.read(method, path, response);
  }

  private async fetchOnce(method: Method, path: string, payload: unknown, token: string, signal?: AbortSignal): Promise<Response> {
    const url = new URL(`${this.options.baseUrl.pathname.replace(/\/$/, '')}${path}`, this.options.baseUrl);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      return await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
        redirect: 'error',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new ProviderError('Cancelled.', { kind: 'cancelled', retryable: false });
      const cause = timeout.aborted ? `no answer within ${Math.round(this.timeoutMs / 1000)} s` : (error as Error).message;
      throw new ProviderError(`Zoom could not be reached (${method} ${path.split('?')[0]}): ${cause}.`, { kind: 'network' });
    }
  }

  private async read(method: Method, path: string, response: Response): Promise<unknown> {
    const raw = await response.text().catch(() => '');
    let body: unknown = undefined;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
    }
    if (response.ok) {
      if (method === 'GET' && body === undefined) {
        throw new ProviderError(`Zoom answered ${path.split('?')[0]} without a JSON body.`, { kind: 'invalid', retryable: false });
      }
      return body;
    }
    const error = ZoomErrorBody.safeParse(body);
    const zoomCode = error.success ? error.data.code : undefined;
    const zoomMessage = error.success && error.data.message ? error.data.message : response.statusText || 'no reason given';
    const where = `${method} ${path.split('?')[0]}`;
    const detail = `Zoom refused ${where} (HTTP ${response.status}${zoomCode !== undefined ? `, code ${zoomCode}` : ''}): ${zoomMessage}`;
    if (response.status === 429) {
      const type = response.headers.get('x-ratelimit-type');
      const wait = retryAfterMs(response.headers, this.options.clock.now());
      throw new ProviderError(`${detail}${type ? ` [${type}]` : ''}`, {
        status: 429,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      });
    }
    if (response.status === 503) {
      // A 503 may say when to come back (RFC 9110 §10.2.3); the executor decides whether to wait.
      const wait = retryAfterMs(response.headers, this.options.clock.now());
      throw new ProviderError(wait !== undefined ? `${detail} (Zoom asks to try again in ${Math.ceil(wait / 1000)} s)` : detail, {
        status: 503,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      });
    }
    throw new ProviderError(detail, { status: response.status });
  }
}
