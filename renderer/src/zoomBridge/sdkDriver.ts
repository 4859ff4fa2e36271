import type { EmbeddedClient, ExecutedFailure, ExecutedResult } from '@zoom/meetingsdk/embedded';
import type {
  ZoomBridgeCommand,
  ZoomBridgeMessage,
  ZoomBridgeResult,
  ZoomJoinRequest,
  ZoomSdkEventName,
} from '../../../shared/contract/zoomBridge';

/**
 * The part of the Meeting SDK's Component View client Hostdeck uses, taken from the SDK's own
 * declarations (`@zoom/meetingsdk/embedded.d.ts`): if Zoom renames a method or changes what it
 * takes, this and every fake of it stop compiling.
 */
export type ZoomSdkClient = Pick<
  typeof EmbeddedClient,
  | 'init'
  | 'join'
  | 'getAttendeeslist'
  | 'getCurrentUser'
  | 'getCurrentMeetingInfo'
  | 'isHost'
  | 'expel'
  | 'mute'
  | 'muteAll'
  | 'lockMeeting'
  | 'putOnHold'
  | 'admit'
  | 'admitAll'
  | 'endMeeting'
  | 'leaveMeeting'
  | 'on'
>;

/** Where the driver sends what happens in the meeting (the bridge window's preload, or a test). */
export interface BridgeOutlet {
  post(message: ZoomBridgeMessage): void;
}

/** SDK payloads cross a process boundary: only plain data survives, whatever the SDK attached. */
function plain(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value ?? null)) as unknown;
  } catch {
    return null;
  }
}

function isFailure(value: unknown): value is ExecutedFailure {
  return typeof value === 'object' && value !== null && 'type' in value && 'reason' in value;
}

function failureOf(error: unknown): { ok: false; type: string; reason: string } {
  if (isFailure(error)) return { ok: false, type: String(error.type).slice(0, 64), reason: String(error.reason).slice(0, 1000) };
  const reason = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown failure';
  return { ok: false, type: 'INTERNAL_ERROR', reason: reason.slice(0, 1000) };
}

/**
 * The SDK documents `ExecutedResult` as a promise that resolves with '' on success and rejects with
 * an `ExecutedFailure`; a failure object that resolves is treated the same, to be safe.
 */
async function settle(result: ExecutedResult): Promise<ZoomBridgeResult> {
  try {
    const value = await result;
    return isFailure(value) ? failureOf(value) : { ok: true };
  } catch (error) {
    return failureOf(error);
  }
}

/**
 * Runs inside the meeting window: joins as host through the Meeting SDK, forwards the SDK's user,
 * share and connection events as plain data, and turns bridge commands into SDK calls.
 */
export class SdkDriver {
  constructor(
    private readonly client: ZoomSdkClient,
    private readonly outlet: BridgeOutlet,
  ) {}

  async join(request: ZoomJoinRequest, root: HTMLElement | undefined): Promise<void> {
    this.subscribe();
    const init = await settle(
      this.client.init({ zoomAppRoot: root, language: request.language, patchJsMedia: false, leaveOnPageUnload: true }),
    );
    if (!init.ok) return this.outlet.post({ type: 'joinFailed', reason: `init: ${init.type}: ${init.reason}` });
    const joined = await settle(
      this.client.join({
        meetingNumber: request.meetingNumber,
        signature: request.signature,
        zak: request.zak,
        userName: request.userName,
        ...(request.password ? { password: request.password } : {}),
      }),
    );
    if (!joined.ok) return this.outlet.post({ type: 'joinFailed', reason: `${joined.type}: ${joined.reason}` });
    const self = this.client.getCurrentUser();
    const info = this.client.getCurrentMeetingInfo();
    this.outlet.post({
      type: 'joined',
      isHost: this.client.isHost(),
      ...(self ? { selfUserId: self.userId } : {}),
      ...(info.meetingTopic ? { topic: info.meetingTopic.slice(0, 500) } : {}),
      attendees: plain(this.client.getAttendeeslist()) as unknown[],
    });
  }

  async command(command: ZoomBridgeCommand): Promise<ZoomBridgeResult> {
    const c = this.client;
    switch (command.op) {
      case 'expel':
        return settle(c.expel(command.userId));
      case 'mute':
        return settle(c.mute(command.mute, command.userId));
      case 'muteAll':
        return settle(c.muteAll(command.mute));
      case 'lockMeeting':
        return settle(c.lockMeeting(command.lock));
      case 'putOnHold':
        return settle(c.putOnHold(command.userId, command.hold));
      case 'admit':
        return settle(c.admit(command.userId));
      case 'admitAll':
        return settle(c.admitAll());
      case 'endMeeting':
        return settle(c.endMeeting());
      case 'attendees':
        return { ok: true, attendees: plain(c.getAttendeeslist()) as unknown[] };
    }
  }

  /** Leaves without ending the meeting. */
  async leave(): Promise<void> {
    await settle(this.client.leaveMeeting());
  }

  private subscribe(): void {
    const forward = (name: ZoomSdkEventName) => (payload: unknown) => this.outlet.post({ type: 'event', name, payload: plain(payload) });
    this.client.on('user-added', forward('user-added'));
    this.client.on('user-removed', forward('user-removed'));
    this.client.on('user-updated', forward('user-updated'));
    this.client.on('peer-share-state-change', forward('peer-share-state-change'));
    this.client.on('connection-change', forward('connection-change'));
  }
}
