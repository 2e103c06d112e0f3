import type { TextElement } from '../../../../shared/domain/label/model';

/** Printable ASCII: what the built-in fonts of ZPL printers draw; anything else is sent as an image. */
export const isPrintableAscii = (text: string): boolean => /^[\x20-\x7e]*$/.test(text);

export const isNativeText = (el: TextElement): boolean => el.lines.every(isPrintableAscii);
