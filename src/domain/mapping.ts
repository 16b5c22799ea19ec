/**
 * Resolving the mapping of a table (§2, §12): an explicit mapping by header name, or the
 * auto-mapping with per-field overrides. Table-level problems are AnalysisErrors.
 */
import { headerText, normalizeHeader, suggestMapping, type ColumnMapping } from './autoMap';
import { AnalysisError } from './errors';
import { FIELDS, MULTI_COLUMN_FIELDS, type AnalysisConfig, type Cell, type Field } from './types';

export interface ResolvedMapping {
  /** field -> column indexes in the header row */
  columns: ColumnMapping;
  /** field -> header texts, in column order */
  headers: Partial<Record<Field, string[]>>;
}

/** Finds the one column whose header is `name` (exact text first, then normalised). */
function findColumn(header: readonly string[], field: Field, name: string): number {
  const wanted = name.trim();
  let hits = header.flatMap((h, i) => (h === wanted ? [i] : []));
  if (hits.length === 0) {
    const n = normalizeHeader(wanted);
    hits = header.flatMap((h, i) => (h !== '' && normalizeHeader(h) === n ? [i] : []));
  }
  if (hits.length === 0) throw new AnalysisError('MAPPED_COLUMN_MISSING', { field, header: wanted });
  if (hits.length > 1) throw new AnalysisError('DUPLICATE_MAPPED_HEADER', { header: wanted, count: hits.length });
  return hits[0];
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The mapping for a header row. `config.map`, when given, is the whole mapping; otherwise the
 * auto-mapping, with `overrides` (the command line's --map) replacing it field by field.
 */
export function resolveMapping(
  headerRow: readonly Cell[] | undefined,
  map?: AnalysisConfig['map'],
  overrides?: Partial<Record<Field, string | string[]>>,
): ResolvedMapping {
  const header = (headerRow ?? []).map(headerText);
  if (header.every((h) => h === '')) throw new AnalysisError('NO_HEADER');

  let columns: ColumnMapping = {};
  if (map) {
    for (const f of FIELDS) {
      const names = asList(map[f]);
      if (names.length) columns[f] = names.map((n) => findColumn(header, f, n));
    }
  } else {
    columns = suggestMapping(headerRow ?? []);
    for (const f of FIELDS) {
      const names = asList(overrides?.[f]);
      if (!names.length) continue;
      const cols = names.map((n) => findColumn(header, f, n));
      // A column taken by an override leaves the field it was suggested for.
      for (const g of FIELDS) {
        const left = columns[g]?.filter((c) => !cols.includes(c));
        if (left && left.length !== columns[g]?.length) {
          if (left.length) columns[g] = left;
          else delete columns[g];
        }
      }
      columns[f] = cols;
    }
  }

  const used = new Map<number, Field>();
  for (const f of FIELDS) {
    for (const c of columns[f] ?? []) {
      const other = used.get(c);
      if (other) {
        throw new AnalysisError('BAD_CONFIG', {
          key: `map.${f}`,
          problemEn: `column "${header[c]}" is already mapped to ${other}`,
          problemZh: `列"${header[c]}"已映射到 ${other}`,
        });
      }
      used.set(c, f);
    }
  }
  if (!columns.volume?.length) {
    throw new AnalysisError('NO_VOLUME_COLUMN', { headers: headerList(header) });
  }
  const headers: Partial<Record<Field, string[]>> = {};
  for (const f of FIELDS) {
    const cols = columns[f];
    if (cols?.length) {
      cols.sort((a, b) => a - b);
      headers[f] = cols.map((c) => header[c]);
    }
  }
  return { columns, headers };
}

/** A resolved mapping as config.map (field -> header, or list for multi-column fields). */
export function mappingToConfig(m: ResolvedMapping): NonNullable<AnalysisConfig['map']> {
  const out: NonNullable<AnalysisConfig['map']> = {};
  for (const f of FIELDS) {
    const hs = m.headers[f];
    if (!hs?.length) continue;
    out[f] = MULTI_COLUMN_FIELDS.includes(f) ? hs : hs[0];
  }
  return out;
}

/** Headers shown in a message at most, and characters of each: a message stays a message. */
const LISTED_HEADERS = 40;
const LISTED_CHARS = 60;

/**
 * The table's headers for a message: those not blank, in order, each cut to LISTED_CHARS
 * characters and the list to LISTED_HEADERS, an ellipsis marking a cut (a file that is one long
 * line, or a sheet thousands of columns wide, does not become a message of megabytes).
 */
export function headerList(header: readonly string[]): string {
  const shown = header.filter((h) => h !== '');
  const cut = (h: string): string => {
    // Characters, not UTF-16 units (a cut never splits one); 2n + 1 units hold more than n.
    const chars = Array.from(h.slice(0, LISTED_CHARS * 2 + 1));
    return chars.length > LISTED_CHARS ? `${chars.slice(0, LISTED_CHARS).join('')}…` : h;
  };
  const listed = shown.slice(0, LISTED_HEADERS).map(cut);
  if (shown.length > LISTED_HEADERS) listed.push('…');
  return listed.join(', ');
}
