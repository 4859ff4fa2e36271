import { z } from 'zod';
import { describeIssues, HostdeckError } from '../../../shared/contract/reply';
import type { ZoomJoinRequest } from '../../../shared/contract/zoomBridge';
import { UNKNOWN_CONTROLS, type Meeting, type MeetingSummary } from '../../../shared/model/meeting';
import { ProviderError, type Provider, type ProviderContext, type ProviderServices } from '../../host/provider';
import { ZoomAuth } from './auth';
import type { ZoomMeetingBridge } from './bridge';
import { bridgeCapabilities, restOnlyCapabilities } from './capabilities';
import { loadConfig, readSecret, saveZoomSettings, ZOOM_SETTINGS_FIELDS, type ZoomConfig } from './config';
import { meetingSettingsOf, type ExpectedAttendee } from './meetingSettings';
import { ZoomRest, type TokenSource } from './rest';
import { ZoomMeeting, ZoomMeetingList, ZoomRegistrants, ZoomUser, ZoomUserSettings, ZoomZak } from './schemas';
import { joinSignature } from './signature';
import { ZoomSession } from './zoomSession';

/** Options the panel may pass when attaching; all defaulted. */
export const ZoomAttachOptions = z
  .object({
    /** Join through the meeting window for host controls (desktop app). False: REST only. */
    meetingWindow: z.boolean().default(true),
  })
  .strict();

const MeetingNumber = z.string().regex(/^\d{9,12}$/);
const NO_WINDOW = 'this shell has no meeting window (browser mode).';

function restFor(config: ZoomConfig, tokens: TokenSource, services: ProviderServices): ZoomRest {
  return new ZoomRest({ baseUrl: config.apiBase, plan: config.plan, tokens, clock: services.scheduler });
}

async function expectedAttendees(rest: ZoomRest, meetingId: string): Promise<ExpectedAttendee[]> {
  const attendees: ExpectedAttendee[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10; page++) {
    const query = new URLSearchParams({ status: 'approved', page_size: '300', ...(token ? { next_page_token: token } : {}) });
    const answer = await rest.get(`/meetings/${meetingId}/registrants?${query}`, ZoomRegistrants, 'medium');
    for (const r of answer.registrants) {
      attendees.push({
        name: [r.first_name, r.last_name].filter(Boolean).join(' '),
        email: r.email,
        ...(r.org ? { organisation: r.org } : {}),
      });
    }
    token = answer.next_page_token || undefined;
    if (!token) break;
  }
  return attendees;
}

/**
 * Zoom. REST (user OAuth with PKCE) reads meetings, settings and registrants and can end a
 * meeting; the host controls Zoom keeps inside the meeting (remove, lock, mute, waiting room) go
 * through `bridge`, the Meeting SDK window that only the desktop shell provides.
 */
