import { z } from 'zod';
import { describeIssues, HostdeckError } from '../../../shared/contract/reply';
import type { ZoomJoinRequest } from '../../../shared/contract/zoomBridge';
import { UNKNOWN_CONTROLS, type Meeting } from '../../../shared/model/meeting';
import { ProviderError, type ProviderContext, type ProviderServices } from '../../host/provider';
import type { ZoomAuth } from './auth';
import type { ZoomMeetingBridge } from './bridge';
import { bridgeCapabilities, restOnlyCapabilities } from './capabilities';
import { loadConfig, readSecret, type ZoomConfig } from './config';
import { meetingSettingsOf, type ExpectedAttendee } from './meetingSettings';
import { ZoomRest, type TokenSource } from './rest';
import { ZoomMeeting, ZoomRegistrants, ZoomUserSettings, ZoomZak } from './schemas';
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

export interface AttachDeps {
  services: ProviderServices;
  auth: ZoomAuth;
  bridge: ZoomMeetingBridge | undefined;
}

export function restFor(config: ZoomConfig, tokens: TokenSource, services: ProviderServices): ZoomRest {
  return new ZoomRest({ baseUrl: config.apiBase, plan: config.plan, tokens, clock: services.scheduler });
}

/** A REST client for the signed-in account, or a clear error when nobody is signed in. */
export async function signedInRest(deps: Pick<AttachDeps, 'services' | 'auth'>): Promise<ZoomRest> {
  const config = await loadConfig(deps.services);
  if (!(await deps.auth.stored())) throw new HostdeckError('providerError', 'Sign in to Zoom first.');
  return restFor(config, deps.auth, deps.services);
}

async function expectedAttendees(rest: ZoomRest, meetingId: string): Promise<ExpectedAttendee[]> {
  const attendees: ExpectedAttendee[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10; page++) {
    const query = new URLSearchParams({ status: 'approved', page_size: '300', ...(token ? { next_page_token: token } : {}) });
    const answer = await rest.get(`/meetings/${meetingId}/registrants?${query}`, ZoomRegistrants, 'medium');
    for (const r of answer.registrants) {
      const name = [r.first_name, r.last_name].filter(Boolean).join(' ');
      attendees.push({ name, email: r.email, ...(r.org ? { organisation: r.org } : {}) });
    }
    token = answer.next_page_token || undefined;
    if (!token) break;
  }
  return attendees;
}

/**
 * The registrants as expected attendees, or why there are none: a meeting without registration has
 * no list, and a refused read (a missing scope, a plan without registration) is said, never
 * passed off as an empty list.
 */
async function registrantsOf(
  rest: ZoomRest,
  meetingId: string,
  registration: boolean,
): Promise<{ expectedAttendees: ExpectedAttendee[]; registrantsProblem?: string }> {
  if (!registration) {
    return { expectedAttendees: [], registrantsProblem: 'This Zoom meeting does not use registration, so it has no registrant list.' };
  }
  try {
    return { expectedAttendees: await expectedAttendees(rest, meetingId) };
  } catch (error) {
    return {
      expectedAttendees: [],
      registrantsProblem: `Zoom did not give the registrant list: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The SDK join: signature by the configured route, and the host's ZAK so the SDK starts as host. */
async function joinRequest(deps: AttachDeps, config: ZoomConfig, rest: ZoomRest, meeting: ZoomMeeting): Promise<ZoomJoinRequest> {
  const meetingNumber = String(meeting.id);
  const secrets = {
    sdkSecret: await readSecret(deps.services, 'sdkSecret'),
    endpointToken: await readSecret(deps.services, 'signatureEndpointToken'),
  };
  const signature = await joinSignature(config, meetingNumber, secrets, deps.services.scheduler);
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

async function readMeeting(rest: ZoomRest, meetingId: string): Promise<ZoomMeeting> {
  try {
    return await rest.get(`/meetings/${meetingId}`, ZoomMeeting, 'light');
  } catch (error) {
    await rest.stop();
    if (error instanceof ProviderError && error.kind === 'notFound') {
      throw new HostdeckError('unknownMeeting', `Zoom has no meeting ${meetingId} for this account.`);
    }
    throw new HostdeckError('providerError', (error as Error).message);
  }
}

/**
 * Attaches to one Zoom meeting: reads it (settings for the audit, registrants as expected
 * attendees), then joins the meeting window as host when the shell has one. If there is no window,
 * or the join fails, the session runs on REST alone and says why the SDK's controls are missing.
 */
export async function attachZoomMeeting(deps: AttachDeps, meetingId: string, rawOptions: unknown, context: ProviderContext) {
  if (!MeetingNumber.safeParse(meetingId).success) {
    throw new HostdeckError('unknownMeeting', `"${meetingId.slice(0, 40)}" is not a Zoom meeting number (9 to 12 digits).`);
  }
  const parsed = ZoomAttachOptions.safeParse(rawOptions ?? {});
  if (!parsed.success) throw new HostdeckError('invalidInput', `Zoom options are not valid: ${describeIssues(parsed.error)}`);
  const config = await loadConfig(deps.services);
  const rest = await signedInRest(deps);
  const meeting = await readMeeting(rest, meetingId);
  const userSettings = await rest.get('/users/me/settings', ZoomUserSettings, 'medium').catch(() => undefined);
  const registration = meeting.settings.approval_type === 0 || meeting.settings.approval_type === 1;
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
    refreshAuth: () => deps.auth.refresh(),
    meetingSettings: meetingSettingsOf(meeting, userSettings),
    ...(await registrantsOf(rest, meetingId, registration)),
    pollMs: config.pollMs,
  });
  let whyNoWindow = parsed.data.meetingWindow ? NO_WINDOW : 'the meeting window was not requested.';
  if (deps.bridge && parsed.data.meetingWindow) {
    const bridge = deps.bridge;
    const failure = await joinRequest(deps, config, rest, meeting).then(
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
}
