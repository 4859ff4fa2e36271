import type { ZoomBridgeCommand, ZoomJoinRequest } from '../../../shared/contract/zoomBridge';

/**
 * The port through which the Zoom provider reaches Zoom's Meeting SDK. The desktop shell implements
 * it with a dedicated, sandboxed window running the SDK (electron/main/zoomBridgeWindow.ts); browser
 * mode has none, so the provider falls back to what REST can do. Tests implement it in process
 * around a fake SDK client typed by the SDK's own declarations.
 */
export interface ZoomMeetingBridge {
  /**
   * Opens the meeting window and starts joining as host. Resolves once the window is ready;
   * `onMessage` then receives the join result, SDK events and a final `closed`, each as untrusted
   * data (the provider parses them with `ZoomBridgeMessage`).
   */
  open(join: ZoomJoinRequest, onMessage: (message: unknown) => void): Promise<ZoomBridgeConnection>;
}

export interface ZoomBridgeConnection {
  /** Runs one SDK call; resolves with the bridge's untrusted answer (parse with `ZoomBridgeResult`). */
  command(command: ZoomBridgeCommand): Promise<unknown>;
  /** Leaves the meeting (without ending it) and closes the window. */
  close(): Promise<void>;
}
