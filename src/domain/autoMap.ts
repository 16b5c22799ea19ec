/** Header normalisation and the auto-mapping of analysis.md §2. */
import { FIELD_DEFS, PREVIOUS_PERIOD_FIELDS, PREVIOUS_PERIOD_MARKERS } from './fields';
import { foldTraditional } from './i18n/traditional';
import { MULTI_COLUMN_FIELDS, type Cell, type Field } from './types';

const TRAILING_BRACKET = /[([（【][^()[\]（）【】]*[)\]）】]\s*$/u;
const WHITE_SPACE = /\s+/gu;
const HAN = /\p{Script=Han}/u;

/**
 * NFKC, Traditional and variant characters folded to Simplified (客戶號, 客户號 -> 客户号: the
 * synonym lists keep one spelling), drop one trailing bracketed part, remove all white space,
 * lower-case.
 */
export function normalizeHeader(text: string): string {
  let s = foldTraditional(text.normalize('NFKC'));
  s = s.replace(TRAILING_BRACKET, '');
  return s.replace(WHITE_SPACE, '').toLowerCase();
}

/** The text of a header cell ("" for an empty one). */
export function headerText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isFinite(cell.getTime()) ? cell.toISOString().slice(0, 10) : '';
  return String(cell).trim();
}

interface Synonym {
  field: Field;
  fieldIndex: number;
  text: string;
  eligibleForContains: boolean;
}

const SYNONYMS: readonly Synonym[] = FIELD_DEFS.flatMap((def, fieldIndex) =>
  def.synonyms.map((raw) => {
    const text = normalizeHeader(raw);
    const minLength = HAN.test(text) ? 2 : 4;
    return { field: def.field, fieldIndex, text, eligibleForContains: [...text].length >= minLength };
  }),
);

const EXACT = new Map<string, Field>();
for (const s of SYNONYMS) if (!EXACT.has(s.text)) EXACT.set(s.text, s.field);

/** A mapping: field -> column indexes (0-based) in the header row. */
export type ColumnMapping = Partial<Record<Field, number[]>>;

function hasPreviousMarker(normalized: string): boolean {
  return PREVIOUS_PERIOD_MARKERS.some((m) => normalized.includes(m));
}

/** Suggests a mapping for a header row (§2 auto-mapping). Never throws. */
export function suggestMapping(header: readonly Cell[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const normalized = header.map((c) => normalizeHeader(headerText(c)));
  const taken = new Array<boolean>(header.length).fill(false);
  const isMulti = (f: Field) => MULTI_COLUMN_FIELDS.includes(f);

  // 1. Exact pass.
  normalized.forEach((h, col) => {
    if (h === '') return;
    const field = EXACT.get(h);
    if (!field) return;
    const cols = mapping[field];
    if (cols && !isMulti(field)) return;
    mapping[field] = [...(cols ?? []), col];
    taken[col] = true;
  });

  // 2. Contains pass, left to right, for headers still unmapped.
  normalized.forEach((h, col) => {
    if (h === '' || taken[col]) return;
    const previousOnly = hasPreviousMarker(h);
    let best: Synonym | undefined;
    for (const s of SYNONYMS) {
      if (!s.eligibleForContains || mapping[s.field] || !h.includes(s.text)) continue;
      if (previousOnly && !PREVIOUS_PERIOD_FIELDS.has(s.field)) continue;
      if (
        !best ||
        s.text.length > best.text.length ||
        (s.text.length === best.text.length && s.fieldIndex < best.fieldIndex)
      ) {
        best = s;
      }
    }
    if (best) {
      mapping[best.field] = [col];
      taken[col] = true;
    }
  });
  return mapping;
}
