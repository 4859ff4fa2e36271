import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { capabilityRefusal } from '../../../shared/model/capability';
import { COMPOSITE_ACTION_KINDS, type Intent, type PlatformIntent } from '../../../shared/model/action';
import { useAppStore } from '../store/context';

interface ControlButtonProps {
  intent: Intent;
  children: ReactNode;
  className?: string;
  /** Extra reason to disable (e.g. nothing selected), shown like a capability reason. */
  blockedBecause?: string;
  /** Show the reason under the button when disabled (meeting-control panels), or only as a tooltip. */
  showReason?: boolean;
  /** A note on what the action really does (e.g. the platform only asks), read out with the button. */
  hint?: string;
  testId?: string;
  onDone?: () => void;
}

/** Why an intent cannot run now, or undefined: meeting over, capability missing (with the alternative). */
export function useRefusal(intent: Intent): string | undefined {
  const { t } = useTranslation();
  const capabilities = useAppStore((s) => s.session?.capabilities);
  const ended = useAppStore((s) => s.roster.meeting?.status === 'ended');
  if (!capabilities) return t('controls.noMeeting');
  if (ended) return t('controls.ended');
  // Composite actions run what they can and report the rest step by step.
  if ((COMPOSITE_ACTION_KINDS as readonly string[]).includes(intent.kind)) return undefined;
  return capabilityRefusal(capabilities, intent as PlatformIntent);
}

/**
 * A button for one moderator action that knows whether the platform can do it. When it cannot, the
 * button is disabled and says why and what to do instead, in one line.
 */
export function ControlButton({
  intent,
  children,
  className,
  blockedBecause,
  showReason = false,
  hint,
  testId,
  onDone,
}: ControlButtonProps) {
  const runAction = useAppStore((s) => s.runAction);
  const refusal = useRefusal(intent) ?? blockedBecause;
  const reasonId = useId();
  const note = refusal ?? hint;
  return (
    <span className={`control-wrap ${showReason && refusal ? 'has-reason' : ''}`}>
      <button
        type="button"
        className={`control ${className ?? ''}`}
        disabled={refusal !== undefined}
        aria-describedby={note ? reasonId : undefined}
        title={note}
        data-testid={testId}
        onClick={() => {
          void runAction(intent);
          onDone?.();
        }}
      >
        {children}
      </button>
      {note && (
        <span id={reasonId} className={showReason && refusal ? 'control-reason' : 'visually-hidden'}>
          {note}
        </span>
      )}
    </span>
  );
}
