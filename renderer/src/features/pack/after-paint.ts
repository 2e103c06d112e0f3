/**
 * Resolves just after the browser painted its next frame, or after `fallbackMs` when no frame comes (a hidden or
 * minimised window paints nothing). A scan's verdict is judged and shown in the keydown; sending it to the station
 * (about a millisecond of the page's time for the request alone) waits until that verdict is on screen.
 */
export function afterPaint(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() => {
      // rAF runs just before the frame is painted; a message posted from it arrives just after.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        clearTimeout(timer);
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  });
}
