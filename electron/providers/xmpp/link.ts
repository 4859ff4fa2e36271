import { client, type Client } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import { WebSocket as NodeWebSocket } from 'ws';
import { ProviderError, type ProviderErrorKind } from '../../host/provider';

/**
 * `@xmpp/websocket` opens `new WebSocket(url, ['xmpp'])`. Electron's Node has a global WebSocket;
 * Node 20 (tests, browser mode) has none, so the `ws` package stands in, as @xmpp/client documents.
 */
function ensureWebSocket(): void {
  const scope = globalThis as Record<string, unknown>;
  if (typeof scope['WebSocket'] === 'undefined') scope['WebSocket'] = NodeWebSocket;
}

const CLOSE_WAIT_MS = 2_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface LinkOptions {
  /** ws(s):// or xmpp(s):// address. */
  service: string;
  /** The domain to sign in to (the stream's `to`). */
  domain: string;
  /** Absent: anonymous login (SASL ANONYMOUS). */
  username?: string;
  password?: string;
  /** How long connecting and signing in may take. */
  connectTimeoutMs?: number;
  /** Backoff between reconnection attempts; `false` turns reconnection off (test intruders). */
  reconnect?: { initialMs: number; maxMs: number } | false;
}

export interface LinkHandlers {
  stanza(el: Element): void;
  /** Signed in again after a drop. */
  restored?(): void;
  /** The link dropped; reconnection is under way (unless turned off). */
  dropped?(detail: string): void;
}

/** Maps an XMPP stanza error condition (RFC 6120 §8.3.3) onto the provider's failure kinds. */
export function kindOfCondition(condition: string): ProviderErrorKind {
  switch (condition) {
    case 'forbidden':
    case 'not-allowed':
    case 'not-authorized':
    case 'registration-required':
      return 'forbidden';
    case 'item-not-found':
    case 'recipient-unavailable':
    case 'gone':
      return 'notFound';
    case 'conflict':
      return 'conflict';
    case 'policy-violation':
    case 'resource-constraint':
      return 'rateLimited';
    case 'bad-request':
    case 'not-acceptable':
    case 'jid-malformed':
    case 'feature-not-implemented':
      return 'invalid';
    default:
      return 'unavailable';
  }
}

/** Turns whatever @xmpp/client threw into a ProviderError with a plain-language message. */
export function toProviderError(error: unknown, what: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = error as { name?: string; condition?: string; text?: string; message?: string; code?: string };
  if (e.name === 'StanzaError' && e.condition) {
    const kind = kindOfCondition(e.condition);
    const detail = e.text ? `: ${e.text.slice(0, 300)}` : '';
    return new ProviderError(`${what} was refused by the server (${e.condition}${detail}).`, {
      kind,
      ...(kind === 'rateLimited' ? { retryAfterMs: 1000 } : {}),
    });
  }
  if (e.name === 'SASLError') {
    return new ProviderError(`The server refused the sign-in (${e.condition ?? 'not-authorized'}).`, {
      kind: 'forbidden',
      retryable: false,
    });
  }
  if (e.name === 'TimeoutError') return new ProviderError(`${what}: the server did not answer in time.`, { kind: 'unavailable' });
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ECONNERROR' || e.code === 'ECONNRESET') {
    return new ProviderError(`${what}: the server cannot be reached (${e.code}).`, { kind: 'network' });
  }
  return new ProviderError(`${what} failed: ${(e.message ?? String(error)).slice(0, 300)}`, { kind: 'network' });
}

/**
 * @xmpp/connection 0.14.0 throws (and so crashes the process) when socket data arrives after the
 * stream parser was detached, e.g. a flood still in flight while the stream closes. Fixed upstream
 * (xmppjs/xmpp.js#1100, not yet released): until then such late data is dropped here. The socket
 * listener binds `_onData` at the first connect, so replacing it before `start()` is enough.
 */
function guardLateData(xmpp: Client): void {
  const connection = xmpp as unknown as { parser: unknown; _onData: (data: unknown) => void };
  const onData = connection._onData.bind(connection);
  connection._onData = (data) => {
    if (connection.parser) onData(data);
  };
}

/**
 * One signed-in XMPP connection: @xmpp/client with the transport the address names, a password
 * sent only over an encrypted or loopback channel, and its reconnection given a growing delay.
 */
export class XmppLink {
  private readonly xmpp: Client;
  private closing = false;
  private everOnline = false;

