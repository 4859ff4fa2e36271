/**
 * The Zoom meeting window's IPC channels and the one object its preload exposes, free of zod so
 * the preload stays tiny. The messages themselves are declared (and parsed) in `zoomBridge.ts`.
 */
export const ZOOM_BRIDGE_CHANNELS = {
  /** main → window: the join request (`ZoomJoinRequest`). */
  join: 'hostdeck:zoom:join',
  /** main → window: `(id, ZoomBridgeCommand)`; the window answers on `answer`. */
  command: 'hostdeck:zoom:command',
  /** main → window: `(id)` leave the meeting without ending it; answered on `answer`. */
  leave: 'hostdeck:zoom:leave',
  /** window → main: a `ZoomBridgeMessage`. */
  message: 'hostdeck:zoom:message',
  /** window → main: `(id, ZoomBridgeResult)`. */
  answer: 'hostdeck:zoom:answer',
} as const;

/** `window.hostdeckZoomBridge` in the meeting window: intent methods, no IPC object. */
export interface ZoomBridgeWindowApi {
  onJoin(listener: (request: unknown) => void): void;
  onCommand(listener: (id: number, command: unknown) => void): void;
  onLeave(listener: (id: number) => void): void;
  post(message: unknown): void;
  answer(id: number, result: unknown): void;
}
