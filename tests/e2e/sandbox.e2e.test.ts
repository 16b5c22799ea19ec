/**
 * End to end: the production build of the sandbox (the real task pane on the in-memory workbook)
 * in headless Chromium, clicked through as a user would — load the sample, select a cell, confirm
 * the mapping, analyse, run again, change a cut, break a cell, remove the results, switch the
 * language, and a 10,000-row table. Fails on any console error and on any request to a host other
 * than localhost (workbook.md "Privacy"). Needs Debian's chromium at /usr/bin/chromium; without it
 * the suite is skipped and says so.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { labels } from '../../src/domain';
import { productionBuild, ROOT, serve } from './server';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const suite = HAVE_CHROMIUM ? describe : describe.skip;
// Each step is a user flow in a real browser on a shared 2-core machine.
jest.setTimeout(180_000);
if (!HAVE_CHROMIUM) {
  // Jest lists the skipped tests; this says why (and what to do) once.
  console.warn(`Skipping the sandbox end-to-end tests: ${CHROMIUM} is missing (install it with: apt-get install -y chromium).`);
}

/**
 * A build to test: the production build is the one the end-to-end files share (server.ts: built
 * once per state of the sources); the development build (for React's warnings) is this file's own.
 */
function build(mode: 'production' | 'development'): string {
  if (mode === 'production') return productionBuild();
  const out = mkdtempSync(join(tmpdir(), `pm-e2e-${mode}-`));
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const r = spawnSync(process.execPath, [cli, '--mode', mode, '--output-path', out], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`webpack failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return out;
}

/**
 * What fails a page: console errors, page errors, and React's development warnings. React 18 logs
 * its "Warning: …" messages through console.error (unknown or non-boolean DOM attributes, keys,
 * act, nesting) and a few deprecations through console.warn, so both types are watched.
 */
function isProblem(type: string, text: string): boolean {
  return type === 'error' || ((type === 'warning' || type === 'warn') && text.startsWith('Warning:'));
}

interface Browsing {
  browser: Browser;
  page: Page;
  server: Server;
  base: string;
  /** Console problems (isProblem) and requests to other hosts, since the last check. */
  problems: string[];
  outsideRequests: string[];
}

/** Serves `dist`, starts Chromium on it and watches the console and the network. */
async function browse(dist: string, viewport = { width: 1440, height: 1000 }): Promise<Browsing> {
  const server = await serve(dist);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport, locale: 'en-US' });
  const problems: string[] = [];
  const outsideRequests: string[] = [];
  page.on('console', (m) => {
    if (isProblem(m.type(), m.text())) problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) return route.continue();
    outsideRequests.push(url.href);
    return route.abort();
  });
  return { browser, page, server, base, problems, outsideRequests };
}

async function stop(b: Browsing | undefined, dist: string): Promise<void> {
  await b?.browser.close();
  await new Promise((ok) => (b ? b.server.close(ok) : ok(undefined)));
  // The shared production build stays for the other end-to-end files; this file's own builds go.
  if (dist && dist.includes('pm-e2e-development-')) rmSync(dist, { recursive: true, force: true });
}

interface DrawnLabels {
  labels: number;
  corners: number;
  clashes: string[];
  misplaced: string[];
}

/**
 * The client-name labels as ECharts drew them (SVG text boxes in the page), checked against the
 * adapter's chart: every label the adapter set is drawn, on the side of its point it was given, no
 * two overlap and none overlaps a quadrant name.
 */
async function drawnLabels(page: Page): Promise<DrawnLabels> {
  return page.evaluate(`(() => {
    const sb = window.__sandbox;
    const chart = sb.workbook().snapshot().charts[0];
    const region = document.querySelector('section[aria-label] svg');
    const texts = [...region.querySelectorAll('text')].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
    const wanted = [];
    for (const s of chart.series) for (const p of s.points) {
      if (!p.hasDataLabel || !p.labelText) continue;
      const at = sb.chartPixel(s.xValues[p.index], s.yValues[p.index]);
      wanted.push({ text: p.labelText, position: p.label.position, corner: s.marker.style === 'None', at });
    }
    const used = new Set();
    const found = [];
    const misplaced = [];
    for (const w of wanted) {
      let best = null, bestD = Infinity;
      texts.forEach((t, i) => {
        if (t.text !== w.text || used.has(i)) return;
        const d = Math.hypot((t.box.left + t.box.right) / 2 - w.at[0], (t.box.top + t.box.bottom) / 2 - w.at[1]);
        if (d < bestD) { bestD = d; best = i; }
      });
      if (best === null) { misplaced.push(w.text + ': not drawn'); continue; }
      used.add(best);
      const b = texts[best].box;
      const [x, y] = w.at;
      const side = { Right: b.left >= x, Left: b.right <= x, Top: b.bottom <= y, Bottom: b.top >= y, Center: b.left <= x && b.right >= x }[w.position];
      if (!w.corner && !side) misplaced.push(w.text + ': not ' + w.position + ' of its point');
      found.push({ text: w.text, corner: w.corner, box: b });
    }
    const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const clashes = [];
    found.forEach((a, i) => found.slice(i + 1).forEach((b) => {
      if ((!a.corner || !b.corner) && hit(a.box, b.box)) clashes.push(a.text + ' × ' + b.text);
    }));
    return { labels: found.filter((f) => !f.corner).length, corners: found.filter((f) => f.corner).length, clashes, misplaced };
  })()`) as Promise<DrawnLabels>;
}

const paneOf = (page: Page) => page.getByRole('complementary', { name: /Task pane|任务窗格/ });

/**
 * Opens the Volume column's dropdown (a Fluent Dropdown: its list opens in a portal) and closes it
 * with Escape, then checks the page still shows and takes clicks: what is on top at the middle of
 * the pane and of the grid is the pane and the grid, not a portal over them (a white page).
 */
async function dropdownAndEscape(page: Page): Promise<void> {
  const volume = paneOf(page).getByRole('combobox', { name: /^(Volume|业务量)/ });
  await volume.click();
  await page.getByRole('menuitemcheckbox').first().waitFor();
  await page.keyboard.press('Escape');
  await expect(volume.getAttribute('aria-expanded')).resolves.toBe('false');
  const onTop = await page.evaluate(() =>
    ['aside', '[role="grid"]'].map((sel) => {
      const el = document.querySelector(sel) as HTMLElement;
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 300));
      return Boolean(hit && el.contains(hit));
    }),
  );
  expect(onTop).toEqual([true, true]);
}

/**
 * The task pane at Excel's default width (320 px on Windows): no horizontal scrolling and no
 * element reaching past its right edge. Returns the offenders (empty when it fits).
 */
function paneOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('aside') as HTMLElement;
    const right = pane.getBoundingClientRect().right;
    const out: string[] = [];
    if (pane.clientWidth !== 320) out.push(`the pane is ${pane.clientWidth} px wide inside`);
    if (pane.scrollWidth > pane.clientWidth) out.push(`pane scrolls: ${pane.scrollWidth} > ${pane.clientWidth}`);
    for (const el of pane.querySelectorAll<HTMLElement>('*')) {
      const b = el.getBoundingClientRect();
      if (b.width > 0 && b.right > right + 0.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" ends ${Math.round(b.right - right)} px past the pane`);
    }
    return out.slice(0, 20);
  });
}

