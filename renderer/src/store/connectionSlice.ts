import type { ConnectionState } from '../bridge';
import type { Slice } from './types';

export interface ConnectionSlice {
  connection: ConnectionState;
  setConnection(state: ConnectionState): void;
}

export const createConnectionSlice: Slice<ConnectionSlice> = (set) => ({
  connection: 'connecting',
  setConnection: (connection) => set({ connection }),
});
