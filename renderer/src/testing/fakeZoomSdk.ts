import type {
  ExecutedFailure,
  ExecutedResult,
  InitOptions,
  JoinOptions,
  MeetingInfo,
  Participant,
  ParticipantPropertiesPayload,
} from '@zoom/meetingsdk/embedded';
import type { ZoomMeetingBridge } from '../../../electron/providers/zoom/bridge';
import { SdkDriver, type ZoomSdkClient } from '../zoomBridge/sdkDriver';

type Listener = (payload: never) => void;

/** One SDK call as the fake saw it, with the real time it arrived (for spacing checks). */
export interface SdkCall {
  method: string;
  args: unknown[];
  atMs: number;
}

/**
 * A fake of the Meeting SDK's Component View client, typed by the SDK's own declarations
 * (`ZoomSdkClient` is picked from `typeof EmbeddedClient`): if Zoom changes a method, this stops
 * compiling. It behaves like a meeting seen from the host's seat: people arrive and leave, the
 * host's calls change the meeting and raise the events the SDK documents, refusals reject with
 * an `ExecutedFailure`.
 */
export class FakeZoomSdkClient implements ZoomSdkClient {
  readonly calls: SdkCall[] = [];
  readonly users = new Map<number, Participant>();
  locked = false;
  /** Participants the host asked to unmute who have not accepted yet. */
  readonly askedToUnmute = new Set<number>();
  joinOptions: JoinOptions | undefined;
  /** Set to make the next join fail as the SDK would (e.g. a bad signature). */
  joinFailure: ExecutedFailure | undefined;
  /** Set to refuse the next call of a method. */
  readonly refuse = new Map<string, ExecutedFailure>();
  private readonly listeners = new Map<string, Listener[]>();
  private nextUserId = 16_778_240;
  private topic = '';

  constructor(private readonly meeting: { topic: string; attendees: { name: string; uuid?: string; hold?: boolean }[] }) {}

  // — the SDK surface —

  init(args: InitOptions): ExecutedResult {
    this.record('init', [args.language]);
    return Promise.resolve('');
  }

  join(args: JoinOptions): ExecutedResult {
    this.record('join', [args.meetingNumber]);
    this.joinOptions = args;
    if (this.joinFailure) return Promise.reject(this.joinFailure);
    this.topic = this.meeting.topic;
    this.add({ name: args.userName, host: true, uuid: 'self-uuid' }, false);
    for (const a of this.meeting.attendees) this.add(a, false);
    return Promise.resolve('');
  }

  getCurrentUser(): Participant | null {
    return [...this.users.values()].find((u) => u.isHost) ?? null;
  }

  getCurrentMeetingInfo(): MeetingInfo {
    return { meetingTopic: this.topic, meetingNumber: Number(this.joinOptions?.meetingNumber ?? 0), isInMeeting: true } as MeetingInfo;
  }

  getAttendeeslist(): Participant[] {
    return [...this.users.values()];
  }

  isHost(): boolean {
    return true;
  }

  expel(userId: number): ExecutedResult {
    return this.act('expel', [userId], () => {
      const user = this.requireUser(userId);
      this.users.delete(userId);
      this.emit('user-removed', [this.payload(user)]);
    });
  }

  mute(mute: boolean, userId?: number): ExecutedResult {
    return this.act('mute', [mute, userId], () => {
      const user = this.requireUser(userId ?? -1);
      // Zoom only asks someone else to unmute: they stay muted until they accept.
      if (!mute && !user.isHost) {
        this.askedToUnmute.add(user.userId);
        return;
      }
      this.setMuted(user, mute);
    });
  }

  /** The participant accepts the host's request to unmute (test control); false if nobody asked. */
  acceptUnmute(userId: number): boolean {
    const user = this.users.get(userId);
    if (!user || !this.askedToUnmute.delete(userId)) return false;
    this.setMuted(user, false);
    return true;
  }

  private setMuted(user: Participant, muted: boolean): void {
    user.muted = muted;
    this.emit('user-updated', [{ userId: user.userId, bCoHost: user.isCoHost, muted }]);
  }

  muteAll(muteAll: boolean): ExecutedResult {
    return this.act('muteAll', [muteAll], () => {
      for (const user of this.users.values()) {
        if (user.isHost || user.muted === muteAll) continue;
        user.muted = muteAll;
        this.emit('user-updated', [{ userId: user.userId, bCoHost: user.isCoHost, muted: muteAll }]);
      }
    });
  }

  lockMeeting(lockMeeting: boolean): ExecutedResult {
    return this.act('lockMeeting', [lockMeeting], () => (this.locked = lockMeeting));
  }

  putOnHold(userId: number, hold: boolean): ExecutedResult {
    return this.act('putOnHold', [userId, hold], () => this.moveHold(this.requireUser(userId), hold));
  }

  admit(userId: number): ExecutedResult {
    return this.act('admit', [userId], () => this.moveHold(this.requireUser(userId), false));
  }

