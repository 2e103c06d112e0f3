/**
 * What may never reach a label or a printer: control characters (C0, DEL, C1), Unicode non-characters (U+FDD0 to
 * U+FDEF and the last two code points of every plane, U+FFFE and U+FFFF among them), lone surrogates, the byte-order
 * mark, and bidirectional overrides and isolates (they could make an address read differently from what it is).
 * A non-character in an SVG made the whole label unparseable; a control character in ZPL or ESC/POS is a command.
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is this expression's job
  /[\u0000-\u001f\u007f-\u009f\ufdd0-\ufdef\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Line breaks and tabs inside one field are spaces on a label: the layout decides where lines break. */
const SPACING = /[\t\n\v\f\r\u0085\u2028\u2029]/g;

/** Text as it may be printed: spacing turned to spaces, everything unprintable removed, composed (NFC). */
export function cleanLabelText(text: string): string {
  return text.replace(SPACING, ' ').replace(UNPRINTABLE, '').normalize('NFC');
}

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for an XML element or attribute (SVG). It cleans first: XML 1.0 cannot carry control characters or
 * non-characters at all, escaped or not, so escaping alone is never complete.
 */
export function escapeXml(text: string): string {
  return cleanLabelText(text).replace(/[<>&"']/g, (char) => XML_ENTITIES[char]!);
}
