import type { Overview, SessionInfo } from '../../../shared/contract/session';
import type { MeetingSummary, ProviderId } from '../../../shared/model/meeting';
import type { Bridge } from '../bridge';
import type { Slice } from './types';

/** Choices for a rehearsal meeting, as the picker offers them. */
export interface RehearsalChoice {
  scenarioId: string;
  timeScale: number;
  startAt: 'beginning' | 'beforeIntrusion';
  seed: number;
}

export interface SessionSlice {
  overview: Overview | null;
  session: SessionInfo | null;
  scenarios: MeetingSummary[];
  attachError: string | null;
  isAttaching: boolean;
  /** Loads what the host offers and whether a meeting is already attached (e.g. after a reload). */
  refreshOverview(): Promise<void>;
  startRehearsal(choice: RehearsalChoice): Promise<void>;
  /** Attaches to a meeting on a connected platform. */
  attachMeeting(providerId: ProviderId, meetingId: string): Promise<void>;
  leaveMeeting(): Promise<void>;
  /** Records the attached session; returns true when it is a different one (state was reset). */
  setSession(session: SessionInfo | null): boolean;
}

export function createSessionSlice(bridge: Bridge): Slice<SessionSlice> {
  return (set, get) => {
    const attach = async (request: Parameters<Bridge['attach']>[0]): Promise<void> => {
      set({ isAttaching: true, attachError: null });
      try {
        const session = await bridge.attach(request);
        if (get().setSession(session)) await get().resync();
      } catch (error) {
        set({ attachError: (error as Error).message });
      } finally {
        set({ isAttaching: false });
      }
    };
    return {
      overview: null,
      session: null,
      scenarios: [],
      attachError: null,
      isAttaching: false,

      async refreshOverview() {
        const [overview, scenarios] = await Promise.all([bridge.getOverview({}), bridge.listMeetings({ providerId: 'rehearsal' })]);
        set({ overview, scenarios });
        get().setSession(overview.session);
      },

      async startRehearsal(choice) {
        await attach({
          providerId: 'rehearsal',
          meetingId: choice.scenarioId,
          options: { seed: choice.seed, timeScale: choice.timeScale, startAt: choice.startAt },
        });
      },

      async attachMeeting(providerId, meetingId) {
        await attach({ providerId, meetingId });
      },

      async leaveMeeting() {
        await bridge.detach({});
        get().setSession(null);
      },

      setSession(session) {
        const changed = session?.sessionId !== get().session?.sessionId;
        if (changed) get().resetForSession(session?.sessionId ?? null);
        set({ session });
        return changed;
      },
    };
  };
}
