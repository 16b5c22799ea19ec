import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { analyze, chartLabelRows, labels, outputCells, outputHeaders, parseConfig, type AnalysisResult, type Cell } from '../../src/domain';
import { writeAnnotatedWorkbook } from '../../src/xlsx';
import { lcg, makeResult, type RowSpec } from './resultBuilder';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'xlsx');
const work = mkdtempSync(join(tmpdir(), 'pm-xlsx-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const hex = (c: string) => c.replace('#', '').toUpperCase();

// ---------------------------------------------------------------------------------------------
// Fixtures: a Chinese sheet whose table starts at B3 under a title, with an image and an empty
// row; 40 clients spread over the four quadrants, three HIGH-risk, one exited, one without loyalty.

const SHEET = '客户清单';
const TOP = 3;
const LEFT = 2;
const SKIPPED = 5; // data row 5 is empty
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function portfolioRows(): RowSpec[] {
  const rand = lcg(7);
  const quadrantsBefore = ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL'] as const;
  const rows: RowSpec[] = [];
  for (let i = 1, n = 1; n <= 41; n++) {
    if (n === SKIPPED) continue;
    const volume = Math.round(10 + 490 * rand() ** 2);
    const spec: RowSpec = {
      row: n,
      clientId: `C${String(i).padStart(3, '0')}`,
      clientName: `客户${String(i).padStart(2, '0')}号`,
      volume,
      loyalty: Math.round(rand() * 1000) / 10,
      previousQuadrant: quadrantsBefore[i % 4],
    };
    if (i % 13 === 0) Object.assign(spec, { risk: 'HIGH', flags: ['DORMANT'], flagHits: [{ code: 'DORMANT', severity: 'HIGH', value: 200 }], priority: i });
    if (i === 20) Object.assign(spec, { risk: 'EXITED', stage: 'TERMINATED', volume: 0, churnType: 'COMPETITIVE' });
    if (i === 21) {
      Object.assign(spec, { loyalty: null, issues: [{ code: 'MISSING_LOYALTY', field: null, column: null, value: null }] });
    }
    rows.push(spec);
    i++;
  }
  return rows;
}

const result = makeResult({ rows: portfolioRows(), shareCut: 0.035, loyaltyCut: 50, withPrevious: true });

async function writeInputWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.getCell('B1').value = '2026年10月 客户清单';
  ['客户号', '客户名称', '存款日均', '交易次数'].forEach((h, j) => (ws.getCell(TOP, LEFT + j).value = h));
  for (const r of result.rows) {
    [r.clientId, r.clientName, r.volume, r.row * 3].forEach((v, j) => (ws.getCell(TOP + r.row, LEFT + j).value = v));
  }
  const img = wb.addImage({ buffer: PNG_1PX as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(img, { tl: { col: 0, row: 0 }, ext: { width: 16, height: 16 } });
  await wb.xlsx.writeFile(file);
}

const BOTTOM = TOP + 41;
const RIGHT = LEFT + 3;
const inputPath = join(work, 'input.xlsx');
// The annotated files and their PDFs stay in test-artifacts/ for people to open.
mkdirSync(ARTIFACTS, { recursive: true });
const outPath = join(ARTIFACTS, 'annotated.xlsx');

// A parser that keeps repeated chart elements as arrays whatever their count.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['c:ser', 'c:pt', 'c:dLbl', 'c:legendEntry', 'c:valAx', 'Override', 'Relationship', 'xdr:oneCellAnchor', 'xdr:twoCellAnchor', 'xdr:pic'].includes(name),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML is dynamically shaped; tests read it by path
type Xml = any;

async function unzip(file: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(file));
}

async function chartOf(file: string): Promise<{ zip: JSZip; chart: Xml; chartText: string }> {
  const zip = await unzip(file);
  const parts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
  expect(parts).toHaveLength(1);
  const chartText = await zip.file(parts[0])!.async('string');
  return { zip, chart: parser.parse(chartText), chartText };
}

const seriesName = (ser: Xml): string => ser['c:tx']['c:strRef']['c:strCache']['c:pt'][0]['c:v'];
const points = (val: Xml): number[] => (val['c:numRef']['c:numCache']['c:pt'] ?? []).map((p: Xml) => Number(p['c:v']));

beforeAll(async () => {
  await writeInputWorkbook(inputPath);
  await writeAnnotatedWorkbook({ path: inputPath, sheetName: SHEET, range: { top: TOP, left: LEFT, bottom: BOTTOM, right: RIGHT } }, result, 'zh-CN', outPath, {
    summaryExtras: [{ label: '输入文件', value: 'input.xlsx' }],
    now: new Date(2026, 10, 2, 9, 30, 0),
  });
});

// ---------------------------------------------------------------------------------------------
describe('the annotated sheet', () => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outPath);
    ws = wb.getWorksheet(SHEET)!;
  });

  test('the output headers sit immediately right of the table, in the locale', () => {
    const headers = outputHeaders(result, 'zh-CN');
    expect(headers[0]).toBe('业务份额');
    expect(headers).toContain('象限变化');
    headers.forEach((h, j) => expect(ws.getCell(TOP, RIGHT + 1 + j).value).toBe(h));
    expect(ws.getCell(TOP, RIGHT + 1 + headers.length).value).toBeNull();
  });

  test('every result row gets its values on its own data row, as plain values', () => {
    for (const r of result.rows) {
      const expected = outputCells(r, result, 'zh-CN');
      expected.forEach((v, j) => {
        const cell = ws.getCell(TOP + r.row, RIGHT + 1 + j);
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof v === 'number') expect(cell.value).toBeCloseTo(v, 12);
        else expect(cell.value ?? '').toBe(v);
      });
    }
  });

  test('share is formatted 0.00% and loyalty 0.0', () => {
    const r = result.rows[0];
    expect(ws.getCell(TOP + r.row, RIGHT + 1).numFmt).toBe('0.00%');
    expect(ws.getCell(TOP + r.row, RIGHT + 2).numFmt).toBe('0.0');
  });

  test('quadrant cells are filled by quadrant and risk cells by risk (conditional formats on the data rows)', () => {
    type Rule = { type: string; formulae: string[]; style: { fill: ExcelJS.FillPattern } };
    const formats = (ws as unknown as { conditionalFormattings: { ref: string; rules: Rule[] }[] }).conditionalFormattings;
    const col = (j: number) => ws.getColumn(RIGHT + j).letter;
    const fillOf = (j: number, text: string) => {
      const cf = formats.find((f) => f.ref === `${col(j)}${TOP + 1}:${col(j)}${BOTTOM}`);
      const rule = cf?.rules.find((x) => x.formulae[0] === `${col(j)}${TOP + 1}="${text}"`);
      return rule?.style.fill.bgColor?.argb;
    };
    for (const r of result.rows) {
      expect(fillOf(3, labels.QUADRANT_LABELS[r.quadrant]['zh-CN'])).toBe(`FF${hex(labels.QUADRANT_FILLS[r.quadrant])}`);
      const want = labels.RISK_FILLS[r.risk];
      expect(fillOf(5, labels.RISK_LABELS[r.risk]['zh-CN'])).toBe(want ? `FF${hex(want)}` : undefined);
    }
  });

  test('the skipped empty row gets nothing and the user’s cells are unchanged', () => {
    for (let j = 0; j < 14; j++) expect(ws.getCell(TOP + SKIPPED, LEFT + j).value).toBeNull();
    expect(ws.getCell('B1').value).toBe('2026年10月 客户清单');
    expect(ws.getCell(TOP, LEFT).value).toBe('客户号');
    const r = result.rows[7];
    expect(ws.getCell(TOP + r.row, LEFT + 1).value).toBe(r.clientName);
    expect(ws.getCell(TOP + r.row, LEFT + 2).value).toBe(r.volume);
  });

  test('an image on the input sheet is kept beside the chart', async () => {
    expect(ws.getImages()).toHaveLength(1);
    const zip = await unzip(outPath);
    const drawings = Object.keys(zip.files).filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p));
    expect(drawings).toHaveLength(1);
    const d = parser.parse(await zip.file(drawings[0])!.async('string'))['xdr:wsDr'];
    expect(d['xdr:twoCellAnchor'] ?? d['xdr:oneCellAnchor'].filter((a: Xml) => a['xdr:pic'])).toHaveLength(1);
    // The chart's placeholder picture is gone, file and all; the user's image stays.
    expect(Object.keys(zip.files).filter((p) => p.startsWith('xl/media/') && !zip.files[p].dir)).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
