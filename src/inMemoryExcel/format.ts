// Range.text: the value as displayed. Only the number formats an add-in like ours writes are rendered;
// anything else falls back to the General rendering (a documented gap).
import type { CellValue } from './model';

function general(v: number): string {
  if (Number.isInteger(v)) return String(v);
  // Excel's General shows at most 11 significant characters for ordinary magnitudes.
  const s = Number(v.toPrecision(10)).toString();
  return s;
}

function fixed(v: number, decimals: number, thousands: boolean): string {
  const s = v.toFixed(decimals);
  if (!thousands) return s;
  const [int, frac] = s.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac !== undefined ? `.${frac}` : '');
}

/** Serial (1900 date system) → yyyy-mm-dd parts. Serial 25569 = 1970-01-01. */
function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86400000));
}

export function formatValue(v: CellValue | undefined, format: string | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  const f = format ?? 'General';
  if (f === 'General' || f === '@') return general(v);
  let m = /^(#,##)?0(?:\.(0+))?(%?)$/.exec(f);
  if (m) {
    const pct = m[3] === '%';
    return fixed(pct ? v * 100 : v, m[2]?.length ?? 0, Boolean(m[1])) + (pct ? '%' : '');
  }
  m = /^yyyy-mm-dd$/i.exec(f);
  if (m) {
    const d = serialToDate(v);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
  }
  return general(v);
}
