/** `+52:07` (or `+1:02:07`): time since the meeting started, as moderators think of it. */
export function formatOffset(at: number, startedAt: number | undefined): string {
  if (startedAt === undefined) return '';
  const total = Math.max(0, Math.round((at - startedAt) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `+${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** One formatter per language: building an `Intl.DateTimeFormat` costs far more than using one. */
const clocks = new Map<string, Intl.DateTimeFormat>();

/** Local wall-clock time with seconds, e.g. `14:05:09`. */
export function formatClock(iso: string | number, language: string): string {
  const locale = language === 'id' ? 'id-ID' : 'en-GB';
  let clock = clocks.get(locale);
  if (!clock) {
    clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    clocks.set(locale, clock);
  }
  return clock.format(new Date(iso));
}
