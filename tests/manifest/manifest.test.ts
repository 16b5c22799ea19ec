/**
 * The add-in manifest, checked offline (`office-addin-manifest validate` needs the internet):
 * well-formed, ids, locales and zh-CN, zh-TW and zh-HK overrides, icons that exist at the right size, URLs that the
 * dev server and the webpack build actually serve, requirement sets, the ribbon button — and the
 * production build's rewrite of the placeholder origin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ROOT, htmlPages, makeConfig, webpackConfig } from '../build/webpackConfig';
import { toTraditional } from '../../src/domain';

type XmlNode = { [key: string]: unknown };

const MANIFEST_PATH = path.join(ROOT, 'manifest.xml');
const xml = fs.readFileSync(MANIFEST_PATH, 'utf8');

function parse(text: string): XmlNode {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  return parser.parse(text) as XmlNode;
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every element named `tag` anywhere below `node`. */
function findAll(node: unknown, tag: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      n.forEach(walk);
      return;
    }
    if (n === null || typeof n !== 'object') return;
    for (const [key, value] of Object.entries(n as XmlNode)) {
      if (key.startsWith('@_')) continue;
      if (key === tag) {
        for (const v of asArray(value)) out.push(typeof v === 'object' && v !== null ? (v as XmlNode) : { '#text': v });
      }
      walk(value);
    }
  };
  walk(node);
  return out;
}

function findOne(node: unknown, tag: string): XmlNode {
  const all = findAll(node, tag);
  if (all.length !== 1) throw new Error(`expected exactly one <${tag}>, found ${all.length}`);
  return all[0];
}

const text = (n: XmlNode): string => String(n['#text'] ?? '');
const attr = (n: XmlNode, name: string): string => String(n[`@_${name}`] ?? '');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!buf.subarray(0, 8).equals(signature) || buf.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const doc = parse(xml);
const app = doc.OfficeApp as XmlNode;
const devConfig = makeConfig('development');
const devOrigin = `https://localhost:${devConfig.devServer.port}`;
const resources = findOne(app, 'Resources');

/** resid -> DefaultValue for one kind of resource (bt:Images, bt:Urls, bt:ShortStrings, bt:LongStrings). */
function resourceMap(group: string, item: string): Map<string, XmlNode> {
  return new Map(findAll(findOne(resources, group), item).map((n) => [attr(n, 'id'), n]));
}
const images = resourceMap('bt:Images', 'bt:Image');
const urls = resourceMap('bt:Urls', 'bt:Url');
const shortStrings = resourceMap('bt:ShortStrings', 'bt:String');
const longStrings = resourceMap('bt:LongStrings', 'bt:String');

/** Every URL the manifest gives Office (attribute values and AppDomains; not namespaces or comments). */
function manifestUrls(root: XmlNode): string[] {
  const found: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    for (const [key, value] of Object.entries(n as XmlNode)) {
      if (key.startsWith('@_xmlns')) continue;
      if (typeof value === 'string' && /^[a-z]+:\/\//i.test(value.trim())) found.push(value.trim());
      else walk(value);
    }
  };
  walk(root);
  return found;
}

/** The local file or emitted page an add-in URL is served from, relative to dist/. */
function servedPath(url: string, origin: string): string {
  expect(url.startsWith(`${origin}/`)).toBe(true);
  return url.slice(origin.length + 1);
}

function expectServedByBuild(url: string): void {
  const rel = servedPath(url, devOrigin);
  const pages = htmlPages(devConfig).map((p) => p?.filename);
  if (rel.startsWith('assets/')) {
    expect(fs.existsSync(path.join(ROOT, rel))).toBe(true);
  } else {
    expect(pages).toContain(rel);
  }
}

/** Office picks an override by its display language: Taiwan's and Hong Kong's get Traditional. */
const CHINESE_LOCALES = ['zh-CN', 'zh-TW', 'zh-HK'];

/**
 * The zh-TW and zh-HK texts are the zh-CN one in Traditional characters, except the Home tab's
 * name: Traditional Chinese Office calls it 常用 where Simplified Chinese Office says 开始.
 */
