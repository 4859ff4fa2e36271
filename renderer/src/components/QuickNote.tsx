import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context';
import { formatClock } from '../format';
import { useAppStore } from '../store/context';

/** A note for the incident log, confirmed only once it is on disk. */
export function QuickNote() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const isOpen = useAppStore((s) => s.isNoteOpen);
  const setOpen = useAppStore((s) => s.setNoteOpen);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const requests = useAppStore((s) => s.noteRequests);
  const dialog = useRef<HTMLDialogElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // After a note is recorded the dialog closes by itself, unless the moderator starts another.
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const keepOpen = (): void => {
    clearTimeout(closing.current);
    closing.current = undefined;
  };
  useEffect(() => keepOpen, []);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (isOpen && !element.open) {
      setStatus(null);
      element.showModal();
    }
    if (!isOpen && element.open) element.close();
  }, [isOpen]);
  useEffect(() => {
    // Every request (button or key) lands the cursor in the text, even when the note is already open.
    if (requests === 0) return;
    keepOpen();
    textarea.current?.focus();
  }, [requests]);
  return (
    <dialog ref={dialog} className="overlay" aria-labelledby="note-title" onClose={() => setOpen(false)} data-testid="quick-note">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return;
          void bridge.addNote({ text }).then(
            (entry) => {
              setStatus(t('note.recorded', { time: formatClock(entry.ts, i18n.language) }));
              setText('');
              keepOpen();
              closing.current = setTimeout(() => setOpen(false), 600);
            },
            (error: Error) => setStatus(error.message),
          );
        }}
      >
        <h2 id="note-title">{t('note.title')}</h2>
        <label htmlFor="note-text" className="visually-hidden">
          {t('note.title')}
        </label>
        <textarea
          id="note-text"
          rows={4}
          maxLength={4000}
          value={text}
          ref={textarea}
          onChange={(e) => {
            keepOpen();
            setText(e.target.value);
          }}
          autoFocus
          placeholder={t('note.placeholder')}
        />
        <div className="button-row">
          <button type="submit" className="control control-primary" disabled={!text.trim()}>
            {t('note.save')}
          </button>
          <button type="button" className="control control-quiet" onClick={() => setOpen(false)}>
            {t('shortcuts.close')}
          </button>
        </div>
        {status && <p role="status">{status}</p>}
      </form>
    </dialog>
  );
}
