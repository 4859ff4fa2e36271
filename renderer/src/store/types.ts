import type { StateCreator } from 'zustand';
import type { ActionsSlice } from './actionsSlice';
import type { ConnectionSlice } from './connectionSlice';
import type { LogSlice } from './logSlice';
import type { RosterSlice } from './rosterSlice';
import type { SessionSlice } from './sessionSlice';
import type { PanicSlice } from './panicSlice';
import type { UiSlice } from './uiSlice';

export type AppState = ConnectionSlice & SessionSlice & RosterSlice & ActionsSlice & LogSlice & UiSlice & PanicSlice;

/** A slice of the one store, able to read and call the rest. */
export type Slice<T> = StateCreator<AppState, [], [], T>;
