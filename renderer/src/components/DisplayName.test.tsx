import { cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { i18n } from 'i18next';
import { createI18n } from '../i18n';
import { DisplayName } from './DisplayName';

let i18nInstance: i18n;
beforeAll(async () => {
  i18nInstance = await createI18n('en');
});
afterEach(cleanup);

function show(name: string) {
  return render(
    <I18nextProvider i18n={i18nInstance}>
      <DisplayName name={name} />
    </I18nextProvider>,
  );
}

describe('DisplayName', () => {
  it('renders markup in a name as text, never as elements', () => {
    const { container } = show('<img src=x onerror="window.pwned=1"><script>alert(1)</script>');
    expect(container.querySelector('img, script')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="window.pwned=1">');
  });

  it('removes bidi overrides and zero-width characters, says so, and isolates the name', () => {
    const { container } = show('Budi\u200B \u202Eexe.gnp');
    const bdi = container.querySelector('bdi');
    expect(bdi?.textContent).toBe('Budi exe.gnp');
    expect(container.textContent).toContain('2 hidden characters removed');
  });

  it('cuts a 500-character name and keeps the full value in the tooltip', () => {
    const long = 'Nama'.repeat(125);
    const { container } = show(long);
    expect(container.querySelector('bdi')?.textContent?.length).toBeLessThan(60);
    expect(container.querySelector('.display-name')?.getAttribute('title')).toBe(long);
  });

  it('cuts an emoji flood without splitting an emoji', () => {
    const { container } = show('🔞'.repeat(300));
    const shown = container.querySelector('bdi')?.textContent ?? '';
    expect(shown.endsWith('…')).toBe(true);
    expect([...shown.slice(0, -1)].every((ch) => ch === '🔞')).toBe(true);
  });
});
