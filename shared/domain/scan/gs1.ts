/**
 * GS1 element strings: the data of a GS1-128 (or GS1 DataMatrix / QR) barcode, either as the scanner sends it
 * (application identifiers run together, variable-length fields ended by the group separator) or as printed under
 * the bars ("(01)09506000134352(21)A1"). Only the identifiers a packing desk needs are known; parsing stops
 * at any other, keeping what came before.
 */
export const GROUP_SEPARATOR = '\u001d';

/** Fixed length of the data, or the maximum for variable-length fields. */
const AIS: Record<string, { length: number; fixed: boolean }> = {
  '00': { length: 18, fixed: true },
  '01': { length: 14, fixed: true },
  '02': { length: 14, fixed: true },
  '10': { length: 20, fixed: false },
  '11': { length: 6, fixed: true },
  '13': { length: 6, fixed: true },
  '15': { length: 6, fixed: true },
  '17': { length: 6, fixed: true },
  '21': { length: 20, fixed: false },
  '30': { length: 8, fixed: false },
  '37': { length: 8, fixed: false },
};

export type Gs1Fields = Record<string, string>;

function parseBracketed(text: string): Gs1Fields | null {
  const fields: Gs1Fields = {};
  const pattern = /\((\d{2,4})\)([^()]*)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(text)) !== null) {
    const [whole, ai, value] = match as unknown as [string, string, string];
    const spec = AIS[ai];
    if (!spec || value.length === 0 || value.length > spec.length || (spec.fixed && value.length !== spec.length))
      return null;
    fields[ai] = value;
    consumed += whole.length;
  }
  return consumed === text.length && consumed > 0 ? fields : null;
}

function parseRaw(text: string): Gs1Fields | null {
  const fields: Gs1Fields = {};
  let rest = text.startsWith(GROUP_SEPARATOR) ? text.slice(1) : text;
  while (rest.length > 0) {
    const ai = rest.slice(0, 2);
    const spec = AIS[ai];
    if (!spec) break;
    rest = rest.slice(2);
    let value: string;
    if (spec.fixed) {
      value = rest.slice(0, spec.length);
      if (value.length !== spec.length) return null;
      rest = rest.slice(spec.length);
      if (rest.startsWith(GROUP_SEPARATOR)) rest = rest.slice(1);
    } else {
      const end = rest.indexOf(GROUP_SEPARATOR);
      value = end === -1 ? rest : rest.slice(0, end);
      if (value.length === 0 || value.length > spec.length) return null;
      rest = end === -1 ? '' : rest.slice(end + 1);
    }
    fields[ai] = value;
  }
  return Object.keys(fields).length > 0 ? fields : null;
}

/** The fields of a GS1 element string, or null when the text is not one. */
export function parseGs1(text: string): Gs1Fields | null {
  return text.startsWith('(') ? parseBracketed(text) : parseRaw(text);
}