export function createZoomProvider(services: ProviderServices, bridge?: ZoomMeetingBridge): Provider {
  const auth = new ZoomAuth(services);

  async function signedInRest(): Promise<ZoomRest> {
    const config = await loadConfig(services);
    if (!(await auth.stored())) throw new HostdeckError('providerError', 'Sign in to Zoom first.');
    return restFor(config, auth, services);
  }

  async function join(config: ZoomConfig, rest: ZoomRest, meeting: ZoomMeeting): Promise<ZoomJoinRequest> {
    const meetingNumber = String(meeting.id);
    const secrets = {
      sdkSecret: await readSecret(services, 'sdkSecret'),
      endpointToken: await readSecret(services, 'signatureEndpointToken'),
    };
    const signature = await joinSignature(config, meetingNumber, secrets, services.scheduler);
    const zak = await rest.get('/users/me/token?type=zak', ZoomZak, 'light');
    return {
      meetingNumber,
      ...(meeting.password ? { password: meeting.password } : {}),
      signature,
      zak: zak.token,
      userName: config.hostName,
      language: 'en-US',
    };
  }

  const provider: Provider = {
    id: 'zoom',
    name: 'Zoom',
    settingsFields: ZOOM_SETTINGS_FIELDS,

    async status() {
      let config: ZoomConfig;
      try {
        config = await loadConfig(services);
      } catch (error) {
        return { connected: false, detail: (error as Error).message, canSignIn: false };
      }
      if (!config.clientId) return { connected: false, detail: 'Enter the Zoom OAuth client ID in the settings.', canSignIn: false };
      const tokens = await auth.stored();
      if (!tokens) return { connected: false, detail: 'Not signed in to Zoom.', canSignIn: true };
      return { connected: true, ...(tokens.account ? { account: tokens.account } : {}), canSignIn: true };
    },

    saveSettings(values) {
      return saveZoomSettings(provider, services, values);
    },

    async signIn() {
      const config = await loadConfig(services);
      await auth.signIn(async (token) => {
        const rest = restFor(config, { accessToken: async () => token, refresh: async () => token }, services);
        try {
          const user = await rest.get('/users/me', ZoomUser, 'light');
          return (user.email ?? user.display_name ?? user.id).slice(0, 300);
        } finally {
          await rest.stop();
        }
      });
    },

    signOut: () => auth.signOut(),

    async listMeetings(): Promise<MeetingSummary[]> {
      const rest = await signedInRest();
      try {
        const summaries: MeetingSummary[] = [];
        for (const type of ['live', 'upcoming'] as const) {
          const list = await rest.get(`/users/me/meetings?type=${type}&page_size=30`, ZoomMeetingList, 'medium');
          for (const m of list.meetings) {
            if (summaries.some((s) => s.meetingId === String(m.id))) continue;
            const startsAt = m.start_time ? Date.parse(m.start_time) : undefined;
            summaries.push({
              providerId: 'zoom',
              meetingId: String(m.id),
              title: m.topic || `Zoom meeting ${m.id}`,
              description: (m.agenda ?? '').slice(0, 2000),
              status: type === 'live' ? 'live' : 'scheduled',
              ...(startsAt !== undefined ? { startsAt } : {}),
            });
          }
        }
        return summaries;
      } finally {
        await rest.stop();
      }
    },

    async attach(meetingId: string, rawOptions: unknown, context: ProviderContext) {
      if (!MeetingNumber.safeParse(meetingId).success) {
        throw new HostdeckError('unknownMeeting', `"${meetingId.slice(0, 40)}" is not a Zoom meeting number (9 to 12 digits).`);
      }
      const parsedOptions = ZoomAttachOptions.safeParse(rawOptions ?? {});
      if (!parsedOptions.success)
        throw new HostdeckError('invalidInput', `Zoom options are not valid: ${describeIssues(parsedOptions.error)}`);
      const options = parsedOptions.data;
      const config = await loadConfig(services);
      const rest = await signedInRest();
      let meeting: ZoomMeeting;
      try {
        meeting = await rest.get(`/meetings/${meetingId}`, ZoomMeeting, 'light');
      } catch (error) {
        await rest.stop();
        if (error instanceof ProviderError && error.kind === 'notFound') {
          throw new HostdeckError('unknownMeeting', `Zoom has no meeting ${meetingId} for this account.`);
        }
        throw new HostdeckError('providerError', (error as Error).message);
      }
      const userSettings = await rest.get('/users/me/settings', ZoomUserSettings, 'medium').catch(() => undefined);
      const registration = meeting.settings.approval_type === 0 || meeting.settings.approval_type === 1;
      const attendees = registration ? await expectedAttendees(rest, meetingId).catch(() => []) : [];
      const initial: Meeting = {
        id: meetingId,
        providerId: 'zoom',
        title: meeting.topic || `Zoom meeting ${meetingId}`,
        status: meeting.status === 'started' ? 'live' : 'waiting',
        locked: false,
        controls: { ...UNKNOWN_CONTROLS, waitingRoom: meeting.settings.waiting_room ?? null },
      };
      const session = new ZoomSession({
        meetingId,
        meeting: initial,
        rest,
        context,
        refreshAuth: () => auth.refresh(),
        meetingSettings: meetingSettingsOf(meeting, userSettings),
        expectedAttendees: attendees,
        pollMs: config.pollMs,
      });
      let whyNoWindow = options.meetingWindow ? NO_WINDOW : 'the meeting window was not requested.';
      if (bridge && options.meetingWindow) {
        const failure = await join(config, rest, meeting).then(
          (request) => session.link.join(bridge, request),
          (error: unknown) => `the join could not be prepared: ${(error as Error).message}`,
        );
        if (failure === undefined) {
          session.capabilities = bridgeCapabilities();
          return session;
        }
        whyNoWindow = failure;
      }
      session.capabilities = restOnlyCapabilities(whyNoWindow);
      session.startPolling();
      return session;
    },
  };
  return provider;
}
