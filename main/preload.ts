/**
 * The preload of the main window (sandboxed; bundled to CommonJS by scripts/build-main.mjs).
 * It exposes one object, `window.proofline`, whose methods each wrap one named invoke channel of
 * the contract, and whose `on…` subscriptions each listen on one named event channel. The
 * renderer never sees `ipcRenderer`, an IPC event object, or a generic way to reach a channel.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT, INVOKE, isBoolean, isMenuCommand, isOpenedFile, type DesktopBridge, type EventChannel } from './contract.js';

/** Listen on one event channel; the listener gets the checked payload only, never the event. */
function subscribe<T>(channel: EventChannel, check: (value: unknown) => value is T, listener: (value: T) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('"listener" expected a function');
  const wrapped = (_event: IpcRendererEvent, value: unknown): void => {
    if (check(value)) listener(value);
  };
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const bridge: DesktopBridge = {
  openTrace: () => ipcRenderer.invoke(INVOKE.openTrace),
  saveTrace: (name, text) => ipcRenderer.invoke(INVOKE.saveTrace, name, text),
  saveTraceAs: (name, text) => ipcRenderer.invoke(INVOKE.saveTraceAs, name, text),
  listPreparedTraces: () => ipcRenderer.invoke(INVOKE.listPreparedTraces),
  loadPreparedTrace: (name) => ipcRenderer.invoke(INVOKE.loadPreparedTrace, name),
  exportFile: (name, mime, data) => ipcRenderer.invoke(INVOKE.exportFile, name, mime, data),
  setUnsavedChanges: (unsaved) => ipcRenderer.invoke(INVOKE.setUnsavedChanges, unsaved),
  openSpec: (url) => ipcRenderer.invoke(INVOKE.openSpec, url),
  onFileOpened: (listener) => subscribe(EVENT.fileOpened, isOpenedFile, listener),
  onMenuCommand: (listener) => subscribe(EVENT.menuCommand, isMenuCommand, listener),
  onPresenterMode: (listener) => subscribe(EVENT.presenterMode, isBoolean, listener),
};

contextBridge.exposeInMainWorld('proofline', bridge);
