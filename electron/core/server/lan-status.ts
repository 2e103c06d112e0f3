/** What the LAN view listener is doing right now, for Settings to show the pairing link or the reason it is down. */
export class LanStatus {
  listening: { host: string; port: number } | null = null;
  error: string | null = null;
}
