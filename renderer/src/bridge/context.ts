import { createContext, useContext } from 'react';
import type { Bridge } from './types';

export const BridgeContext = createContext<Bridge | null>(null);

/** The bridge, for components that read host data the store does not mirror (history, settings). */
export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside BridgeContext');
  return bridge;
}
