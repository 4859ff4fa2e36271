import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { onTestFinished } from 'vitest';
import { createTestHost, settle } from '../../../electron/host/testing';
import { BridgeContext } from '../bridge/context';
import { createI18n, type Language } from '../i18n';
import { connectStore, createAppStore } from '../store';
import { StoreContext } from '../store/context';
import { createHostBridge } from './hostBridge';

/**
 * A console for component tests: a real in-process host (virtual clock, its own data folder), the
 * bridge to it, the store, and `show`, which renders a view inside the same providers the app uses.
 * By default the store follows the host's pushed events, as in the app. Everything is taken down
 * when the test ends.
 */
export async function consoleOnHost(options: { connect?: boolean } = {}) {
  const t = createTestHost();
  const bridge = createHostBridge(t.host);
  const store = createAppStore(bridge);
  const disconnect = options.connect === false ? () => undefined : connectStore(store, bridge);
  onTestFinished(async () => {
    cleanup();
    disconnect();
    await t.cleanup();
  });
  await settle();
  const show = async (
    view: ReactNode,
    language: Language = 'en',
  ): Promise<RenderResult & { i18n: Awaited<ReturnType<typeof createI18n>> }> => {
    const i18n = await createI18n(language);
    const result = render(
      <I18nextProvider i18n={i18n}>
        <BridgeContext.Provider value={bridge}>
          <StoreContext.Provider value={store}>{view}</StoreContext.Provider>
        </BridgeContext.Provider>
      </I18nextProvider>,
    );
    return { ...result, i18n };
  };
  return { ...t, bridge, store, show };
}