type QuadrantCounts = Record<string, number>;

suite('the sandbox in a browser', () => {
  let dist = '';
  let b: Browsing;
  let page: Page;
  let base = '';
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    dist = build('production');
    b = await browse(dist);
    ({ page, base } = b);
  }, 900_000);

  afterAll(async () => {
    await stop(b, dist);
    if (Object.keys(timings).length) {
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, 'e2e-timings.json'), JSON.stringify(timings, null, 2) + '\n');
    }
  });

  afterEach(() => {
    expect(b.problems.splice(0)).toEqual([]);
    expect(b.outsideRequests.splice(0)).toEqual([]);
  });

  // ---- helpers that read the page and the workbook ----

  const pane = () => paneOf(page);

  async function paneCounts(name = 'Customer matrix'): Promise<QuadrantCounts> {
    const items = pane().getByRole('list', { name }).getByRole('listitem');
    const out: QuadrantCounts = {};
    for (const li of await items.all()) {
      const q = (await li.getAttribute('data-quadrant')) as string;
      out[q] = Number(/([\d,]+)\s*(clients?|户)/.exec((await li.textContent()) ?? '')?.[1].replace(/,/g, ''));
    }
    return out;
  }

  /** Runs the analysis from the pane and waits for it to finish; returns the time it took. */
  async function analyse(button: RegExp, done: RegExp): Promise<number> {
    const t0 = Date.now();
    await pane().getByRole('button', { name: button }).click();
    try {
      await pane().getByText(done).waitFor({ timeout: 120_000 });
      // The results panel is a lazily loaded part of the pane.
      await pane().getByRole('list', { name: /^(Customer matrix|客户矩阵)$/ }).waitFor();
    } catch (e) {
      // What the pane showed instead (an error, a dialog) is the quickest clue.
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'sandbox-failure.png') });
      throw e;
    }
    return Date.now() - t0;
  }

  /**
   * Runs `body` in the page with `wb` bound to the sandbox's workbook. Passed as a string so it is
   * evaluated by the DevTools protocol (the page's CSP forbids eval in the page itself).
   */
  const workbook = <T>(body: string): Promise<T> =>
    page.evaluate(`(() => { const wb = window.__sandbox.workbook(); ${body} })()`) as Promise<T>;

  /** Polls until `ok` holds (page.waitForFunction would need eval, which the page's CSP forbids). */
  async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout = 10_000): Promise<T> {
    const end = Date.now() + timeout;
    for (;;) {
      const v = await read();
      if (ok(v)) return v;
      if (Date.now() > end) throw new Error(`still not so after ${timeout} ms: ${JSON.stringify(v)}`);
      await page.waitForTimeout(100);
    }
  }

  /**
   * Waits until the page's animations (Fluent's accordion and drawer motions) have finished. A
   * click aimed at a button inside a panel that is still opening can land on the header the
   * panel pushes down: that happened under load, and opened the wrong group.
   */
  const settled = () => eventually(() => page.evaluate("document.getAnimations().filter((a) => a.playState === 'running' || a.pending).length") as Promise<number>, (n) => n === 0);

  let original: unknown[][] = [];

  it('opens with no error, loads the Chinese sample and detects the table around the selected cell', async () => {
    await page.goto(`${base}/sandbox.html`);
    await pane().getByText(/client rows/).waitFor();
    await page.getByRole('button', { name: 'Sample data' }).click();
    await page.getByRole('menuitem', { name: 'Chinese sample (300 clients)' }).click();
    await pane().getByText('Table 客户明细!A1:R301, 300 client rows').waitFor();

    // Select a cell inside the table with the mouse, and have the pane look again.
    await page.locator('[data-cell="D5"]').click();
    await expect(page.getByRole('grid').getAttribute('data-selection')).resolves.toBe('D5');
    await expect(workbook('return wb.selection()')).resolves.toEqual({ sheet: '客户明细', areas: ['D5'] });
    await pane().getByRole('button', { name: 'Detect the table again' }).click();
    await pane().getByText('Table 客户明细!A1:R301, 300 client rows').waitFor();
    await expect(pane().getByRole('combobox', { name: /^Volume/ }).textContent()).resolves.toContain('存款日均(万元)');
    // A newcomer's run: a mapping dropdown opened and closed with Escape left a white page.
    await dropdownAndEscape(page);
    await expect(pane().getByRole('combobox', { name: /^Volume/ }).textContent()).resolves.toContain('存款日均(万元)');
    await expect(paneOverflow(page)).resolves.toEqual([]);
    original = await workbook('return wb.getValues("客户明细", "A1:R301")');
  });

  let first: QuadrantCounts = {};

  it('confirms the mapping, analyses, and writes the columns, the summary sheet and the chart', async () => {
    await pane().getByRole('button', { name: 'Confirm mapping' }).click();
    await pane().getByText('Mapping confirmed and saved in the workbook.').waitFor();
    timings.analyse300RowsMs = await analyse(/^Analyse$/, /Analysed 300 clients/);
    first = await paneCounts();
    const total = Object.values(first).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(280);

    // Output columns right of the table, headers in the sheet language (the pane's: English).
    const H = labels.OUTPUT_HEADERS;
    const expectedHeaders = [H.share, H.loyalty, H.quadrant, H.stage, H.risk, H.flags, H.churnType, H.priority, H.action, H.issues].map((t) => t['en-US']);
    await expect(workbook('return wb.getValues("客户明细", "S1:AB1")[0]')).resolves.toEqual(expectedHeaders);
    // Every client has a quadrant, and the sheet's count per quadrant is the pane's.
    const quadrants = await workbook<string[]>('return wb.getValues("客户明细", "U2:U301").map((r) => r[0])');
    const names = Object.fromEntries(Object.entries(labels.QUADRANT_LABELS).map(([q, t]) => [t['en-US'], q]));
    const sheetCounts: QuadrantCounts = {};
    for (const label of quadrants) sheetCounts[names[label]] = (sheetCounts[names[label]] ?? 0) + 1;
    for (const q of ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL']) expect(sheetCounts[q] ?? 0).toBe(first[q]);
    // The user's table is untouched.
    await expect(workbook('return wb.getValues("客户明细", "A1:R301")')).resolves.toEqual(original);

    // The summary sheet says how the labels were made.
    const summary = await workbook<string>('return JSON.stringify(wb.getValues("Matrix summary", "A1:L60"))');
    expect(summary).toContain('pareto:0.8');
    expect(summary).toContain('median');

    // One chart; one series per quadrant in its colour, the legend's count = the points plotted;
    // ECharts drew exactly those series.
    const chart = await workbook<{ name: string; chartType: string; n: number; color: string }[]>(
      'const c = wb.snapshot().charts; if (c.length !== 1) throw new Error(c.length + " charts"); return c[0].series.map((s) => ({ name: s.name, chartType: s.chartType, n: s.xValues.filter((x) => x !== null).length, color: s.marker.background }))',
    );
    for (const q of ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL'] as const) {
      const s = chart.find((c) => c.name.startsWith(labels.QUADRANT_LABELS[q]['en-US'] + ' ('));
      expect(s).toBeDefined();
      expect(s?.name).toBe(`${labels.QUADRANT_LABELS[q]['en-US']} (${s?.n})`);
      expect(s?.color.toUpperCase()).toBe(labels.QUADRANT_COLORS[q]);
    }
    expect(chart.filter((s) => s.chartType === 'XYScatterLinesNoMarkers')).toHaveLength(2);
    await page.getByRole('region', { name: /Matrix chart/ }).locator('svg').waitFor();
    const drawn = await page.evaluate(() => {
      const option = window.__sandbox?.chartOption() as { series: { name: string; data: unknown[] }[] } | null;
      return option?.series.map((s) => ({ name: s.name, n: s.data.length })) ?? [];
    });
    expect(drawn).toEqual(chart.map((s) => ({ name: s.name, n: s.n })));
    await page.getByRole('region', { name: /Matrix chart/ }).locator('svg text', { hasText: 'Loyal (' }).first().waitFor();

    // The labels as drawn: where the adapter put them, none over another or over a quadrant name.
    const labelsDrawn = await drawnLabels(page);
    expect(labelsDrawn).toMatchObject({ corners: 4, clashes: [], misplaced: [] });
    expect(labelsDrawn.labels).toBeGreaterThanOrEqual(10);
    // The results fit Excel's default pane width.
    await expect(paneOverflow(page)).resolves.toEqual([]);
  });

  it('runs again in place: nothing is duplicated', async () => {
    const before = await workbook<{ sheets: string[]; charts: number; width: number }>(
      'const s = wb.snapshot(); return { sheets: s.sheets.map((x) => x.name), charts: s.charts.length, width: s.sheets[0].values[0].length }',
    );
    await analyse(/^Analyse again$/, /Analysed 300 clients/);
    const after = await workbook<typeof before>(
      'const s = wb.snapshot(); return { sheets: s.sheets.map((x) => x.name), charts: s.charts.length, width: s.sheets[0].values[0].length }',
    );
    expect(after).toEqual(before);
    expect(before.width).toBe(28); // A:R + S:AB
    await expect(paneCounts()).resolves.toEqual(first);
  });

  it('changes the share cut to the median and the counts follow', async () => {
    await pane().getByRole('button', { name: 'Settings' }).click();
    await settled();
    const share = pane().getByRole('group', { name: 'Business share cut (vertical axis)' });
    await share.getByRole('combobox', { name: 'Cut mode' }).selectOption('median');
    await analyse(/^Analyse again$/, /Analysed 300 clients/);
    const counts = await paneCounts();
    expect(counts).not.toEqual(first);
    // Half the clients are at or above the median share: far more "large" clients than Pareto's few.
    expect((counts.LOYAL ?? 0) + (counts.PROBLEM_2 ?? 0)).toBeGreaterThan((first.LOYAL ?? 0) + (first.PROBLEM_2 ?? 0));
    await pane().getByText(/Share ≥ .* is large \(median\)/).waitFor();
    await pane().getByRole('button', { name: 'Settings' }).click();
    await settled();
  });

  it('reports a cell the user broke as a data issue, on the row', async () => {
    const issues = () => pane().getByRole('region', { name: 'Data issues' });
    const countOf = async () => Number(/\((\d+)\)/.exec((await issues().getByRole('button', { name: /not a valid number/ }).textContent()) ?? '')?.[1] ?? 0);
    const before = await countOf();
    await page.locator('[data-cell="D3"]').dblclick();
    const editor = page.getByRole('textbox', { name: /D3$/ });
    await editor.fill('abc');
    await editor.press('Enter');
    await expect(workbook('return wb.getValue("客户明细", "D3")')).resolves.toBe('abc');
    await analyse(/^Analyse again$/, /Analysed 300 clients/);
    expect(await countOf()).toBe(before + 1);
    await issues().getByRole('button', { name: /not a valid number/ }).click();
    await issues().getByRole('button', { name: 'Row 3' }).waitFor();
    await settled();
    await expect(workbook('return wb.getValue("客户明细", "AB3")')).resolves.toContain('存款日均(万元): not a valid number (abc)');
    // Clicking the row selects it in the sheet.
    await issues().getByRole('button', { name: 'Row 3' }).click();
    await eventually(() => workbook<{ areas: string[] }>('return wb.selection()'), (s) => /^[A-Z]+3(:[A-Z]+3)?$/.test(s.areas[0]));
  });

  it('removes the results after confirmation and leaves the table as the user left it', async () => {
    await pane().getByRole('button', { name: 'Remove results' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove the results?' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await pane().getByText('The results were removed; your table is unchanged.').waitFor();
    const state = await workbook<{ sheets: string[]; charts: number; width: number; settings: string[] }>(
      'const s = wb.snapshot(); return { sheets: s.sheets.map((x) => x.name), charts: s.charts.length, width: s.sheets[0].values[0].length, settings: Object.keys(s.settings) }',
    );
    expect(state).toEqual({ sheets: ['客户明细'], charts: 0, width: 18, settings: [] });
    const expected = original.map((row, r) => row.map((v, c) => (r === 2 && c === 3 ? 'abc' : v)));
    await expect(workbook('return wb.getValues("客户明细", "A1:R301")')).resolves.toEqual(expected);
  });

  it('switches the pane and the page to Chinese, and analyses with Chinese labels', async () => {
    await pane().getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await pane().getByRole('heading', { name: '客户矩阵', level: 1 }).waitFor();
    await page.getByRole('heading', { name: '客户矩阵 · 沙盒' }).waitFor();
    // Clicking "Row 3" above left row 3 selected, which alone is no table: the pane says so.
    await pane().getByRole('button', { name: '重新识别表格' }).click();
    await expect(pane().getByRole('alert').textContent()).resolves.toContain('客户明细!A3:R3');
    // Select a cell inside the table and detect again, as the message asks.
    await page.locator('[data-cell="B5"]').click();
    await pane().getByRole('button', { name: '重新识别表格' }).click();
    await pane().getByText('表格：客户明细!A1:R301，300 行客户数据').waitFor();
    await pane().getByRole('button', { name: '确认映射' }).click();
    await pane().getByText('映射已确认并保存在工作簿中。').waitFor();
    await pane().getByRole('button', { name: '分析设置' }).click();
    await settled();
    await pane().getByRole('combobox', { name: '写入表格的标签语言' }).selectOption('zh-CN');
    // Back to the default share cut (the "二八" rule) for the picture.
    await pane().getByRole('group', { name: '业务份额分界（纵轴）' }).getByRole('combobox', { name: '分界方式' }).selectOption('pareto');
    await pane().getByRole('button', { name: '分析设置' }).click();
    await settled();
    await analyse(/^开始分析$/, /已分析 300 户客户/);
    await expect(workbook('return wb.getValue("客户明细", "U1")')).resolves.toBe('客户象限');
    await expect(workbook('return wb.sheetNames()')).resolves.toContain('客户矩阵汇总');
    await page.getByRole('region', { name: /矩阵图/ }).locator('svg text', { hasText: '忠诚客户 (' }).first().waitFor();
    const labelsDrawn = await drawnLabels(page);
    expect(labelsDrawn).toMatchObject({ corners: 4, clashes: [], misplaced: [] });
    // The pane in Chinese at 320 px, with the settings open: nothing past its edge, no scrolling sideways.
    await expect(paneOverflow(page)).resolves.toEqual([]);
    await pane().getByRole('button', { name: '分析设置' }).click();
    await settled();
    await expect(paneOverflow(page)).resolves.toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await pane().screenshot({ path: join(ARTIFACTS, 'pane-320.png') });
    await pane().getByRole('button', { name: '分析设置' }).click();
    await settled();
    await page.evaluate(() => document.querySelector('aside')?.scrollTo(0, 0));
    // The final state, kept as a test artifact: the sheet, the chart and the pane in Chinese.
    // PM_UPDATE_SCREENSHOT=1 also makes it the README's picture (never as a side effect of a test run).
    await page.waitForTimeout(300);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox.png') });
    if (process.env.PM_UPDATE_SCREENSHOT === '1') await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
  });

  it('analyses a 10,000-row table in reasonable time', async () => {
    await page.getByRole('button', { name: '示例数据' }).click();
    await page.getByRole('menuitem', { name: '大表（10,000 户）' }).click();
    await pane().getByText(/10,000 行客户数据/).waitFor({ timeout: 60_000 });
    await pane().getByRole('button', { name: '确认映射' }).click();
    await pane().getByText('映射已确认并保存在工作簿中。').waitFor();
    timings.analyse10000RowsMs = await analyse(/^开始分析$/, /已分析 10,000 户客户/);
    const filled = await workbook<number>('return wb.getValues(wb.sheetNames()[0], "U2:U10001").filter((r) => r[0] !== "").length');
    expect(filled).toBe(10_000);
    const counts = await paneCounts('客户矩阵');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(9_500);
    // Budget for a shared 2-core machine; the figure itself goes to test-artifacts/e2e-timings.json.
    expect(timings.analyse10000RowsMs).toBeLessThan(60_000);
  });
  it('opens a .csv and an .xlsx from disk, in the page', async () => {
    await page.locator('input[type="file"]').setInputFiles(join(ROOT, 'tests', 'fixtures', 'portfolio-en.csv'));
    // (Either language: this step also runs on its own.)
    await pane().getByText(/'?portfolio-en'?!A1:R31(，30 行客户数据|, 30 client rows)$/).waitFor();
    await expect(page.getByTestId('source').textContent()).resolves.toBe('portfolio-en.csv');
    await pane().getByRole('button', { name: /^(确认映射|Confirm mapping)$/ }).click();
    await analyse(/^(开始分析|Analyse)$/, /(已分析 30 户客户|Analysed 30 clients)/);

    // An .xlsx written here with exceljs, read in the browser by exceljs's browser build.
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Branch');
    ws.addRow(['Client ID', 'Client name', 'Average balance', 'Transactions', 'Open date']);
    ws.addRow(['A1', 'Alpha Ltd', 120, 40, new Date(Date.UTC(2015, 4, 20))]);
    ws.addRow(['A2', 'Beta Co.', 30, 12, new Date(Date.UTC(2021, 0, 5))]);
    ws.addRow(['A3', 'Gamma Group', { formula: '10*2', result: 20 }, 7, new Date(Date.UTC(2024, 8, 1))]);
    const file = join(mkdtempSync(join(tmpdir(), 'pm-e2e-xlsx-')), 'branch.xlsx');
    await book.xlsx.writeFile(file);
    await page.locator('input[type="file"]').setInputFiles(file);
    await pane().getByText(/Branch!A1:E4(，3 行客户数据|, 3 client rows)$/).waitFor();
    await expect(page.locator('[data-cell="E2"]').textContent()).resolves.toBe('2015-05-20');
    await expect(workbook('return wb.getValue("Branch", "C4")')).resolves.toBe(20);
  });
});

suite('the sandbox in a development build, where React reports its warnings', () => {
  let dist = '';
  let b: Browsing;

  beforeAll(async () => {
    dist = build('development');
    b = await browse(dist);
  }, 900_000);

  afterAll(() => stop(b, dist));

  afterEach(() => {
    expect(b.problems.splice(0)).toEqual([]);
    expect(b.outsideRequests.splice(0)).toEqual([]);
  });

  it('opens a mapping dropdown, closes it with Escape, folds the panels and analyses, with no React warning', async () => {
    const { page } = b;
    const pane = paneOf(page);
    await page.goto(`${b.base}/sandbox.html`);
    await pane.getByText(/client rows/).waitFor();
    await dropdownAndEscape(page);
    // Folding a panel: Fluent marks a closing panel inert, which React 18 warned about as `inert={true}`.
    const optional = pane.getByRole('button', { name: /^Other optional fields/ });
    await optional.click();
    await expect(optional.getAttribute('aria-expanded')).resolves.toBe('true');
    await optional.click();
    await expect(optional.getAttribute('aria-expanded')).resolves.toBe('false');
    await pane.getByRole('button', { name: 'Confirm mapping' }).click();
    await pane.getByRole('button', { name: /^Analyse$/ }).click();
    await pane.getByText(/Analysed 300 clients/).waitFor({ timeout: 120_000 });
    for (const name of ['Settings', 'Column mapping']) {
      const header = pane.getByRole('button', { name });
      const was = await header.getAttribute('aria-expanded');
      await header.click();
      await header.click();
      await expect(header.getAttribute('aria-expanded')).resolves.toBe(was);
    }
    await expect(paneOverflow(page)).resolves.toEqual([]);
  });

  it('counts a React warning in the console as a failure, from console.error and console.warn alike', async () => {
    await b.page.evaluate("console.error('Warning: Received `%s` for a non-boolean attribute `%s`.', 'true', 'inert')");
    await b.page.evaluate("console.warn('Warning: componentWillMount has been renamed')");
    await b.page.evaluate("console.warn('a library notice that is not a React warning')");
    await b.page.waitForTimeout(100);
    expect(b.problems.splice(0)).toEqual([
      expect.stringMatching(/^console\.error: Warning: Received/),
      expect.stringMatching(/^console\.warning: Warning: componentWillMount/),
    ]);
  });
});
