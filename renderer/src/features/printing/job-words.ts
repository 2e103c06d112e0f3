import i18next from 'i18next';
import type { PrinterWait } from '../../../../shared/contract/label-reason';

/** Why printing waits, in the UI's language, by the printer's code (the same words as the desk's label panel). */
export const printerWaitText = (code: PrinterWait): string => i18next.t(`pack:labelReason.${code}`);

/**
 * Why a job failed. The station's sentence is written for people (which order, what to fix) but only in English, so
 * it is shown as it is in English and, in any other language, the words for a label that did not print.
 */
export const jobErrorText = (error: string): string =>
  i18next.language === 'en' ? error : i18next.t('pack:labelReason.print_failed');