describe('the summary sheet', () => {
  let sheet: ExcelJS.Worksheet;
  /** Column B (and C…) of the first row whose column A says `label`, after the row saying `after`. */
  let find: (label: string, after?: string) => ExcelJS.CellValue[];
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outPath);
    sheet = wb.getWorksheet('客户矩阵汇总')!;
    find = (label, after) => {
      let seen = after === undefined;
      for (let r = 1; r <= sheet.rowCount; r++) {
        const a = sheet.getCell(r, 1).value;
        if (!seen) seen = a === after;
        else if (a === label) return [2, 3, 4, 5, 6, 7].map((c) => sheet.getCell(r, c).value);
      }
      throw new Error(`no row "${label}"${after ? ` after "${after}"` : ''}`);
    };
  });

  test('is named in the locale and is the workbook’s last sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outPath);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET, '客户矩阵汇总']);
  });

  test('holds the as-of date, the run time, the source range and the caller’s extras', () => {
    expect(find('分析日')[0]).toBe('2026-10-31');
    expect(String(find('运行时间')[0])).toMatch(/^2026-11-02 09:30:00 \(UTC[+-]\d\d:\d\d\)$/);
    expect(find('数据来源')[0]).toBe(`${SHEET}!B3:E44`);
    expect(find('输入文件')[0]).toBe('input.xlsx');
    expect(find('分析行数')[0]).toBe(40);
  });

  test('holds the cut values with their modes and the loyalty components with weights', () => {
    const share = find('业务份额（纵轴）');
    expect(share[0]).toContain('fixed:0.035');
    expect(share[1]).toBe(0.035);
    expect(find('忠诚度得分（横轴）')[1]).toBe(50);
    expect(find('信用等级', '忠诚度得分')[0]).toBe(2);
    expect(find('交易次数', '忠诚度得分')[0]).toBe(1);
  });

  test('counts clients and volume for every quadrant, stage and risk, zeros included', () => {
    for (const q of ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL', 'INSUFFICIENT_DATA'] as const) {
      const tot = result.summary.quadrants[q] ?? { count: 0, volume: 0 };
      expect(find(labels.QUADRANT_LABELS[q]['zh-CN'], '客户象限').slice(0, 2)).toEqual([tot.count, tot.volume]);
    }
    expect(find('成熟期', '生命周期阶段')[0]).toBe(result.summary.stages.MATURE);
    expect(find('潜在期', '生命周期阶段')[0]).toBe(0);
    expect(find('已流失', '流失风险')[0]).toBe(1);
    expect(find('高', '流失风险')[0]).toBe(result.summary.risks.HIGH);
  });

  test('holds the migration matrices, the data issues and the rules switched off', () => {
    const title = '象限迁移（客户数；行：上期，列：本期）';
    const fromLoyal = find('忠诚客户', title).slice(0, 5);
    const m = result.summary.migration!.LOYAL!;
    expect(fromLoyal).toEqual(['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL', 'INSUFFICIENT_DATA'].map((q) => m[q as keyof typeof m] ?? 0));
    expect(find('忠诚客户', '象限迁移（业务量；行：上期，列：本期）')).toBeDefined();
    expect(find('缺少忠诚度数据', '数据问题')[0]).toBe(1);
    expect(find('生命周期趋势判断', '未启用的规则')[0]).toBe('上期业务量、上期交易次数');
    expect(find('客户投诉', '未启用的规则')[0]).toBe('投诉次数');
  });

  test('holds the chart’s source data: per quadrant the clients’ loyalty and share, without exited clients', () => {
    const names: string[] = [];
    for (let k = 0; k < 4; k++) {
      const col = 9 + k * 5;
      const name = String(sheet.getCell(3, col).value);
      names.push(name);
      const count = Number(/\((\d+)\)$/.exec(name)![1]);
      for (let i = 0; i < count; i++) {
        const client = sheet.getCell(5 + i, col).value;
        const row = result.rows.find((r) => r.clientName === client)!;
        expect(row.risk).not.toBe('EXITED');
        expect(sheet.getCell(5 + i, col + 1).value).toBe(row.loyalty);
        expect(sheet.getCell(5 + i, col + 2).value).toBeCloseTo(row.share!, 12);
      }
      expect(sheet.getCell(5 + count, col).value).toBeNull();
    }
    expect(names[0]).toMatch(/^忠诚客户 \(\d+\)$/);
    const exited = result.rows.find((r) => r.risk === 'EXITED')!;
    const allClients = sheet.getColumn(9).values.concat(sheet.getColumn(14).values, sheet.getColumn(19).values, sheet.getColumn(24).values);
    expect(allClients).not.toContain(exited.clientName);
  });
});

