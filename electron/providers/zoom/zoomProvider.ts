import type { MeetingSummary } from '../../../shared/model/meeting';
import type { Provider, ProviderServices } from '../../host/provider';
import { attachZoomMeeting, restFor, signedInRest } from './attach';
import { ZoomAuth } from './auth';
import type { ZoomMeetingBridge } from './bridge';
import { loadConfig, saveZoomSettings, ZOOM_SETTINGS_FIELDS, type ZoomConfig } from './config';
import type { ZoomRest } from './rest';
import { ZoomMeetingList, ZoomUser } from './schemas';

export { ZoomAttachOptions } from './attach';

async function listLiveAndUpcoming(rest: ZoomRest): Promise<MeetingSummary[]> {
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
}

/**
 * Zoom. REST (user OAuth with PKCE) reads meetings, settings and registrants and can end a
 * meeting; the host controls Zoom keeps inside the meeting (remove, lock, mute, waiting room) go
 * through `bridge`, the Meeting SDK window that only the desktop shell provides.
 */
export function createZoomProvider(services: ProviderServices, bridge?: ZoomMeetingBridge): Provider {
  const auth = new ZoomAuth(services);
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

    saveSettings: (values) => saveZoomSettings(provider, services, values),

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

    async listMeetings() {
      const rest = await signedInRest({ services, auth });
      try {
        return await listLiveAndUpcoming(rest);
      } finally {
        await rest.stop();
      }
    },

    attach: (meetingId, options, context) => attachZoomMeeting({ services, auth, bridge }, meetingId, options, context),
  };
  return provider;
}
