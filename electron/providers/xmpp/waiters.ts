import type { Element } from '@xmpp/xml';

/** A pending wait for a stanza: its result, and a way to give up early. */
export interface Wait<T> {
  result: Promise<T | undefined>;
  cancel(): void;
}

/**
 * Stanza waits: each incoming stanza is offered to every pending wait, and a wait ends with the
 * first value its `match` returns. A wait resolves `undefined` on timeout or abort, so the caller
 * decides what a missing confirmation means. Register the wait before sending the request.
 */
export class StanzaWaiters {
  private readonly pending = new Set<(el: Element) => void>();

  offer(el: Element): void {
    for (const waiter of [...this.pending]) waiter(el);
  }

  waitFor<T>(match: (el: Element) => T | undefined, timeoutMs: number, signal?: AbortSignal): Wait<T> {
    let finish: (value: T | undefined) => void = () => undefined;
    const result = new Promise<T | undefined>((resolve) => (finish = resolve));
    const done = (value: T | undefined): void => {
      this.pending.delete(waiter);
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
      finish(value);
    };
    const waiter = (el: Element): void => {
      const value = match(el);
      if (value !== undefined) done(value);
    };
    const cancel = (): void => done(undefined);
    const timer = setTimeout(cancel, timeoutMs);
    this.pending.add(waiter);
    signal?.addEventListener('abort', cancel, { once: true });
    return { result, cancel };
  }
}
