import type { PlatformAction } from '../../../shared/model/action';
import { createRehearsalProvider } from './rehearsalProvider';
import type { Provider } from '../../host/provider';

/** A call that reached the platform, and when (on the wall clock, which the limiter runs on). */
export interface SentCall {
  action: PlatformAction;
  at: number;
}

/**
 * The rehearsal provider, with every call that reaches the platform recorded: the simulated
 * meeting itself is unchanged, the record is how a test sees what was sent and when.
 */
export function recordingRehearsal(sent: PlatformAction[], calls: SentCall[] = []): Provider {
  const provider = createRehearsalProvider();
  return {
    ...provider,
    attach: async (meetingId, options, context) => {
      const session = await provider.attach(meetingId, options, context);
      const perform = session.perform.bind(session);
      session.perform = (action, signal) => {
        sent.push(action);
        calls.push({ action, at: Date.now() });
        return perform(action, signal);
      };
      return session;
    },
  };
}
