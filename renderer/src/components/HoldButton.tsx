import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface HoldButtonProps {
  /** How long the button must be held, in ms. */
  holdMs: number;
  /** Two presses within this time also confirm (a deliberate double press). */
  doublePressMs?: number;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
  label: ReactNode;
  holdingLabel: ReactNode;
  description: string;
  testId?: string;
}

/**
 * A button that acts only when held (by pointer, or by keeping Space or Enter down) or pressed twice
 * in quick succession. Letting go early cancels; a single press never acts. Impossible by
 * accident, immediate on purpose.
 */
export function HoldButton({
  holdMs,
  doublePressMs,
  onConfirm,
  disabled,
  className,
  label,
  holdingLabel,
  description,
  testId,
}: HoldButtonProps) {
  const [holding, setHolding] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastPress = useRef(Number.NEGATIVE_INFINITY);
  const descriptionId = useId();

  const cancel = (): void => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setHolding(false);
  };
  const confirm = (): void => {
    cancel();
    lastPress.current = Number.NEGATIVE_INFINITY;
    onConfirm();
  };
  const start = (): void => {
    if (disabled || timer.current) return;
    const now = performance.now();
    if (doublePressMs !== undefined && now - lastPress.current <= doublePressMs) {
      confirm();
      return;
    }
    lastPress.current = now;
    setHolding(true);
    timer.current = setTimeout(confirm, holdMs);
  };
  useEffect(() => cancel, []);

  return (
    <>
      <button
        type="button"
        className={`hold-button ${holding ? 'is-holding' : ''} ${className ?? ''}`}
        style={{ ['--hold-ms' as string]: `${holdMs}ms` }}
        disabled={disabled}
        aria-describedby={descriptionId}
        data-testid={testId}
        onPointerDown={(e) => {
          if (e.button === 0) start();
        }}
        onPointerUp={cancel}
        onPointerLeave={cancel}
        onPointerCancel={cancel}
        onKeyDown={(e) => {
          if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
            e.preventDefault();
            start();
          }
        }}
        onKeyUp={(e) => {
          if (e.key === ' ' || e.key === 'Enter') cancel();
        }}
        onBlur={cancel}
        onClick={(e) => e.preventDefault()}
      >
        <span className="hold-fill" aria-hidden="true" />
        <span className="hold-label">{holding ? holdingLabel : label}</span>
      </button>
      <span id={descriptionId} className="visually-hidden">
        {description}
      </span>
    </>
  );
}
