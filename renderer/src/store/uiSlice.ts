import { rangeBetween, type RosterFilter, type RosterSort } from '../roster/rosterView';
import type { Slice } from './types';

export type Theme = 'system' | 'light' | 'dark';
export type SidePanel = 'detail' | 'attendees' | 'controls';

/** Renderer-only state: what the moderator is looking at. Never meeting truth. */
export interface UiSlice {
  filters: ReadonlySet<RosterFilter>;
  sort: RosterSort;
  search: string;
  /** Participants ticked for a bulk action. */
  selected: ReadonlySet<string>;
  /** The last participant ticked or unticked on its own: where a Shift range starts. */
  selectionAnchor: string | null;
  /** The roster row that has keyboard focus. */
  activeId: string | null;
  /** The participant whose detail is open. */
  detailId: string | null;
  sidePanel: SidePanel;
  isShortcutsOpen: boolean;
  isSettingsOpen: boolean;
  isLogViewerOpen: boolean;
  theme: Theme;
  toggleFilter(filter: RosterFilter): void;
  setSort(sort: RosterSort): void;
  setSearch(search: string): void;
  toggleSelected(id: string): void;
  setSelected(ids: Iterable<string>): void;
  /** Ticks everyone from the anchor to `id` in the order shown (Shift+click, Shift+Space, Shift+arrows). */
  selectRange(order: readonly string[], id: string): void;
  setActive(id: string | null): void;
  openDetail(id: string | null): void;
  setSidePanel(panel: SidePanel): void;
  setShortcutsOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
  setLogViewerOpen(open: boolean): void;
  setTheme(theme: Theme): void;
}

export const DEFAULT_FILTERS: ReadonlySet<RosterFilter> = new Set(['inMeeting', 'waiting']);

export const createUiSlice: Slice<UiSlice> = (set, get) => ({
  filters: DEFAULT_FILTERS,
  sort: 'risk',
  search: '',
  selected: new Set(),
  selectionAnchor: null,
  activeId: null,
  detailId: null,
  sidePanel: 'controls',
  isShortcutsOpen: false,
  isSettingsOpen: false,
  isLogViewerOpen: false,
  theme: 'system',
  toggleFilter: (filter) => {
    const filters = new Set(get().filters);
    if (filters.has(filter)) filters.delete(filter);
    else filters.add(filter);
    set({ filters });
  },
  setSort: (sort) => set({ sort }),
  setSearch: (search) => set({ search }),
  toggleSelected: (id) => {
    const selected = new Set(get().selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    set({ selected, selectionAnchor: id });
  },
  setSelected: (ids) => {
    const selected = new Set(ids);
    set({ selected, selectionAnchor: selected.size === 0 ? null : get().selectionAnchor });
  },
  selectRange: (order, id) => {
    const { selected, selectionAnchor } = get();
    set({ selected: new Set([...selected, ...rangeBetween(order, selectionAnchor, id)]), selectionAnchor: selectionAnchor ?? id });
  },
  setActive: (activeId) => set({ activeId }),
  openDetail: (detailId) => set(detailId ? { detailId, sidePanel: 'detail' } : { detailId: null }),
  setSidePanel: (sidePanel) => set({ sidePanel }),
  setShortcutsOpen: (isShortcutsOpen) => set({ isShortcutsOpen }),
  setSettingsOpen: (isSettingsOpen) => set({ isSettingsOpen }),
  setLogViewerOpen: (isLogViewerOpen) => set({ isLogViewerOpen }),
  setTheme: (theme) => set({ theme }),
});
