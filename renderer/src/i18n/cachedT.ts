import type { TFunction } from 'i18next';

const cached = new WeakMap<TFunction, TFunction>();

/**
 * The same translation function, remembering the strings it looked up without options. A busy
 * roster renders hundreds of rows a second, each asking for the same dozen labels; i18next resolves
 * every call afresh. A call with options (plurals, interpolation) is passed straight through. The
 * function changes with the language, and so does its memory.
 */
export function cachedT(t: TFunction): TFunction {
  let fast = cached.get(t);
  if (!fast) {
    const memory = new Map<string, string>();
    const call = t as unknown as (...args: unknown[]) => string;
    fast = ((key: unknown, ...rest: unknown[]) => {
      if (rest.length > 0 || typeof key !== 'string') return call(key, ...rest);
      let text = memory.get(key);
      if (text === undefined) {
        text = call(key);
        memory.set(key, text);
      }
      return text;
    }) as unknown as TFunction;
    cached.set(t, fast);
  }
  return fast;
}
