import { useEffect, useRef } from 'react';
import { useBridge } from './bridge/context';
import { isTyping } from './keyboard/shortcuts';
import { useAppStore } from './store/context';
import type { Theme } from './store/uiSlice';

const THEME_KEY = 'hostdeck.theme';

/** Applies and remembers the theme: `system` follows the OS, light and dark override it. */
export function useTheme(): void {
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  useEffect(() => {
    try {
      const saved = localStorage.getItem(THEME_KEY) as Theme | null;
      if (saved === 'light' || saved === 'dark') setTheme(saved);
    } catch {
      // storage unavailable: the OS theme applies
    }
  }, [setTheme]);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // not remembered; applies for this run
    }
  }, [theme]);
}

/** App-wide keys: `?` shortcuts, `/` search, Esc closes what is open. */
export function useAppKeys(): void {
  const setShortcutsOpen = useAppStore((s) => s.setShortcutsOpen);
  const openDetail = useAppStore((s) => s.openDetail);
  const setSelected = useAppStore((s) => s.setSelected);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) {
        if (event.key === 'Escape' && event.target instanceof HTMLInputElement && event.target.type === 'search') event.target.blur();
        return;
      }
      if (event.key === '?') {
        event.preventDefault();
        setShortcutsOpen(true);
      } else if (event.key === '/') {
        event.preventDefault();
        document.getElementById('roster-search')?.focus();
      } else if (event.key === 'Escape') {
        openDetail(null);
        setSelected([]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setShortcutsOpen, openDetail, setSelected]);
}

function beep(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.35);
    tone.onended = () => void audio.close();
  } catch {
    // no audio output: the visual flag remains
  }
}

/** Plays a short tone when someone new is flagged, if the moderator turned the cue on. */
export function useFlagCue(): void {
  const bridge = useBridge();
  const sessionId = useAppStore((s) => s.session?.sessionId);
  const participants = useAppStore((s) => s.roster.participants);
  const enabled = useRef(false);
  const known = useRef<Set<string> | null>(null);
  useEffect(() => {
    known.current = null;
    if (!sessionId) return;
    void bridge.getRiskSettings({}).then(
      (s) => (enabled.current = s.soundCue),
      () => undefined,
    );
  }, [bridge, sessionId]);
  useEffect(() => {
    const flagged = new Set<string>();
    for (const p of participants.list()) if (p.presence !== 'left' && p.risk.level === 'flagged') flagged.add(p.id);
    const before = known.current;
    known.current = flagged;
    if (!before || !enabled.current) return;
    for (const id of flagged) {
      if (!before.has(id)) {
        beep();
        return;
      }
    }
  }, [participants]);
}
