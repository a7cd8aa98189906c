/**
 * Wires the plain IPC handlers to Electron's ipcMain. The only Electron-specific step is
 * reading who sent the message: its frame URL and whether it is the window's top frame.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { IpcHandler } from './ipc-handlers.js';
import type { SenderInfo } from './security.js';

export function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { url: frame?.url ?? '', isMainFrame: frame !== null && frame === event.sender.mainFrame };
}

export function registerIpcHandlers(handlers: Record<string, IpcHandler>): () => void {
  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => handler(senderInfo(event), args));
  }
  return () => {
    for (const channel of Object.keys(handlers)) ipcMain.removeHandler(channel);
  };
}