// ---------------------------------------------------------------------------------------------
describe('the matrix chart', () => {
  let chart: Xml;
  let zip: JSZip;
  let series: Xml[];
  const onChart = result.rows.filter((r) => r.risk !== 'EXITED' && r.quadrant !== 'INSUFFICIENT_DATA');

  beforeAll(async () => {
    ({ chart, zip } = await chartOf(outPath));
    series = chart['c:chartSpace']['c:chart']['c:plotArea']['c:scatterChart']['c:ser'];
  });

  test('is one XY scatter chart with a series per quadrant in its colour, named with its count', () => {
    const quadrants = ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL'] as const;
    quadrants.forEach((q, i) => {
      const ser = series[i];
      const members = onChart.filter((r) => r.quadrant === q);
      expect(members.length).toBeGreaterThan(0);
      expect(seriesName(ser)).toBe(`${labels.QUADRANT_LABELS[q]['zh-CN']} (${members.length})`);
      expect(ser['c:marker']['c:spPr']['a:solidFill']['a:srgbClr'].val).toBe(hex(labels.QUADRANT_COLORS[q]));
      expect(ser['c:spPr']['a:ln']['a:noFill']).toBeDefined();
      expect(points(ser['c:xVal'])).toEqual(members.map((r) => r.loyalty));
      points(ser['c:yVal']).forEach((y, k) => expect(y).toBeCloseTo(members[k].share!, 12));
      expect(ser['c:xVal']['c:numRef']['c:f']).toMatch(/^'客户矩阵汇总'!\$[A-Z]+\$5:\$[A-Z]+\$\d+$/);
    });
    expect(onChart.length).toBe(38);
  });

  test('draws the two dividers at the cut values across the whole axis range, without markers', () => {
    const [vertical, horizontal] = series.slice(4, 6);
    expect(seriesName(vertical)).toBe('忠诚度分界 50.0');
    expect(seriesName(horizontal)).toBe('份额分界 3.50%');
    for (const d of [vertical, horizontal]) expect(d['c:marker']['c:symbol'].val).toBe('none');
    const [xAx, yAx] = chart['c:chartSpace']['c:chart']['c:plotArea']['c:valAx'];
    const y = { min: Number(yAx['c:scaling']['c:min'].val), max: Number(yAx['c:scaling']['c:max'].val) };
    const x = { min: Number(xAx['c:scaling']['c:min'].val), max: Number(xAx['c:scaling']['c:max'].val) };
    expect(x).toEqual({ min: 0, max: 100 });
    expect(points(vertical['c:xVal'])).toEqual([50, 50]);
    expect(points(vertical['c:yVal'])).toEqual([y.min, y.max]);
    expect(points(horizontal['c:xVal'])).toEqual([x.min, x.max]);
    expect(points(horizontal['c:yVal'])).toEqual([0.035, 0.035]);
    expect(y.min).toBe(0);
    expect(y.max).toBeGreaterThanOrEqual(Math.max(...onChart.map((r) => r.share!)));
    expect(yAx['c:scaling']['c:logBase']).toBeUndefined();
  });

  test('names the quadrants in the corners and keeps dividers and corner names out of the legend', () => {
    const corners = series.slice(6);
    expect(corners.map(seriesName)).toEqual(['忠诚客户', '问题客户1', '问题客户2', '一般客户']);
    for (const c of corners) {
      expect(c['c:marker']['c:symbol'].val).toBe('none');
      expect(c['c:dLbls']['c:showSerName'].val).toBe('1');
    }
    const hidden = chart['c:chartSpace']['c:chart']['c:legend']['c:legendEntry'].map((e: Xml) => Number(e['c:idx'].val));
    expect(hidden).toEqual([4, 5, 6, 7, 8, 9]);
  });

  test('labels the top-10 clients by share and every HIGH-risk client with their names', () => {
    const expected = chartLabelRows(result).map((i) => result.rows[i].clientName);
    const shown: string[] = [];
    for (const ser of series.slice(0, 4)) {
      for (const d of ser['c:dLbls']?.['c:dLbl'] ?? []) shown.push(d['c:tx']['c:rich']['a:p']['a:r']['a:t']);
    }
    expect(shown.sort()).toEqual([...expected].sort());
    expect(expected.length).toBeGreaterThan(10);
    for (const r of result.rows.filter((x) => x.risk === 'HIGH' && x.quadrant !== 'INSUFFICIENT_DATA')) expect(shown).toContain(r.clientName);
  });

  test('has titled axes, a title, and sits named right of the output columns, top-aligned with the table', async () => {
    const c = chart['c:chartSpace']['c:chart'];
    // The legend leaves the exited client out; the title says so (the summary's counts include it).
    expect(c['c:title']['c:tx']['c:rich']['a:p']['a:r']['a:t']).toBe('客户矩阵 (2026-10-31) · 图中不含已流失客户 1 户');
    const titles = c['c:plotArea']['c:valAx'].map((a: Xml) => a['c:title']['c:tx']['c:rich']['a:p']['a:r']['a:t']);
    expect(titles).toEqual(['忠诚度得分', '业务份额']);
    const drawingPath = Object.keys(zip.files).find((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))!;
    const anchors = parser.parse(await zip.file(drawingPath)!.async('string'))['xdr:wsDr']['xdr:oneCellAnchor'];
    const frame = anchors.find((a: Xml) => a['xdr:graphicFrame']);
    expect(frame['xdr:graphicFrame']['xdr:nvGraphicFramePr']['xdr:cNvPr'].name).toBe('PortfolioMatrixChart');
    const nOut = outputHeaders(result, 'zh-CN').length;
    expect(Number(frame['xdr:from']['xdr:col'])).toBe(RIGHT + nOut + 1);
    expect(Number(frame['xdr:from']['xdr:row'])).toBe(TOP - 1);
  });

  test('is a proper package part: content types and relationships point at it', async () => {
    const types = parser.parse(await zip.file('[Content_Types].xml')!.async('string'))['Types']['Override'];
    expect(types.find((o: Xml) => o.PartName === '/xl/charts/chart1.xml').ContentType).toBe('application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
    const rels = Object.keys(zip.files).filter((p) => /^xl\/drawings\/_rels\/drawing\d+\.xml\.rels$/.test(p));
    const relXml = await zip.file(rels[0])!.async('string');
    expect(relXml).toContain('Target="../charts/chart1.xml"');
  });
});

// ---------------------------------------------------------------------------------------------
describe('other inputs', () => {
  const table: Cell[][] = [['Client ID', 'Client name', 'Balance', 'Loyalty']];
  const specs: RowSpec[] = [];
  for (let i = 1; i <= 12; i++) {
    const volume = i === 12 ? 1_000_000 : i * 10;
    table.push([`K${i}`, `Client ${i}`, volume, i * 8]);
    specs.push({ row: i, clientId: `K${i}`, clientName: `Client ${i}`, volume, loyalty: i * 8 });
  }
  const outlier = makeResult({ rows: specs, shareCut: 0.5, loyaltyCut: 50, loyaltySource: 'score' });

  test('a CSV table becomes a new workbook with the table at A1 and an English summary', async () => {
    const out = join(work, 'from-csv.xlsx');
    await writeAnnotatedWorkbook({ table, sheetName: 'clients' }, outlier, 'en-US', out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['clients', 'Matrix summary']);
    const ws = wb.getWorksheet('clients')!;
    expect(ws.getCell('A1').value).toBe('Client ID');
    expect(ws.getCell('E1').value).toBe('Business share');
    expect(ws.getCell('G1').value).toBe('Quadrant');
    expect(ws.getCell('G13').value).toBe('Loyal');
    const { chart } = await chartOf(out);
    expect(seriesName(chart['c:chartSpace']['c:chart']['c:plotArea']['c:scatterChart']['c:ser'][0])).toBe('Loyal (1)');
  });

  test('a huge outlier makes the share axis logarithmic with power-of-ten bounds', async () => {
    const out = join(work, 'outlier.xlsx');
    await writeAnnotatedWorkbook({ table, sheetName: 'clients' }, outlier, 'en-US', out);
    const { chart } = await chartOf(out);
    const [xAx, yAx] = chart['c:chartSpace']['c:chart']['c:plotArea']['c:valAx'];
    expect(yAx['c:scaling']['c:logBase'].val).toBe('10');
    expect(xAx['c:scaling']['c:logBase']).toBeUndefined();
    const min = Number(yAx['c:scaling']['c:min'].val);
    const max = Number(yAx['c:scaling']['c:max'].val);
    expect(Math.log10(min)).toBeCloseTo(Math.round(Math.log10(min)), 9);
    expect(max).toBe(1);
    const smallest = Math.min(...outlier.rows.map((r) => r.share!));
    expect(min).toBeLessThanOrEqual(smallest);
    expect(min).toBeGreaterThan(smallest / 10);
    // A mapped loyalty score keeps its own scale: the axis covers the scores and the cut.
    expect(Number(xAx['c:scaling']['c:min'].val)).toBe(0);
    expect(Number(xAx['c:scaling']['c:max'].val)).toBeGreaterThanOrEqual(96);
  });

  test('copies the package it is given already loaded (the reader’s) as it would the file, without reading the file again', async () => {
    const range = { top: TOP, left: LEFT, bottom: BOTTOM, right: RIGHT };
    const fromFile = join(work, 'from-file.xlsx');
    const fromZip = join(work, 'from-zip.xlsx');
    const now = new Date(Date.UTC(2026, 11, 7, 12));
    await writeAnnotatedWorkbook({ path: inputPath, sheetName: SHEET, range }, result, 'zh-CN', fromFile, { now });
    const loaded = await JSZip.loadAsync(readFileSync(inputPath));
    // A path no file is at: only the loaded package can be copied.
    await writeAnnotatedWorkbook({ path: join(work, 'gone.xlsx'), sheetName: SHEET, range, zip: loaded }, result, 'zh-CN', fromZip, { now });
    const parts = async (f: string) => {
      const zip = await unzip(f);
      return Promise.all(Object.keys(zip.files).sort().map(async (n) => [n, await zip.files[n].async('string')]));
    };
    expect(await parts(fromZip)).toEqual(await parts(fromFile));
  });

  test('re-annotating an annotated copy replaces its summary sheet and chart instead of adding more', async () => {
    const again = join(work, 'again.xlsx');
    const range = { top: TOP, left: LEFT, bottom: BOTTOM, right: RIGHT };
    await writeAnnotatedWorkbook({ path: outPath, sheetName: SHEET, range }, result, 'zh-CN', again);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(again);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET, '客户矩阵汇总']);
    const zip = await unzip(again);
    expect(Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(1);
    expect(wb.getWorksheet(SHEET)!.getCell(TOP, RIGHT + 1).value).toBe('业务份额');
    expect(wb.getWorksheet(SHEET)!.getCell(TOP, RIGHT + 1 + outputHeaders(result, 'zh-CN').length).value).toBeNull();
  });

  test('keeps what exceljs would drop: the user’s own chart and defined names; the user’s cells read as before', async () => {
    // The annotated copy with its chart renamed stands for a workbook whose sheet has a chart of the user's.
    const zip = await unzip(outPath);
    const drawingPart = Object.keys(zip.files).find((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))!;
    zip.file(drawingPart, (await zip.file(drawingPart)!.async('string')).replace('name="PortfolioMatrixChart"', 'name="Branch trend"'));
    const wbXml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', wbXml.replace('</workbook>', '<definedNames><definedName name="Clients">\'客户清单\'!$B$3:$E$44</definedName></definedNames></workbook>'));
    const withChart = join(work, 'user-chart.xlsx');
    writeFileSync(withChart, await zip.generateAsync({ type: 'nodebuffer' }));

    const again = join(work, 'user-chart-annotated.xlsx');
    const range = { top: TOP, left: LEFT, bottom: BOTTOM, right: RIGHT };
    await writeAnnotatedWorkbook({ path: withChart, sheetName: SHEET, range }, result, 'en-US', again);
    const out = await unzip(again);
    const charts = Object.keys(out.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    expect(charts).toHaveLength(2);
    const drawing = await out.file(drawingPart)!.async('string');
    expect(drawing).toContain('name="Branch trend"');
    expect(drawing.match(/name="PortfolioMatrixChart"/g)).toHaveLength(1);
    // The earlier summary sheet is this run's, in this run's language; the defined name stays.
    const outWb = await out.file('xl/workbook.xml')!.async('string');
    expect(outWb).toContain('<definedName name="Clients">');
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(again);
    expect(back.worksheets.map((w) => w.name)).toEqual([SHEET, 'Matrix summary']);
    expect(back.getWorksheet(SHEET)!.getCell(TOP, RIGHT + 1).value).toBe('Business share');
    // The user's cells, shared strings included, read as before.
    expect(back.getWorksheet(SHEET)!.getCell('B1').value).toBe('2026年10月 客户清单');
    expect(back.getWorksheet(SHEET)!.getCell(TOP + 1, LEFT + 1).value).toBe(result.rows[0].clientName);
  });

  test('drops the calculation chain (Excel calls a file damaged when a listed cell lost its formula) and keeps other formulas', async () => {
    const file = join(work, 'formulas.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('F');
    ws.addRow(['ID', 'Name', 'Balance']);
    [1, 2, 3, 4].forEach((i) => ws.addRow([`K${i}`, `Client ${i}`, i * 100]));
    // D2 is where the first output column goes; A7 (below the table) is the user's and stays.
    ws.getCell('D2').value = { formula: 'C2*2', result: 200 };
    ws.getCell('A7').value = { formula: 'SUM(C2:C5)', result: 1000 };
    await wb.xlsx.writeFile(file);
    // exceljs writes no calculation chain; Excel does: add the one Excel would.
    const input = await unzip(file);
    input.file('xl/calcChain.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="D2" i="1"/><c r="A7"/></calcChain>');
    const rels = await input.file('xl/_rels/workbook.xml.rels')!.async('string');
    input.file('xl/_rels/workbook.xml.rels', rels.replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'));
    const types = await input.file('[Content_Types].xml')!.async('string');
    input.file('[Content_Types].xml', types.replace('</Types>', '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'));
    writeFileSync(file, await input.generateAsync({ type: 'nodebuffer' }));
    const small = makeResult({
      rows: [1, 2, 3, 4].map((i) => ({ row: i, clientId: `K${i}`, clientName: `Client ${i}`, volume: i * 100, loyalty: 20 * i })),
      shareCut: 0.3,
      loyaltyCut: 30,
    });
    const out = join(work, 'formulas-annotated.xlsx');
    await writeAnnotatedWorkbook({ path: file, sheetName: 'F', range: { top: 1, left: 1, bottom: 5, right: 3 } }, small, 'en-US', out);
    const zip = await unzip(out);
    expect(zip.file('xl/calcChain.xml')).toBeNull();
    expect(await zip.file('[Content_Types].xml')!.async('string')).not.toContain('calcChain');
    expect(await zip.file('xl/_rels/workbook.xml.rels')!.async('string')).not.toContain('calcChain');
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const sheet = back.getWorksheet('F')!;
    expect(sheet.getCell('D1').value).toBe('Business share');
    expect(sheet.getCell('D2').value).toBeCloseTo(small.rows[0].share!, 12);
    expect(sheet.getCell('A7').formula).toBe('SUM(C2:C5)');
  });

  test('a sheet part that breaks off mid-way fails the write and leaves no file behind, not even a temporary one', async () => {
    const zip = await unzip(inputPath);
    const part = 'xl/worksheets/sheet1.xml';
    const xml = await zip.file(part)!.async('string');
    zip.file(part, xml.slice(0, xml.indexOf('</sheetData>')));
    const dir = mkdtempSync(join(work, 'broken-'));
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, await zip.generateAsync({ type: 'nodebuffer' }));
    const out = join(dir, 'out.xlsx');
    const range = { top: TOP, left: LEFT, bottom: BOTTOM, right: RIGHT };
    await expect(writeAnnotatedWorkbook({ path: broken, sheetName: SHEET, range }, result, 'zh-CN', out)).rejects.toThrow(/ended before its <\/sheetData>/);
    expect(readdirSync(dir)).toEqual(['broken.xlsx']);
  });

  test('a file that is not an .xlsx package is refused with its name, and nothing is written', async () => {
    const bad = join(work, 'not-really.xlsx');
    writeFileSync(bad, 'client,volume\nA,1\n');
    const out = join(work, 'never.xlsx');
    const range = { top: 1, left: 1, bottom: 2, right: 2 };
    await expect(writeAnnotatedWorkbook({ path: bad, sheetName: 'x', range }, result, 'en-US', out)).rejects.toThrow(/not-really\.xlsx is not an \.xlsx workbook/);
    expect(existsSync(out)).toBe(false);
  });

  test('an Excel Table that is the analysed table is widened to take the output columns', async () => {
    const file = join(work, 'with-table.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('T');
    const rows = [1, 2, 3, 4].map((i) => [`K${i}`, `Client ${i}`, i * 100]);
    ws.addTable({ name: 'Clients', ref: 'B2', headerRow: true, columns: [{ name: 'ID' }, { name: 'Name' }, { name: 'Balance' }], rows });
    await wb.xlsx.writeFile(file);
    const small = makeResult({
      rows: rows.map((r, i) => ({ row: i + 1, clientId: String(r[0]), clientName: String(r[1]), volume: Number(r[2]), loyalty: 20 * i })),
      shareCut: 0.3,
      loyaltyCut: 30,
    });
    const out = tableOut;
    await writeAnnotatedWorkbook({ path: file, sheetName: 'T', range: { top: 2, left: 2, bottom: 6, right: 4 } }, small, 'en-US', out);
    const zip = await unzip(out);
    const tableXml = await zip.file('xl/tables/table1.xml')!.async('string');
    const table = parser.parse(tableXml).table;
    const headers = outputHeaders(small, 'en-US');
    expect(table.ref).toBe(`B2:${String.fromCharCode(68 + headers.length)}6`);
    expect(table.autoFilter.ref).toBe(table.ref);
    const cols = table.tableColumns.tableColumn.map((c: Xml) => c.name);
    expect(cols).toEqual(['ID', 'Name', 'Balance', ...headers]);
    expect(Number(table.tableColumns.count)).toBe(cols.length);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    expect(back.getWorksheet('T')!.getCell('E2').value).toBe('Business share');
  });

  test('refuses to write over the input file, however it is spelled', async () => {
    const before = statSync(inputPath).mtimeMs;
    const range = { top: TOP, left: LEFT, bottom: BOTTOM, right: RIGHT };
    await expect(writeAnnotatedWorkbook({ path: inputPath, sheetName: SHEET, range }, result, 'zh-CN', inputPath)).rejects.toThrow(/Refusing to overwrite/);
    const spelled = relative(process.cwd(), join(work, '.', 'input.xlsx'));
    await expect(writeAnnotatedWorkbook({ path: inputPath, sheetName: SHEET, range }, result, 'zh-CN', spelled)).rejects.toThrow(/Refusing to overwrite/);
    expect(statSync(inputPath).mtimeMs).toBe(before);
  });

  test('refuses a result whose rows do not fit the table, and a sheet that does not exist', async () => {
    const range = { top: TOP, left: LEFT, bottom: TOP + 10, right: RIGHT };
    await expect(writeAnnotatedWorkbook({ path: inputPath, sheetName: SHEET, range }, result, 'zh-CN', join(work, 'x.xlsx'))).rejects.toThrow(/outside the table/);
    await expect(
      writeAnnotatedWorkbook({ path: inputPath, sheetName: 'nope', range }, result, 'zh-CN', join(work, 'y.xlsx')),
    ).rejects.toThrow(/has no sheet "nope"/);
  });
});

// ---------------------------------------------------------------------------------------------
// The real analysis over the small branch example, written the way the CLI writes a CSV input.

function readCsv(name: string): Cell[][] {
  const text = readFileSync(join(ROOT, 'tests', 'fixtures', name), 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

const branchTable = readCsv('branch-small.csv');
const branch: AnalysisResult = analyze(
  branchTable,
  parseConfig(JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'branch-small.config.json'), 'utf8'))),
  { today: '2026-11-01' },
);
const branchOut = join(ARTIFACTS, 'branch-small.xlsx');
const tableOut = join(ARTIFACTS, 'with-table.xlsx');

