import { useTranslation } from 'react-i18next';
import { ROSTER_FILTERS, ROSTER_SORTS, type RosterSort } from '../roster/rosterView';
import { useAppStore } from '../store/context';

/** Search (case- and accent-insensitive), filters as toggle buttons, and sort. */
export function RosterToolbar({ total, shown }: { total: number; shown: number }) {
  const { t } = useTranslation();
  const search = useAppStore((s) => s.search);
  const setSearch = useAppStore((s) => s.setSearch);
  const filters = useAppStore((s) => s.filters);
  const toggleFilter = useAppStore((s) => s.toggleFilter);
  const sort = useAppStore((s) => s.sort);
  const setSort = useAppStore((s) => s.setSort);
  return (
    <div className="roster-toolbar">
      <div className="search-box">
        <label htmlFor="roster-search" className="visually-hidden">
          {t('roster.search')}
        </label>
        <input
          id="roster-search"
          type="search"
          value={search}
          placeholder={t('roster.searchPlaceholder')}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="roster-search"
        />
      </div>
      <div className="filters" role="group" aria-label={t('roster.filters')}>
        {ROSTER_FILTERS.map((filter) => (
          <button
            key={filter}
            type="button"
            className={`chip ${filters.has(filter) ? 'is-on' : ''}`}
            aria-pressed={filters.has(filter)}
            onClick={() => toggleFilter(filter)}
            data-testid={`filter-${filter}`}
          >
            {t(`filter.${filter}`)}
          </button>
        ))}
      </div>
      <div className="sort">
        <label htmlFor="roster-sort">{t('roster.sortBy')}</label>
        <select id="roster-sort" value={sort} onChange={(e) => setSort(e.target.value as RosterSort)}>
          {ROSTER_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <span className="muted shown-count" role="status" data-testid="roster-count">
        {t('roster.shown', { shown, total })}
      </span>
    </div>
  );
}
