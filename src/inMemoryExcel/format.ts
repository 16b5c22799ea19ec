// Range.text: the value as displayed. Only the number formats an add-in like ours writes are rendered;
// anything else falls back to the General rendering (a documented gap).
import type { CellValue } from './model';
import { DAYS_1904 } from './typing';

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

/** Serial → date and time (UTC fields). Serial 25569 = 1970-01-01 in the 1900 date system, 1462 less in 1904's. */
function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial + (date1904 ? DAYS_1904 : 0) - 25569) * 86400000));
}

const two = (n: number) => String(n).padStart(2, '0');

/** The text a cell shows; `date1904` is the workbook's date system (dates display 4 years later in it). */
export function formatValue(v: CellValue | undefined, format: string | undefined, date1904 = false): string {
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
  m = /^yyyy-mm-dd( hh:mm(:ss)?)?$/i.exec(f);
  if (m) {
    const d = serialToDate(v, date1904);
    const day = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
    if (!m[1]) return day;
    return `${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}${m[2] ? `:${two(d.getUTCSeconds())}` : ''}`;
  }
  return general(v);
}
