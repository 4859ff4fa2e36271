import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { matchesKey, parseAccelerator, type Accelerator } from '../../../shared/keyboard/accelerator';
import { createDoublePress } from '../../../shared/keyboard/doublePress';
import { SHORTCUT_COMMANDS, type ShortcutCommand } from '../../../shared/model/panic';
import { useBridge } from '../bridge/context';
import { useAppStore } from '../store/context';

const platform = (): 'mac' | 'other' => (/Mac|iPhone|iPad/.test(navigator.platform) ? 'mac' : 'other');

/**
 * The panic keys while the console has focus. In the desktop app the operating system delivers
 * them globally, so only keys it refused are handled here; in browser mode all of them are. End for
 * all needs two presses within 0.6 s.
 */
export function usePanicKeys(): void {
  const bridge = useBridge();
  const panic = useAppStore((s) => s.panic);
  const status = useAppStore((s) => s.shortcutStatus);
  const selected = useAppStore((s) => s.selected);
  const locked = useAppStore((s) => s.roster.meeting?.locked ?? false);
  const { runAction, setNoteOpen, setShortcutMessage, setScriptRun } = useAppStore(
    useShallow((s) => ({
      runAction: s.runAction,
      setNoteOpen: s.setNoteOpen,
      setShortcutMessage: s.setShortcutMessage,
      setScriptRun: s.setScriptRun,
    })),
  );
  const endGuard = useRef(createDoublePress());

  useEffect(() => {
    if (!panic) return;
    const bindings: [ShortcutCommand, Accelerator][] = [];
    for (const command of SHORTCUT_COMMANDS) {
      if (bridge.shell === 'electron' && status?.registered.some((r) => r.command === command)) continue;
      const parsed = parseAccelerator(panic.shortcuts[command]);
      if (parsed.ok) bindings.push([command, parsed.accelerator]);
    }
    const onKey = (event: KeyboardEvent): void => {
      const hit = bindings.find(([, accelerator]) => matchesKey(accelerator, event, platform()));
      if (!hit) return;
      event.preventDefault();
      const [command] = hit;
      if (command === 'contain') void runAction({ kind: 'contain', participantIds: [...selected] });
      if (command === 'toggleLock') void runAction({ kind: locked ? 'unlock' : 'lock' });
      if (command === 'quickNote') setNoteOpen(true);
      if (command === 'apology')
        void bridge.startScript({ scriptId: panic.apologyScriptId }).then(setScriptRun, (e: Error) => setShortcutMessage(e.message));
      if (command === 'endForAll') {
        // A key held down repeats; only separate presses count towards the two.
        if (event.repeat) return;
        if (endGuard.current.press(performance.now()) === 'confirmed') void runAction({ kind: 'endForAll' });
        else setShortcutMessage('endAgain');
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [bridge, panic, status, selected, locked, runAction, setNoteOpen, setShortcutMessage, setScriptRun]);
}
