import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Participant } from '../../../shared/model/participant';
import { ROW_ACTION_KEYS } from '../keyboard/shortcuts';
import { selectRows } from '../roster/rosterView';
import { useAppStore } from '../store/context';
import { BulkBar } from './BulkBar';
import { BlockedJoins } from './BlockedJoins';
import { RosterRow } from './RosterRow';
import { RosterToolbar } from './RosterToolbar';

const ROW_HEIGHT = 52;

/**
 * The roster: thousands of rows, only the visible ones rendered (TanStack Virtual), navigable and
 * actionable from the keyboard: arrows move, Space ticks, Enter opens the detail, one letter acts
 * on the focused participant (see the `?` overlay).
 */
export function Roster() {
  const { t } = useTranslation();
  const participants = useAppStore((s) => s.roster.participants);
  const meeting = useAppStore((s) => s.roster.meeting);
  const eject = useAppStore((s) => s.session?.capabilities.eject);
  const query = useAppStore(useShallow((s) => ({ filters: s.filters, sort: s.sort, search: s.search })));
  const actions = useAppStore((s) => s.actions);
  const selected = useAppStore((s) => s.selected);
  const activeId = useAppStore((s) => s.activeId);
  const anchor = useAppStore((s) => s.selectionAnchor);
  const { runAction, toggleSelected, selectRange, setActive, openDetail, setSelected } = useAppStore(
    useShallow((s) => ({
      runAction: s.runAction,
      toggleSelected: s.toggleSelected,
      selectRange: s.selectRange,
      setActive: s.setActive,
      openDetail: s.openDetail,
      setSelected: s.setSelected,
    })),
  );
  const rows = useMemo(() => selectRows(participants, query), [participants, query]);
  // The rows as shown, read when a range is ticked; a ref keeps the row callbacks stable while people
  // come and go, so rows do not re-render for it.
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const onToggle = useCallback(
    (id: string, extend: boolean) =>
      extend
        ? selectRange(
            rowsRef.current.map((p) => p.id),
            id,
          )
        : toggleSelected(id),
    [selectRange, toggleSelected],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusByKey = useRef(false);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });

  const ejecting = useMemo(() => {
    const ids = new Set<string>();
    for (const o of actions.values())
      if ((o.kind === 'eject' || o.kind === 'ban') && o.status === 'pending' && o.participantId) ids.add(o.participantId);
    return ids;
  }, [actions]);
  const onEject = useCallback((p: Participant) => void runAction({ kind: 'eject', participantId: p.id }), [runAction]);
  const activeIndex = rows.findIndex((p) => p.id === activeId);
  const lastIndex = useRef(0);
  if (activeIndex >= 0) lastIndex.current = activeIndex;

  // When the focused participant leaves the list (ejected, filtered out), focus stays in the roster
  // on the row that took its place, so the next key acts on the next person.
  useEffect(() => {
    if (activeId === null || activeIndex >= 0 || rows.length === 0) return;
    const focusWasInRoster = scrollRef.current?.contains(document.activeElement) || document.activeElement === document.body;
    if (!focusWasInRoster) return;
    focusByKey.current = true;
    setActive((rows[Math.min(lastIndex.current, rows.length - 1)] as Participant).id);
  }, [activeId, activeIndex, rows, setActive]);

  // Keyboard moves focus along with the active row, scrolling it into view first.
  useEffect(() => {
    if (!focusByKey.current || activeIndex < 0) return;
    focusByKey.current = false;
    virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-participant-id="${CSS.escape(activeId ?? '')}"]`)?.focus(),
    );
  }, [activeIndex, activeId, virtualizer]);

  if (!meeting || !eject) return null;

  const move = (to: number): void => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, to))];
    if (!target) return;
    focusByKey.current = true;
    setActive(target.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target instanceof HTMLInputElement && event.target.type !== 'checkbox') return;
    const current = activeIndex < 0 ? 0 : activeIndex;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 500) / ROW_HEIGHT) - 1);
    const active = rows[current];
    const key = event.key;
    const handled = (): void => event.preventDefault();
    if (event.shiftKey && (key === 'ArrowDown' || key === 'ArrowUp') && active) {
      // Shift+arrows tick from the anchor (the current row, when there is none) to the next row.
      handled();
      const target = rows[Math.max(0, Math.min(rows.length - 1, current + (key === 'ArrowDown' ? 1 : -1)))] as Participant;
      if (anchor === null) selectRange([active.id], active.id);
      selectRange(
        rows.map((p) => p.id),
        target.id,
      );
      return move(rows.indexOf(target));
    }
    if (key === 'ArrowDown') return (handled(), move(activeIndex < 0 ? 0 : current + 1));
    if (key === 'ArrowUp') return (handled(), move(current - 1));
    if (key === 'PageDown') return (handled(), move(current + page));
    if (key === 'PageUp') return (handled(), move(current - page));
    if (key === 'Home') return (handled(), move(0));
    if (key === 'End') return (handled(), move(rows.length - 1));
    if (!active || event.altKey || event.metaKey) return;
    if (event.ctrlKey && key.toLowerCase() === 'a')
      return (handled(), setSelected(rows.filter((p) => p.presence !== 'left').map((p) => p.id)));
    if (event.ctrlKey) return;
    if (key === ' ') return (handled(), onToggle(active.id, event.shiftKey));
    if (key === 'Enter') return (handled(), openDetail(active.id));
    const kind = ROW_ACTION_KEYS[key.toLowerCase()];
    if (kind && !event.shiftKey && active.presence !== 'left' && active.role !== 'host') {
      handled();
      void runAction({ kind, participantId: active.id });
    }
  };

  return (
    <section className="roster" aria-labelledby="roster-title">
      <div className="section-head">
        <h2 id="roster-title">{t('roster.title')}</h2>
      </div>
      <RosterToolbar total={participants.size} shown={rows.length} />
      <BulkBar visible={rows} />
      <div
        role="grid"
        aria-labelledby="roster-title"
        aria-rowcount={rows.length + 1}
        aria-multiselectable="true"
        className="roster-grid"
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="roster-row roster-head">
            <div role="columnheader" className="cell-select">
              <span className="visually-hidden">{t('roster.select')}</span>
            </div>
            <div role="columnheader" className="cell-name">
              {t('roster.name')}
            </div>
            <div role="columnheader" className="cell-role">
              {t('roster.role')}
            </div>
            <div role="columnheader" className="cell-time">
              {t('roster.joined')}
            </div>
            <div role="columnheader" className="cell-media">
              {t('roster.media')}
            </div>
            <div role="columnheader" className="cell-actions">
              <span className="visually-hidden">{t('roster.actions')}</span>
            </div>
          </div>
        </div>
        <div
          ref={scrollRef}
          role="rowgroup"
          className="roster-scroll"
          tabIndex={activeIndex < 0 ? 0 : -1}
          aria-label={t('roster.scrollLabel')}
          onFocus={(e) => {
            if (e.target === e.currentTarget && rows[0]) move(activeIndex < 0 ? 0 : activeIndex);
          }}
          data-testid="roster-scroll"
        >
          {rows.length === 0 ? (
            <p className="muted empty-roster">{t('roster.empty')}</p>
          ) : (
            <div className="roster-canvas" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const p = rows[item.index] as Participant;
                return (
                  <RosterRow
                    key={p.id}
                    participant={p}
                    index={item.index}
                    top={item.start}
                    startedAt={meeting.startedAt}
                    eject={eject}
                    isEjecting={ejecting.has(p.id)}
                    isMeetingOver={meeting.status === 'ended'}
                    isSelected={selected.has(p.id)}
                    isActive={p.id === activeId}
                    onEject={onEject}
                    onToggle={onToggle}
                    onActivate={setActive}
                    onOpen={openDetail}
                  />
                );
              })}
            </div>
          )}
        </div>
      </div>
      <BlockedJoins />
    </section>
  );
}
