import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { connectBridge } from './bridge';
import { BridgeContext } from './bridge/context';
import { App } from './components/App';
import { createI18n } from './i18n';
import { connectStore, createAppStore } from './store';
import { StoreContext } from './store/context';
import './styles.css';

async function start(): Promise<void> {
  const i18n = await createI18n();
  const bridge = connectBridge();
  const store = createAppStore(bridge);
  connectStore(store, bridge);
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <BridgeContext.Provider value={bridge}>
          <StoreContext.Provider value={store}>
            <App />
          </StoreContext.Provider>
        </BridgeContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