  admitAll(): ExecutedResult {
    return this.act('admitAll', [], () => {
      for (const user of [...this.users.values()]) if (user.isHold) this.moveHold(user, false);
    });
  }

  endMeeting(): ExecutedResult {
    return this.act('endMeeting', [], () => {
      this.users.clear();
      this.emit('connection-change', { state: 'Closed', reason: 'The meeting has been ended by host' });
    });
  }

  leaveMeeting(): ExecutedResult {
    this.record('leaveMeeting', []);
    return Promise.resolve('');
  }

  on(event: string, callback: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), callback]);
  }

  // — what happens in the meeting, driven by the test —

  /** Someone joins (refused while locked, as Zoom does, without telling the host). */
  arrive(name: string, options: { uuid?: string; video?: boolean; hold?: boolean; silently?: boolean } = {}): Participant | undefined {
    if (this.locked) return undefined;
    return this.add({ name, ...options }, !options.silently);
  }

  /** Someone is gone without the SDK saying so (an event lost on the way). */
  vanish(userId: number): void {
    this.users.delete(userId);
  }

  depart(userId: number): void {
    const user = this.requireUser(userId);
    this.users.delete(userId);
    this.emit('user-removed', [this.payload(user)]);
  }

  share(userId: number, on: boolean): void {
    this.requireUser(userId).sharerOn = on;
    this.emit('peer-share-state-change', { userId, action: on ? 'Start' : 'Stop' });
  }

  /** Raw event, for malformed payloads. */
  emit(event: string, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload as never);
  }

  private add(a: { name: string; uuid?: string; hold?: boolean; host?: boolean; video?: boolean }, announce: boolean): Participant {
    const userId = this.nextUserId++;
    const user = {
      userId,
      userName: a.name,
      displayName: a.name,
      audio: 'computer',
      muted: false,
      isHost: a.host ?? false,
      isCoHost: false,
      isGuest: !a.uuid,
      avatar: '',
      isPhoneUser: false,
      bRaiseHand: false,
      isHold: a.hold ?? false,
      bHold: a.hold ?? false,
      video: a.video ?? false,
      bVideoOn: a.video ?? false,
      sharerOn: false,
      feedback: 0,
      sharePause: false,
      ...(a.uuid ? { participantUUID: a.uuid } : {}),
    } satisfies Participant;
    this.users.set(userId, user);
    if (announce) this.emit('user-added', [this.payload(user)]);
    return user;
  }

  /** Zoom re-adds a user moved to or from the waiting room under a new user id. */
  private moveHold(user: Participant, hold: boolean): void {
    this.users.delete(user.userId);
    this.emit('user-removed', [{ ...this.payload(user), reason: 'on hold' }]);
    const moved = { ...user, userId: this.nextUserId++, isHold: hold, bHold: hold };
    this.users.set(moved.userId, moved);
    this.emit('user-added', [{ ...this.payload(moved), source: 'on hold' }]);
  }

  private payload(user: Participant): ParticipantPropertiesPayload {
    return {
      userId: user.userId,
      displayName: user.userName,
      isHost: user.isHost,
      bCoHost: user.isCoHost,
      isGuest: user.isGuest,
      bHold: user.isHold,
      muted: user.muted,
      audio: user.audio,
      bVideoOn: user.video,
      sharerOn: user.sharerOn,
      ...(user.participantUUID ? { participantUUID: user.participantUUID } : {}),
    } as ParticipantPropertiesPayload;
  }

  private requireUser(userId: number): Participant {
    const user = this.users.get(userId);
    if (!user) throw { type: 'INVALID_PARAMETERS', reason: `no user ${userId}` } satisfies ExecutedFailure;
    return user;
  }

  private record(method: string, args: unknown[]): void {
    this.calls.push({ method, args, atMs: Date.now() });
  }

  private act(method: string, args: unknown[], effect: () => void): ExecutedResult {
    this.record(method, args);
    const refusal = this.refuse.get(method);
    if (refusal) {
      this.refuse.delete(method);
      return Promise.reject(refusal);
    }
    try {
      effect();
    } catch (failure) {
      return Promise.reject(failure);
    }
    return Promise.resolve('');
  }
}

/**
 * The bridge port in process: what the Electron shell does across its window and IPC, minus the
 * window. Messages are structured-cloned, as IPC would.
 */
export function inProcessBridge(client: () => FakeZoomSdkClient): ZoomMeetingBridge & { clients: FakeZoomSdkClient[] } {
  const clients: FakeZoomSdkClient[] = [];
  return {
    clients,
    async open(join, onMessage) {
      const sdk = client();
      clients.push(sdk);
      const driver = new SdkDriver(sdk, { post: (message) => onMessage(structuredClone(message)) });
      void driver.join(join, undefined);
      return {
        command: async (command) => structuredClone(await driver.command(command)),
        close: () => driver.leave(),
      };
    },
  };
}