function expectTraditional(overrides: XmlNode[]): void {
  const zh = attr(overrides[0], 'Value');
  const want = toTraditional(zh).replace('“開始 >', '“常用 >');
  expect(overrides.slice(1).map((o) => attr(o, 'Value'))).toEqual([want, want]);
}

describe('manifest.xml', () => {
  test('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  test('is a task pane add-in for Excel workbooks', () => {
    expect(attr(app, 'xsi:type')).toBe('TaskPaneApp');
    const hostNames = asArray((app.Hosts as XmlNode).Host as XmlNode | XmlNode[]).map((h) => attr(h, 'Name'));
    expect(hostNames).toEqual(['Workbook']);
  });

  test('has a GUID as its Id', () => {
    expect(text(findOne(app, 'Id'))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  });

  test('has a version of one to four numbers of at most 65535', () => {
    const version = String(app.Version);
    expect(version).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
    for (const part of version.split('.')) expect(Number(part)).toBeLessThanOrEqual(65535);
  });

  test('has en-US as its default locale and a provider name', () => {
    expect(String(app.DefaultLocale)).toBe('en-US');
    expect(String(app.ProviderName ?? '').trim()).not.toBe('');
  });

  test.each([
    ['DisplayName', 125],
    ['Description', 250],
  ])('%s has an en-US default, a zh-CN override and its Traditional text for zh-TW and zh-HK, within %i characters', (tag, max) => {
    const node = app[tag] as XmlNode;
    expect(attr(node, 'DefaultValue').trim()).not.toBe('');
    expect(attr(node, 'DefaultValue').length).toBeLessThanOrEqual(max);
    const overrides = asArray(node.Override as XmlNode | XmlNode[]);
    expect(overrides.map((o) => attr(o, 'Locale'))).toEqual(CHINESE_LOCALES);
    expect(attr(overrides[0], 'Value').trim()).not.toBe('');
    expect(attr(overrides[0], 'Value').length).toBeLessThanOrEqual(max);
    expectTraditional(overrides);
  });

  test('is called Portfolio Matrix, 客户矩阵 in Chinese', () => {
    const node = app.DisplayName as XmlNode;
    expect(attr(node, 'DefaultValue')).toBe('Portfolio Matrix');
    expect(asArray(node.Override as XmlNode | XmlNode[]).map((o) => attr(o, 'Value'))).toEqual(['客户矩阵', '客戶矩陣', '客戶矩陣']);
  });

  test.each([
    ['bt:ShortStrings', shortStrings, 125],
    ['bt:LongStrings', longStrings, 250],
  ])('every string of %s has an en-US default, one zh-CN override and its Traditional text for zh-TW and zh-HK', (_group, strings, max) => {
    expect(strings.size).toBeGreaterThan(0);
    for (const [id, node] of strings) {
      const value = attr(node, 'DefaultValue');
      expect({ id, empty: value.trim() === '', tooLong: value.length > max }).toEqual({ id, empty: false, tooLong: false });
      const overrides = findAll(node, 'bt:Override');
      expect({ id, locales: overrides.map((o) => attr(o, 'Locale')) }).toEqual({ id, locales: CHINESE_LOCALES });
      const zh = attr(overrides[0], 'Value');
      expect({ id, empty: zh.trim() === '', tooLong: zh.length > max }).toEqual({ id, empty: false, tooLong: false });
      expectTraditional(overrides);
    }
  });

  test('every resid points at a resource of the right kind', () => {
    const overrides = findOne(app, 'VersionOverrides');
    const check = (tag: string, table: Map<string, XmlNode>, within: unknown = overrides) => {
      for (const n of findAll(within, tag)) {
        const resid = attr(n, 'resid');
        if (resid) expect({ tag, resid, known: table.has(resid) }).toEqual({ tag, resid, known: true });
      }
    };
    check('Label', shortStrings);
    check('Title', shortStrings);
    for (const tip of [...findAll(overrides, 'Supertip'), ...findAll(overrides, 'GetStarted')]) check('Description', longStrings, tip);
    check('SourceLocation', urls);
    check('LearnMoreUrl', urls);
    check('FunctionFile', urls);
    check('bt:Image', images, findAll(overrides, 'Icon'));
  });

  test('IconUrl is a 32 px and HighResolutionIconUrl a 64 px PNG in assets/', () => {
    for (const [tag, size] of [
      ['IconUrl', 32],
      ['HighResolutionIconUrl', 64],
    ] as const) {
      const urlsOfTag = [attr(app[tag] as XmlNode, 'DefaultValue'), ...findAll(app[tag], 'Override').map((o) => attr(o, 'Value'))];
      for (const url of urlsOfTag) {
        const rel = servedPath(url, devOrigin);
        expect(rel).toMatch(/^assets\/.+\.png$/);
        expect(pngSize(path.join(ROOT, rel))).toEqual({ width: size, height: size });
      }
    }
  });

  test('every ribbon icon is a PNG in assets/ of the size it is declared at', () => {
    const icons = findAll(findOne(app, 'VersionOverrides'), 'Icon');
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) {
      const sizes = findAll(icon, 'bt:Image').map((img) => Number(attr(img, 'size')));
      expect(sizes.sort((a, b) => a - b)).toEqual([16, 32, 80]);
      for (const img of findAll(icon, 'bt:Image')) {
        const size = Number(attr(img, 'size'));
        const resource = images.get(attr(img, 'resid')) as XmlNode;
        const files = [attr(resource, 'DefaultValue'), ...findAll(resource, 'bt:Override').map((o) => attr(o, 'Value'))];
        for (const url of files) {
          const rel = servedPath(url, devOrigin);
          expect(rel).toMatch(/^assets\/.+\.png$/);
          expect({ url, ...pngSize(path.join(ROOT, rel)) }).toEqual({ url, width: size, height: size });
        }
      }
    }
  });

  test('the task pane loads from the dev server, from the page webpack emits', () => {
    const page = htmlPages(devConfig).find((p) => p?.filename === 'taskpane.html');
    expect(page).toBeDefined();
    const source = attr(findOne(findOne(app, 'DefaultSettings'), 'SourceLocation'), 'DefaultValue');
    expect(source).toBe(`${devOrigin}/taskpane.html`);
    const action = findOne(findOne(app, 'VersionOverrides'), 'Action');
    expect(attr(urls.get(attr(action.SourceLocation as XmlNode, 'resid')) as XmlNode, 'DefaultValue')).toBe(`${devOrigin}/taskpane.html`);
  });

  test('every URL is on the dev server (https, localhost, its port) and is served by the build', () => {
    const all = manifestUrls(app);
    expect(all.length).toBeGreaterThan(5);
    for (const raw of all) {
      const url = new URL(raw);
      expect({ raw, protocol: url.protocol, hostname: url.hostname, port: Number(url.port) }).toEqual({
        raw,
        protocol: 'https:',
        hostname: 'localhost',
        port: devConfig.devServer.port,
      });
    }
    for (const raw of all.filter((u) => new URL(u).pathname !== '/')) expectServedByBuild(raw);
    for (const domain of findAll(app, 'AppDomain')) expect(text(domain)).toBe(devOrigin);
  });

  test('asks to read and write the document', () => {
    expect(String(app.Permissions)).toBe('ReadWriteDocument');
  });

  test('requires ExcelApi 1.9 at most', () => {
    const sets = findAll(findOne(app, 'Requirements'), 'Set');
    const excel = sets.find((s) => attr(s, 'Name') === 'ExcelApi');
    expect(excel).toBeDefined();
    const [major, minor] = attr(excel as XmlNode, 'MinVersion').split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(1);
    expect(minor).toBeLessThanOrEqual(9);
    expect(sets.map((s) => attr(s, 'Name'))).toEqual(['ExcelApi']);
  });

  test('has one button on the Home tab that shows the task pane', () => {
    const overrides = findOne(app, 'VersionOverrides');
    expect(attr(overrides, 'xsi:type')).toBe('VersionOverridesV1_0');
    expect(attr(findOne(overrides, 'Host'), 'xsi:type')).toBe('Workbook');
    const tab = findOne(overrides, 'OfficeTab');
    expect(attr(tab, 'id')).toBe('TabHome');
    const control = findOne(tab, 'Control');
    expect(attr(control, 'xsi:type')).toBe('Button');
    const action = findOne(control, 'Action');
    expect(attr(action, 'xsi:type')).toBe('ShowTaskpane');
    expect(String(action.TaskpaneId ?? '').trim()).not.toBe('');
    const ids = [...findAll(overrides, 'Group'), ...findAll(overrides, 'Control')].map((n) => attr(n, 'id'));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the manifest in the production build', () => {
  const { rewriteManifest, PLACEHOLDER_ORIGIN } = webpackConfig;

  test('the placeholder origin is the dev server of webpack.config.js', () => {
    expect(PLACEHOLDER_ORIGIN).toBe(devOrigin);
  });

  test('points every URL at PM_ADDIN_URL and keeps the Id', () => {
    const out = rewriteManifest(xml, 'https://addins.example.com/portfolio-matrix/');
    expect(XMLValidator.validate(out)).toBe(true);
    const rewritten = parse(out).OfficeApp as XmlNode;
    for (const raw of manifestUrls(rewritten)) {
      expect(raw.startsWith('https://addins.example.com')).toBe(true);
      expect(raw).not.toContain('localhost');
    }
    expect(attr(findOne(rewritten, 'DefaultSettings').SourceLocation as XmlNode, 'DefaultValue')).toBe(
      'https://addins.example.com/portfolio-matrix/taskpane.html',
    );
    expect(findAll(rewritten, 'AppDomain').map(text)).toEqual(['https://addins.example.com']);
    expect(text(findOne(rewritten, 'Id'))).toBe(text(findOne(app, 'Id')));
    expect(manifestUrls(rewritten)).toHaveLength(manifestUrls(app).length);
    expect(out).not.toContain('localhost');
  });

  test('is unchanged when PM_ADDIN_URL is the placeholder', () => {
    expect(rewriteManifest(xml, PLACEHOLDER_ORIGIN)).toBe(xml);
  });

  test('leaves a longer port alone', () => {
    expect(rewriteManifest('<a b="https://localhost:30001/x"/>', 'https://example.org')).toBe('<a b="https://localhost:30001/x"/>');
  });

  test('refuses a URL that Office would not load', () => {
    expect(() => rewriteManifest(xml, 'http://addins.example.com')).toThrow(/https/);
    expect(() => rewriteManifest(xml, 'not a url')).toThrow(/not a URL/);
    expect(() => rewriteManifest(xml, 'https://addins.example.com/?a=1')).toThrow(/query/);
  });

  test('the production config rewrites to PM_ADDIN_URL when it copies manifest.xml', () => {
    const config = makeConfig('production', { PM_ADDIN_URL: 'https://addins.example.com' });
    const copy = config.plugins.find((p) => p.constructor.name === 'CopyPlugin');
    const pattern = copy?.patterns?.find((p) => p.from === 'manifest.xml');
    expect(pattern?.transform).toBeDefined();
    const out = pattern?.transform?.(Buffer.from(xml)) ?? '';
    expect(out).toContain('<SourceLocation DefaultValue="https://addins.example.com/taskpane.html"/>');
    expect(manifestUrls(parse(out).OfficeApp as XmlNode).every((u) => u.startsWith('https://addins.example.com/') || u === 'https://addins.example.com')).toBe(true);
  });

  test('the production config keeps the dev origin when PM_ADDIN_URL is unset', () => {
    const config = makeConfig('production');
    const pattern = config.plugins.find((p) => p.constructor.name === 'CopyPlugin')?.patterns?.find((p) => p.from === 'manifest.xml');
    expect(pattern?.transform?.(Buffer.from(xml))).toBe(xml);
  });
});
