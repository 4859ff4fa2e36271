import { describe, expect, it } from 'vitest';
import { en } from './en';
import { id } from './id';

function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) for (const [p, v] of leaves(child, path ? `${path}.${key}` : key)) out.set(p, v);
  }
  return out;
}

describe('translations', () => {
  it('Bahasa Indonesia has exactly the English keys, none empty, with the same placeholders', () => {
    const english = leaves(en);
    const indonesian = leaves(id);
    expect([...indonesian.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of indonesian) {
      expect(text.trim(), key).not.toBe('');
      const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(placeholders(text), key).toEqual(placeholders(english.get(key) ?? ''));
    }
  });
});
