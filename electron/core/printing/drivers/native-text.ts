import type { TextElement } from '../../../../shared/domain/label/model';

/**
 * Printable ASCII and Latin-1 (sent as UTF-8 under ^CI28): what the scalable font of ZPL printers draws. Anything
 * else (Chinese, Arabic, Cyrillic) is sent as an image cut from the label drawn with the shipped fonts.
 */
const isPrinterFontText = (text: string): boolean => /^[\x20-\x7e\u00a0-\u00ff]*$/.test(text);

export const isNativeText = (el: TextElement): boolean => el.lines.every(isPrinterFontText);
