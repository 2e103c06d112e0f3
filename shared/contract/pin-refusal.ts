/**
 * Why a PIN was refused, sent in the error's details (with the wait, when the desk must wait) so the lock screen and
 * the PIN dialogs choose their words by code in the UI's language (renderer/src/i18n/error-strings.ts, pin.*).
 */
export const PIN_REFUSALS = ['pin_wrong', 'pin_not_supervisor', 'pin_throttled', 'pin_unusable'] as const;
export type PinRefusal = (typeof PIN_REFUSALS)[number];

export interface PinRefusalDetails {
  reason: PinRefusal;
  /** Only with pin_throttled: how long until a PIN is checked again. */
  retryAfterMs?: number;
}
