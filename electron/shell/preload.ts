/**
 * Sandboxed preload: holds the window's MessagePort to the station core and exposes only call, subscribe and
 * onReconnect (no raw ipcRenderer, no port). Main hands over the port when asked, and a new one whenever the core
 * restarted.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_PORT, IPC_PORT_REQUEST, type DesktopBridge } from '../../shared/contract/transport';
import { portClient } from '../core/ports/port-client';

const client = portClient();
// A message without a port: the core died, and a new port follows once main restarted it.
ipcRenderer.on(IPC_PORT, (event) => {
  const [port] = event.ports;
  if (port) client.attach(port);
  else client.detach();
});
ipcRenderer.send(IPC_PORT_REQUEST);

const bridge: DesktopBridge = {
  call: (name, input) => client.call(name, input),
  subscribe: (listener) => client.subscribe(listener),
  onReconnect: (listener) => client.onReconnect(listener),
};

contextBridge.exposeInMainWorld('packbench', bridge);
