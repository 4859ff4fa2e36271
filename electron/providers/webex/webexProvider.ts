import { z } from 'zod';
import type { ProviderStatus } from '../../../shared/contract/providerSettings';
import { describeIssues, HostdeckError } from '../../../shared/contract/reply';
import type { MeetingSummary } from '../../../shared/model/meeting';
import { ProviderError, type Provider, type ProviderContext, type ProviderServices, type ProviderSession } from '../../host/provider';
import { secretKey, writeSettings } from '../../host/settings/providerSettings';
import type { ActionTuning } from './actions';
import { WebexApi } from './api';
import { meetingSecurity, type WebexMeetingSecurity } from './audit';
import { parseConfig, settingsProblems, WEBEX_SETTINGS_FIELDS, type WebexConfig } from './config';
import { WebexAuth } from './oauth';
import { MeetingList, platformTime, WebexMeeting, type WebexMeeting as Meeting } from './schemas';
import { DEFAULT_ACTION_TUNING, DEFAULT_POLL, WebexSession, type PollTuning } from './session';

const PROVIDER_ID = 'webex';
/** How far ahead "scheduled soon" looks. */
const SOON_MS = 24 * 60 * 60_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** Attach options from the renderer (hostile like any input): only poll pacing, within bounds. */
const AttachOptions = z
  .object({
    pollMinMs: z.number().int().min(250).max(60_000).optional(),
    pollMaxMs: z.number().int().min(250).max(300_000).optional(),
  })
  .strict();

export interface WebexProviderOptions {
  /** Test and drill pacing; production uses the defaults. */
  poll?: Partial<PollTuning>;
  tuning?: Partial<ActionTuning>;
  fetch?: typeof fetch;
}

/** The Webex provider, plus the pre-event audit read the hardening audit will use. */
export interface WebexProvider extends Provider {
  readMeetingSecurity(meetingId: string): Promise<WebexMeetingSecurity>;
}

export function createWebexProvider(services: ProviderServices, options: WebexProviderOptions = {}): WebexProvider {
  const loadConfig = async (): Promise<WebexConfig> => {
    const parsed = parseConfig(await services.settings.get(PROVIDER_ID), await services.vault.get(secretKey(PROVIDER_ID, 'clientSecret')));
    if (!parsed.ok) throw new ProviderError(parsed.problem, { kind: 'invalid', retryable: false });
    return parsed.config;
  };
  const auth = new WebexAuth(services, loadConfig);
  const api = async (clock = services.scheduler) =>
    new WebexApi({ baseUrl: (await loadConfig()).apiBaseUrl, tokens: auth, clock, timeoutMs: REQUEST_TIMEOUT_MS, fetch: options.fetch });

  const provider: WebexProvider = {
    id: PROVIDER_ID,
    name: 'Webex',
    settingsFields: WEBEX_SETTINGS_FIELDS,

    async status(): Promise<ProviderStatus> {
      const parsed = parseConfig(await services.settings.get(PROVIDER_ID), undefined);
      if (!parsed.ok) return { connected: false, canSignIn: true, detail: parsed.problem };
      if (!(await auth.isSignedIn())) return { connected: false, canSignIn: true, detail: 'Not signed in to Webex.' };
      return { connected: true, canSignIn: true, account: `Webex integration ${parsed.config.clientId.slice(0, 12)}…` };
    },

    async saveSettings(values) {
      const problems = settingsProblems(values);
      if (problems.length > 0) throw new HostdeckError('invalidInput', problems.join(' '));
      await writeSettings(provider, services, values);
    },

    signIn: () => auth.signIn(),
    signOut: () => auth.signOut(),

    async listMeetings(): Promise<MeetingSummary[]> {
      const client = await api();
      const now = services.scheduler.now();
      const live = await client.get('/meetings', MeetingList, { query: { meetingType: 'meeting', state: 'inProgress', max: '100' } });
      const scheduled = await client.get('/meetings', MeetingList, {
        query: {
          meetingType: 'scheduledMeeting',
          from: new Date(now - 60 * 60_000).toISOString(),
          to: new Date(now + SOON_MS).toISOString(),
          max: '100',
        },
      });
      const started = new Set(live.items.flatMap((m) => [m.scheduledMeetingId, m.meetingSeriesId].filter((id) => id !== undefined)));
      return [
        ...live.items.map((m) => summary(m, 'live')),
        ...scheduled.items
          .filter((m) => ['scheduled', 'ready', 'lobby', 'active'].includes(m.state) && !started.has(m.id))
          .map((m) => summary(m, 'scheduled')),
      ];
    },

    async attach(meetingId: string, rawOptions: unknown, context: ProviderContext): Promise<ProviderSession> {
      const parsed = AttachOptions.safeParse(rawOptions ?? {});
      if (!parsed.success) throw new HostdeckError('invalidInput', `Webex attach options: ${describeIssues(parsed.error)}`);
      const minMs = parsed.data.pollMinMs ?? options.poll?.minMs ?? DEFAULT_POLL.minMs;
      const poll: PollTuning = {
        ...DEFAULT_POLL,
        ...options.poll,
        minMs,
        maxMs: Math.max(minMs, parsed.data.pollMaxMs ?? options.poll?.maxMs ?? DEFAULT_POLL.maxMs),
      };
      return WebexSession.open({
        api: await api(context.scheduler),
        meetingId,
        context,
        poll,
        tuning: { ...DEFAULT_ACTION_TUNING, ...options.tuning },
        renewAuth: () => auth.refresh(),
      });
    },

    async readMeetingSecurity(meetingId: string): Promise<WebexMeetingSecurity> {
      return meetingSecurity(await (await api()).get(`/meetings/${encodeURIComponent(meetingId)}`, WebexMeeting));
    },
  };
  return provider;
}

function summary(meeting: Meeting, status: 'live' | 'scheduled'): MeetingSummary {
  const startsAt = platformTime(meeting.start);
  const kind = meeting.scheduledType === 'webinar' ? 'Webinar' : 'Meeting';
  return {
    providerId: PROVIDER_ID,
    meetingId: meeting.id,
    title: (meeting.title || 'Webex meeting').slice(0, 500),
    description:
      status === 'live' ? `${kind} in progress` : `${kind} scheduled${meeting.start ? ` for ${meeting.start.slice(0, 40)}` : ''}`,
    status,
    ...(startsAt !== undefined ? { startsAt } : {}),
  };
}
