import { contextBridge, ipcRenderer } from 'electron';
import { ZOOM_BRIDGE_CHANNELS as C, type ZoomBridgeWindowApi } from '../../shared/contract/zoomBridgeChannels';

/**
 * The Zoom meeting window's preload: a narrow façade of five intent methods for the SDK driver
 * page. It exposes no ipcRenderer, no channel name and nothing of the console's API; the page can
 * only report meeting events and answer the commands main sends it.
 */
const api: ZoomBridgeWindowApi = {
  onJoin: (listener) => void ipcRenderer.on(C.join, (_event, request: unknown) => listener(request)),
  onCommand: (listener) => void ipcRenderer.on(C.command, (_event, id: number, command: unknown) => listener(id, command)),
  onLeave: (listener) => void ipcRenderer.on(C.leave, (_event, id: number) => listener(id)),
  post: (message) => ipcRenderer.send(C.message, message),
  answer: (id, result) => ipcRenderer.send(C.answer, id, result),
};

contextBridge.exposeInMainWorld('hostdeckZoomBridge', Object.freeze(api));
