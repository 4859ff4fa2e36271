import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './index';

export const StoreContext = createContext<AppStore | null>(null);

/** Reads from the console's store; pass a narrow selector (or wrap it in useShallow). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside StoreContext');
  return useStore(store, selector);
}
