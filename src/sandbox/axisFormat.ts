/** Axis labels of the sandbox's chart drawing, formatted as Excel would format them. */

/**
 * An Excel number format of the kinds the adapter puts on axes — 0, 0.0…, with or without %,
 * possibly in conditional sections ("[>=0.01]0%;0.0%": the first section whose condition holds).
 */
export function axisFormatter(format: string): (v: number) => string {
  const sections = format.split(';').map((sec) => {
    const m = /^(?:\[>=([\d.eE+-]+)\])?0(?:\.(0+))?(%?)$/.exec(sec);
    return m ? { min: m[1] === undefined ? null : Number(m[1]), digits: m[2]?.length ?? 0, percent: m[3] === '%' } : null;
  });
  const parsed = sections.filter((x): x is NonNullable<typeof x> => x !== null);
  if (parsed.length !== sections.length || parsed.length === 0) return (v) => String(Number(v.toPrecision(6)));
  return (v) => {
    const s = parsed.find((x) => x.min === null || v >= x.min) ?? parsed[parsed.length - 1];
    return s.percent ? `${(v * 100).toFixed(s.digits)}%` : v.toFixed(s.digits);
  };
}
