/** Sandboxed preload: exposes the typed station bridge and nothing else (no raw ipcRenderer). */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StationEvent } from '../../shared/contract';
import { IPC_CALL, IPC_EVENT, type StationBridge } from '../../shared/contract/transport';

const bridge: StationBridge = {
  call: (name, input) => ipcRenderer.invoke(IPC_CALL, name, input),
  subscribe(listener) {
    const forward = (_event: IpcRendererEvent, payload: StationEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => ipcRenderer.removeListener(IPC_EVENT, forward);
  },
};

contextBridge.exposeInMainWorld('packbench', bridge);
