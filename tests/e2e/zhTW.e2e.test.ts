/**
 * End to end in Traditional Chinese: the production build of the sandbox in headless Chromium
 * whose display language is zh-TW. The page opens with the Traditional sample portfolio and the
 * pane in zh-TW; the analysis writes Traditional headers, labels, summary sheet and chart; and the
 * same clients in Simplified characters (the Chinese sample) give the same quadrant counts. Fails on
 * any console error and any request to a host other than localhost. Needs /usr/bin/chromium.
 */
import { existsSync, mkdirSync } from 'fs';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { labels, type Quadrant } from '../../src/domain';
import { productionBuild, ROOT, serve } from './server';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const suite = existsSync(CHROMIUM) ? describe : describe.skip;
jest.setTimeout(180_000);
if (!existsSync(CHROMIUM)) console.warn(`Skipping the zh-TW end-to-end tests: ${CHROMIUM} is missing (install it with: apt-get install -y chromium).`);

const TW = (q: Quadrant) => labels.QUADRANT_LABELS[q]['zh-TW'];
type Counts = Record<string, number>;

suite('the sandbox in Traditional Chinese', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await serve(productionBuild());
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-TW' });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) return route.continue();
      problems.push(`request to ${url.href}`);
      return route.abort();
    });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox.html`);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  });

  afterEach(() => expect(problems.splice(0)).toEqual([]));

  const pane = () => page.getByRole('complementary', { name: '任務窗格' });
  const workbook = <T>(body: string): Promise<T> => page.evaluate(`(() => { const wb = window.__sandbox.workbook(); ${body} })()`) as Promise<T>;

  async function paneCounts(): Promise<Counts> {
    const out: Counts = {};
    for (const li of await pane().getByRole('list', { name: '客戶矩陣' }).getByRole('listitem').all()) {
      const q = (await li.getAttribute('data-quadrant')) as Quadrant;
      // The item reads "<label><count> 戶…" (問題客戶1 ends in a digit itself).
      const text = ((await li.textContent()) ?? '').slice(TW(q).length);
      out[q] = Number(/^\s*([\d,]+)\s*戶/.exec(text)?.[1].replace(/,/g, ''));
    }
    return out;
  }

  async function confirmAndAnalyse(): Promise<void> {
    await pane().getByRole('button', { name: '確認映射' }).click();
    await pane().getByText('映射已確認並保存在工作簿中。').waitFor();
    await pane().getByRole('button', { name: /^開始分析$|^重新分析$/ }).click();
    try {
      await pane().getByText(/已分析 300 戶客戶/).waitFor({ timeout: 120_000 });
      await pane().getByRole('list', { name: '客戶矩陣' }).waitFor();
    } catch (e) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'sandbox-zhTW-failure.png') });
      throw e;
    }
  }

  let counts: Counts = {};

  it('opens in zh-TW with the Traditional sample, a Hong Kong header among Taiwan ones, all mapped', async () => {
    await page.getByRole('heading', { name: '客戶矩陣 · 沙盒' }).waitFor();
    await pane().getByRole('heading', { name: '客戶矩陣', level: 1 }).waitFor();
    await pane().getByText('表格：客戶明細!A1:R301，300 行客戶數據').waitFor();
    await expect(page.getByTestId('source').textContent()).resolves.toBe('繁體中文示例（300 戶）');
    await expect(workbook('return wb.getValues("客戶明細", "A1:D1")[0]')).resolves.toEqual(['客户號', '客戶名稱', '客戶經理', '存款日均(萬元)']);
    await expect(pane().getByRole('combobox', { name: /^業務量/ }).textContent()).resolves.toContain('存款日均(萬元)');
    await expect(pane().getByRole('combobox', { name: '客戶號' }).inputValue()).resolves.toBe('客户號');
    await expect(pane().getByRole('combobox', { name: '開戶日期' }).inputValue()).resolves.toBe('開户日期');
  });

  it('analyses: Traditional headers, labels, summary sheet and chart', async () => {
    await confirmAndAnalyse();
    counts = await paneCounts();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(280);
    await expect(workbook('return wb.getValues("客戶明細", "S1:U1")[0]')).resolves.toEqual(['業務份額', '忠誠度得分', '客戶象限']);
    const labelsInSheet = await workbook<string[]>('return wb.getValues("客戶明細", "U2:U301").map((r) => r[0])');
    const all = ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL', 'INSUFFICIENT_DATA'] as Quadrant[];
    expect(labelsInSheet.every((l) => all.map(TW).includes(l))).toBe(true);
    for (const q of ['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL'] as Quadrant[]) expect(labelsInSheet.filter((l) => l === TW(q)).length).toBe(counts[q] ?? 0);
    await expect(workbook('return wb.sheetNames()')).resolves.toEqual(['客戶明細', '客戶矩陣彙總']);
    await expect(workbook<string>('return JSON.stringify(wb.getValues("客戶矩陣彙總", "A1:L60"))')).resolves.toContain('業務份額（縱軸）');
    await page.getByRole('region', { name: /矩陣圖/ }).locator('svg text', { hasText: `${TW('LOYAL')} (` }).first().waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-zhTW.png') });
  });

  it('the same clients in Simplified characters give the same counts', async () => {
    await page.getByRole('button', { name: '示例數據' }).click();
    await page.getByRole('menuitem', { name: '中文示例（300 戶）', exact: true }).click();
    await pane().getByText('表格：客户明细!A1:R301，300 行客戶數據').waitFor();
    await confirmAndAnalyse();
    await expect(paneCounts()).resolves.toEqual(counts);
    // The sheet language is still the pane's: Traditional labels on the Simplified table.
    await expect(workbook('return wb.getValue("客户明细", "U1")')).resolves.toBe('客戶象限');
  });
});