describe('the real analysis of branch-small.csv', () => {
  beforeAll(async () => {
    await writeAnnotatedWorkbook({ table: branchTable, sheetName: '客户' }, branch, 'zh-CN', branchOut);
  });

  test('writes its rows, summary counts and chart series consistently', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(branchOut);
    const ws = wb.getWorksheet('客户')!;
    const right = branchTable[0].length;
    for (const r of branch.rows) expect(ws.getCell(1 + r.row, right + 3).value).toBe(labels.QUADRANT_LABELS[r.quadrant]['zh-CN']);
    const { chart } = await chartOf(branchOut);
    const series = chart['c:chartSpace']['c:chart']['c:plotArea']['c:scatterChart']['c:ser'];
    const plotted = branch.rows.filter((r) => r.risk !== 'EXITED' && r.quadrant !== 'INSUFFICIENT_DATA');
    const counts = series.slice(0, 4).map((s: Xml) => (s['c:xVal']['c:numRef']['c:numCache']['c:pt'] ?? []).length);
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(plotted.length);
  });

  test('holds the CSV’s numbers as numbers in the number columns, and every other cell as the text it was', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(branchOut);
    const ws = wb.getWorksheet('客户')!;
    const col = (h: string) => branchTable[0].indexOf(h) + 1;
    for (let r = 2; r <= branchTable.length; r++) {
      const source = branchTable[r - 1];
      const volume = source[col('存款日均(万元)') - 1] as string;
      expect(ws.getCell(r, col('存款日均(万元)')).value).toBe(/^\d+(\.\d+)?$/.test(volume) ? Number(volume) : volume === '' ? null : volume);
      expect(ws.getCell(r, col('客户号')).value).toBe(source[col('客户号') - 1]);
      // A date column and the percent-typed 本行占比 are not number fields: they stay text.
      const opened = source[col('开户日期') - 1];
      expect(ws.getCell(r, col('开户日期')).value).toBe(opened === '' ? null : opened);
      const wallet = source[col('本行占比') - 1];
      expect(ws.getCell(r, col('本行占比')).value).toBe(wallet === '' ? null : wallet);
    }
    expect(typeof ws.getCell(2, col('年交易次数')).value).toBe('number');
  });
});

