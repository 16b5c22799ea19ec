// Writes src/domain/i18n/traditionalTable.ts: the Simplified → Traditional (Taiwan standard)
// character table and the phrase table that src/domain/i18n/traditional.ts converts with.
//
//   node scripts/traditional-table.mjs          # rewrite the table
//   node scripts/traditional-table.mjs --check  # exit 1 when the table is out of date
//
// The data is OpenCC's (opencc-js, a devDependency: cn → tw, i.e. Taiwan-standard characters
// without vocabulary changes), cut down to what the product needs so the task pane stays small
// (opencc-js's own cn2t bundle is ~450 KB gzipped; this table is ~2 KB; GB2312's 3,755 common
// characters would be ~8 KB, a third of what the task pane's budget had left):
// - characters: every Simplified character of src/ and manifest.xml whose Traditional form differs;
// - phrases: for the Chinese text in src/ only, the shortest words in which the one-character
//   conversion differs from OpenCC's word-level one (后 → 後 but 皇后; 发 → 發 but 头发 → 頭髮).
// OVERRIDES below are this project's reviewed deviations from OpenCC (tests/domain/traditional.test.ts
// checks every Chinese text in src/ against OpenCC with them applied).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const OpenCC = require('opencc-js');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'src/domain/i18n/traditionalTable.ts');

/**
 * Reviewed deviations from OpenCC's cn → tw, applied to its output. Taiwan's Ministry of
 * Education standard writes 帳 for accounts (帳戶, 帳號, 對帳); OpenCC writes 賬 (the Hong Kong
 * form). Both are read as the same word (traditional.ts folds 帳 and 賬 to 账).
 */
export const OVERRIDES = [['賬', '帳']];

const tw = OpenCC.Converter({ from: 'cn', to: 'tw' });
export const reference = (text) => OVERRIDES.reduce((s, [from, to]) => s.replaceAll(from, to), tw(text));

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;

/** GB2312's Simplified characters, decoded with the platform's GB18030 decoder. */
function gb2312() {
  const dec = new TextDecoder('gb18030');
  const out = [];
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      if (hi === 0xd7 && lo > 0xf9) continue;
      const c = dec.decode(Uint8Array.from([hi, lo]));
      if (HAN.test(c)) out.push(c);
    }
  }
  return out;
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && p !== OUT ? [p] : [];
  });
}

/** The runs of Han characters in the product's sources (catalogues, word lists, samples, comments) and manifest. */
export function sourceRuns() {
  const runs = new Set();
  for (const f of [...sourceFiles(path.join(root, 'src')), path.join(root, 'manifest.xml')]) for (const m of readFileSync(f, 'utf8').matchAll(HAN_RUN)) runs.add(m[0]);
  return [...runs].sort();
}

function build() {
  // Runs with characters outside GB2312 are Traditional already (comments' examples, 繁體中文): a
  // pair made of them (覈 → 核) would fold the Simplified character the wrong way.
  const simplified = new Set(gb2312());
  const runs = sourceRuns().filter((r) => [...r].every((c) => simplified.has(c)));
  const chars = [...new Set(runs.flatMap((r) => [...r]))].sort();
  const map = new Map();
  for (const c of chars) {
    const t = reference(c);
    if (t !== c && [...t].length === 1) map.set(c, t);
  }
  const charwise = (s) => [...s].map((c) => map.get(c) ?? c).join('');
  // Phrases: the shortest window around each character whose one-character form is wrong.
  const phrases = new Map();
  const apply = (s) => {
    let out = '';
    for (let i = 0; i < s.length; ) {
      let hit = null;
      for (const [p, t] of phrases) if (s.startsWith(p, i) && (!hit || p.length > hit[0].length)) hit = [p, t];
      if (hit) {
        out += hit[1];
        i += hit[0].length;
      } else out += charwise(s[i++]);
    }
    return out;
  };
  for (const run of runs) {
    const want = reference(run);
    if ([...want].length !== [...run].length) throw new Error(`OpenCC changed the length of ${run}`);
    for (let guard = 0; apply(run) !== want && guard < 20; guard++) {
      const got = apply(run);
      const i = [...got].findIndex((c, k) => c !== [...want][k]);
      let found = null;
      for (let len = 2; len <= run.length && !found; len++) {
        for (let from = Math.max(0, i - len + 1); from <= i && from + len <= run.length && !found; from++) {
          const sub = run.slice(from, from + len);
          const subT = reference(sub);
          if (subT[i - from] === want[i] && subT === want.slice(from, from + len)) found = [sub, subT];
        }
      }
      if (!found) throw new Error(`No phrase for ${run} at ${i}`);
      phrases.set(found[0], found[1]);
    }
  }
  return { map, phrases };
}

function render({ map, phrases }) {
  const pairs = [...map].map(([s, t]) => s + t).join('');
  const phraseList = [...phrases].sort(([a], [b]) => a.localeCompare(b)).map(([s, t]) => `${s}:${t}`).join(' ');
  return `/**
 * GENERATED by scripts/traditional-table.mjs from OpenCC (opencc-js, cn → tw) with the project's
 * reviewed overrides — do not edit by hand; run \`node scripts/traditional-table.mjs\`.
 * See traditional.ts for why a table and not the library.
 */

/** Simplified → Traditional (Taiwan standard), one character each: pairs of characters. */
export const CHAR_PAIRS =
  '${pairs}';

/** Words whose one-character conversion is wrong ("simplified:traditional", space-separated). */
export const PHRASES = '${phraseList}';
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const built = build();
  const text = render(built);
  if (process.argv.includes('--check')) {
    const now = readFileSync(OUT, 'utf8');
    if (now !== text) {
      console.error('src/domain/i18n/traditionalTable.ts is out of date: run node scripts/traditional-table.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(OUT, text);
    console.log(`${built.map.size} characters, ${built.phrases.size} phrases`);
  }
}