  private constructor(
    private readonly options: LinkOptions,
    private readonly handlers: LinkHandlers,
  ) {
    ensureWebSocket();
    const url = new URL(options.service);
    const loopback = LOOPBACK.has(url.hostname);
    const { username, password } = options;
    this.xmpp = client({
      service: options.service,
      domain: options.domain,
      timeout: options.connectTimeoutMs ?? 10_000,
      ...(username && password
        ? {
            credentials: async (
              authenticate: (c: object, m: string) => Promise<void>,
              mechanisms: string[],
              _fast: unknown,
              entity: Client,
            ) => {
              // PLAIN is safe inside TLS (or on this machine) and costs nothing; SCRAM costs seconds of PBKDF2 in JS.
              if (!entity.isSecure() && !loopback) {
                throw new ProviderError(
                  'The connection is not encrypted, so Hostdeck will not send the password. Use wss:// or xmpps://.',
                  {
                    kind: 'forbidden',
                    retryable: false,
                  },
                );
              }
              const mechanism = ['PLAIN', 'SCRAM-SHA-1'].find((m) => mechanisms.includes(m));
              if (!mechanism) throw new ProviderError(`The server offers no sign-in method Hostdeck supports (${mechanisms.join(', ')}).`);
              await authenticate({ username, password }, mechanism);
            },
          }
        : {}),
    } as Parameters<typeof client>[0]);
    this.xmpp.on('error', () => undefined); // failures surface through start() and request(); a listener must exist
    guardLateData(this.xmpp);
    this.xmpp.on('stanza', (el: Element) => this.handlers.stanza(el));
    this.setUpReconnect();
  }

  /** Connects and signs in; rejects with a ProviderError. */
  static async open(options: LinkOptions, handlers: LinkHandlers): Promise<XmppLink> {
    const link = new XmppLink(options, handlers);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        link.xmpp.start(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new ProviderError('Signing in to the XMPP server timed out.', { kind: 'network' })), timeoutMs);
        }),
      ]);
      link.everOnline = true;
      return link;
    } catch (error) {
      await link.close();
      throw toProviderError(error, `Connecting to ${new URL(options.service).host}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The full JID the server bound. */
  get jid(): string {
    return this.xmpp.jid?.toString() ?? '';
  }

  get online(): boolean {
    return this.xmpp.status === 'online';
  }

  private setUpReconnect(): void {
    const { reconnect } = this.xmpp;
    if (this.options.reconnect === false) {
      reconnect.stop();
      return;
    }
    const { initialMs, maxMs } = this.options.reconnect ?? { initialMs: 500, maxMs: 15_000 };
    reconnect.delay = initialMs;
    // @xmpp/reconnect waits a fixed delay; doubling it (with jitter) before each attempt gives backoff.
    reconnect.on('reconnecting', () => {
      reconnect.delay = Math.min(maxMs, Math.round(reconnect.delay * (1.6 + Math.random() * 0.8)));
    });
    this.xmpp.on('disconnect', (info?: { reason?: { message?: string } }) => {
      if (this.closing || !this.everOnline) return;
      this.handlers.dropped?.(info?.reason?.message ?? 'The connection to the XMPP server dropped.');
    });
    this.xmpp.on('online', () => {
      reconnect.delay = initialMs;
      if (this.everOnline && !this.closing) this.handlers.restored?.();
    });
  }

  /** Sends a stanza; rejects with a `network` ProviderError while the link is down. */
  async send(el: Element): Promise<void> {
    if (!this.online) throw new ProviderError('Not connected to the XMPP server (reconnecting).', { kind: 'network' });
    try {
      await this.xmpp.send(el);
    } catch (error) {
      throw toProviderError(error, 'Sending to the XMPP server');
    }
  }

  /** Sends an IQ and waits for its answer; an `error` answer rejects with a mapped ProviderError. */
  async request(iq: Element, what: string, timeoutMs = 10_000, signal?: AbortSignal): Promise<Element> {
    if (!this.online) throw new ProviderError('Not connected to the XMPP server (reconnecting).', { kind: 'network' });
    if (signal?.aborted) throw new ProviderError('Cancelled.', { kind: 'cancelled', retryable: false });
    let onAbort = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new ProviderError('Cancelled.', { kind: 'cancelled', retryable: false }));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([this.xmpp.iqCaller.request(iq, timeoutMs), aborted]);
    } catch (error) {
      throw toProviderError(error, what);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Ends the stream and stops reconnecting. Never throws, and never waits more than `CLOSE_WAIT_MS`:
   * on a dead network the server's goodbye never comes, and leaving a meeting must not hang on it.
   */
  async close(): Promise<void> {
    this.closing = true;
    this.xmpp.reconnect.stop();
    if (this.xmpp.status === 'offline') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.xmpp.stop().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
  }
}
