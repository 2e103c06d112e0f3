/**
 * The one shape of port both ends speak through. Three kinds of port meet here and differ in how they deliver:
 * the DOM's and Node's `MessagePort` (EventTarget: `addEventListener('message', e => e.data)`) and Electron's
 * `MessagePortMain` (EventEmitter: `on('message', e => e.data)`). Node's port is also an EventEmitter, but its
 * `on('message')` hands over the bare value, so EventTarget is preferred wherever a port has it.
 */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  close(): void;
  /** Ports queue what arrives until started (Electron's and the DOM's port with addEventListener). */
  start?(): void;
  addEventListener?(type: 'message' | 'close', listener: PortListener): void;
  removeEventListener?(type: 'message' | 'close', listener: PortListener): void;
  on?(type: 'message' | 'close', listener: PortListener): unknown;
  removeListener?(type: 'message' | 'close', listener: PortListener): unknown;
}

/** A message event carries `data`; a close event nothing: typed loosely so every kind of port's listener fits. */
type PortListener = (event: object) => void;

/**
 * Listens to a port's messages and to its far end going away (a window reloaded or closed, the core process
 * gone), then starts it. Returns a function that stops listening.
 */
export function listen(port: MessagePortLike, onData: (data: unknown) => void, onClose: () => void): () => void {
  const message = (event: object) => onData((event as { data?: unknown }).data);
  const close = () => onClose();
  if (port.addEventListener && port.removeEventListener) {
    port.addEventListener('message', message);
    port.addEventListener('close', close);
    port.start?.();
    return () => {
      port.removeEventListener?.('message', message);
      port.removeEventListener?.('close', close);
    };
  }
  if (port.on && port.removeListener) {
    port.on('message', message);
    port.on('close', close);
    port.start?.();
    return () => {
      port.removeListener?.('message', message);
      port.removeListener?.('close', close);
    };
  }
  throw new TypeError('Not a message port: it has neither addEventListener nor on.');
}