// ---------------------------------------------------------------------------------------------
// A real spreadsheet program: LibreOffice opens both files and prints them to PDF (once).

function which(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const office = ['soffice', 'libreoffice'].find(which);
const poppler = which('pdftotext') && which('pdftoppm');
const cjkFonts = (() => {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
})();
const canRender = Boolean(office) && poppler && cjkFonts;
if (!canRender) {
  console.warn(
    'Skipping the LibreOffice rendering test of the annotated workbook: needs soffice (libreoffice-calc-nogui), ' +
      'pdftotext/pdftoppm (poppler-utils) and a Chinese font (fonts-noto-cjk) on PATH.',
  );
}

interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

/** The words of a PDF page with their boxes (points), from pdftotext -bbox. */
function pageWords(pdf: string, page: number): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    y1: Number(m[4]),
    text: unescape(m[5]),
  }));
}

/** Fonts space CJK from digits ("客户 06 号"), so texts are compared without whitespace. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

(canRender ? describe : describe.skip)('rendered by LibreOffice', () => {
  /** Per file: the text inside the chart's box on the data sheet's page, and the whole PDF's text. */
  const chartText: Record<string, string> = {};
  const allText: Record<string, string> = {};

  beforeAll(() => {
    const outDir = join(work, 'pdf');
    mkdirSync(outDir, { recursive: true });
    // A private profile, so parallel runs (and a running LibreOffice) do not collide; one page
    // per sheet, so the chart is never cut by a page break.
    const profile = `file://${join(work, 'lo-profile')}`;
    const filter = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}';
    const files = [outPath, branchOut, tableOut].filter((f) => existsSync(f));
    execFileSync(office!, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, ...files], {
      timeout: 120_000,
      stdio: 'ignore',
    });
    for (const name of ['annotated', 'branch-small', 'with-table']) {
      const pdf = join(outDir, `${name}.pdf`);
      if (!existsSync(pdf)) continue;
      allText[name] = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      // The chart title ("客户矩阵", the as-of date, what is not on the chart) is centred at the top of the chart box.
      const words = pageWords(pdf, 1);
      const i = words.findIndex((w, k) => w.text === '客户矩阵' && words[k + 1]?.text.startsWith('(2026'));
      if (i < 0) continue;
      const line = words.filter((w) => Math.abs(w.y0 - words[i].y0) < 2 && w.x0 >= words[i].x0 && w.x0 < words[i].x0 + 500);
      const cx = (words[i].x0 + Math.max(...line.map((w) => w.x1))) / 2;
      const box = { x0: cx - 300, x1: cx + 300, y0: words[i].y0 - 40, y1: words[i].y0 + 380 };
      chartText[name] = words
        .filter((w) => w.x0 >= box.x0 && w.x1 <= box.x1 && w.y0 >= box.y0 && w.y1 <= box.y1)
        .map((w) => w.text)
        .join(' ');
      // A picture of the chart to look at (test-artifacts/xlsx/*-chart.png).
      const dpi = 110;
      const px = (v: number) => String(Math.round((v * dpi) / 72));
      execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-png', '-r', String(dpi), '-x', px(box.x0), '-y', px(Math.max(0, box.y0)), '-W', px(600), '-H', px(420), '-singlefile', pdf, join(ARTIFACTS, `${name}-chart`)]);
    }
  }, 120_000);

  test('draws the chart with the four quadrant series and their counts in the legend', () => {
    expect(chartText.annotated).toBeDefined();
    for (const q of ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL'] as const) {
      const n = result.rows.filter((r) => r.quadrant === q && r.risk !== 'EXITED').length;
      expect(squeeze(chartText.annotated)).toContain(squeeze(`${labels.QUADRANT_LABELS[q]['zh-CN']} (${n})`));
    }
    expect(squeeze(chartText.annotated)).toContain('忠诚度得分');
  });

  test('labels exactly the chosen clients with their names on the chart', () => {
    const text = squeeze(chartText.annotated);
    const labelled = new Set(chartLabelRows(result).map((i) => result.rows[i].clientName!));
    for (const r of result.rows) {
      if (labelled.has(r.clientName!)) expect(text).toContain(r.clientName);
      else expect(text).not.toContain(r.clientName);
    }
  });

  test('renders the real analysis’ chart with its series names, labels and the summary sheet', () => {
    const text = squeeze(chartText['branch-small']);
    for (const q of ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL'] as const) {
      const n = branch.rows.filter((r) => r.quadrant === q && r.risk !== 'EXITED').length;
      expect(text).toContain(squeeze(`${labels.QUADRANT_LABELS[q]['zh-CN']} (${n})`));
    }
    for (const i of chartLabelRows(branch)) expect(text).toContain(branch.rows[i].clientName);
    expect(allText['branch-small']).toContain('客户矩阵汇总');
  });

  test('opens a workbook whose Excel Table was widened, with the output columns', () => {
    expect(allText['with-table']).toBeDefined();
    expect(allText['with-table']).toContain('Business share');
    expect(allText['with-table']).toContain('Client 4');
    expect(allText['with-table']).toContain('Portfolio matrix summary');
  });
});

// ---------------------------------------------------------------------------------------------
// Last: the files the tests above wrote.

describe('the packages written above', () => {
  test('every part of the package is well-formed XML, and every part has a content type', async () => {
    for (const file of [outPath, branchOut, tableOut]) {
      const z = await unzip(file);
      const types = await z.file('[Content_Types].xml')!.async('string');
      for (const name of Object.keys(z.files).filter((n) => !z.files[n].dir)) {
        if (/\.(xml|rels)$/.test(name)) expect([name, XMLValidator.validate(await z.file(name)!.async('string'))]).toEqual([name, true]);
        const ext = name.split('.').pop() as string;
        expect([name, types.includes(`PartName="/${name}"`) || types.includes(`Extension="${ext}"`)]).toEqual([name, true]);
      }
    }
  });
});
