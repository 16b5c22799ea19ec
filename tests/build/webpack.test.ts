/**
 * webpack.config.js and the HTML templates, checked without running a build: the entries and pages,
 * Office.js only in the task pane (the sandbox runs offline), no other external resource, the dev
 * server's settings, and echarts kept out of the task pane's first paint.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, htmlPages, makeConfig, webpackConfig } from './webpackConfig';

const dev = makeConfig('development');
const prod = makeConfig('production');

function template(page: string): string {
  const options = htmlPages(dev).find((p) => p?.filename === page);
  if (!options?.template) throw new Error(`no HtmlWebpackPlugin page ${page}`);
  return fs.readFileSync(path.resolve(ROOT, options.template), 'utf8');
}

/** src/href attributes of elements that make the browser fetch something, outside comments. */
function fetchedUrls(html: string): string[] {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  return [...withoutComments.matchAll(/<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]);
}

const isExternal = (url: string) => /^(https?:)?\/\//i.test(url);

describe('webpack.config.js', () => {
  test('builds the task pane and the sandbox from their index.tsx', () => {
    for (const config of [dev, prod]) {
      expect(config.entry).toEqual({ taskpane: './src/taskpane/index.tsx', sandbox: './src/sandbox/index.tsx' });
    }
    expect(webpackConfig.ENTRIES).toEqual(dev.entry);
  });

  test('emits taskpane.html with the task pane bundle only and sandbox.html with the sandbox bundle only', () => {
    expect(htmlPages(prod).map((p) => [p?.filename, p?.chunks])).toEqual([
      ['taskpane.html', ['taskpane']],
      ['sandbox.html', ['sandbox']],
    ]);
  });

  test('compiles TypeScript with ts-loader in transpile-only mode', () => {
    expect(prod.resolve.extensions).toEqual(['.ts', '.tsx', '.js']);
    const rule = prod.module.rules.find((r) => r.test.test('x.tsx') && r.test.test('x.ts'));
    expect(rule?.loader).toBe('ts-loader');
    expect(rule?.options.transpileOnly).toBe(true);
  });

  test('writes content-hashed files to dist/', () => {
    expect(prod.mode).toBe('production');
    expect(prod.output.path).toBe(path.join(ROOT, 'dist'));
    expect(prod.output.filename).toContain('[contenthash');
    expect(prod.output.chunkFilename).toContain('[contenthash');
  });

  test('puts echarts in a chunk of its own, away from the task pane', () => {
    const groups = prod.optimization.splitChunks.cacheGroups;
    const echarts = Object.values(groups).find((g) => g.name === 'echarts');
    expect(echarts?.test?.test(path.join(ROOT, 'node_modules', 'echarts', 'index.js'))).toBe(true);
    expect(echarts?.test?.test(path.join(ROOT, 'node_modules', 'zrender', 'lib', 'zrender.js'))).toBe(true);
    expect(prod.optimization.splitChunks.chunks).toBe('all');
  });

  test('copies assets/ and manifest.xml to dist/', () => {
    const copy = prod.plugins.find((p) => p.constructor.name === 'CopyPlugin');
    expect(copy?.patterns?.map((p) => p.from).sort()).toEqual(['assets', 'manifest.xml']);
  });

  test('serves on localhost:3000 by default, PORT otherwise, with CORS, no overlay, no browser opening', () => {
    expect(dev.devServer).toMatchObject({
      host: 'localhost',
      allowedHosts: ['localhost'],
      port: 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
      client: { overlay: false },
      open: false,
    });
    expect(makeConfig('development', { PORT: '3123' }).devServer.port).toBe(3123);
    expect(webpackConfig.devServerPort({ PORT: 'nonsense' })).toBe(3000);
  });

  test('uses plain http unless a certificate or PM_HTTPS=1 is there', () => {
    const noCerts = { PM_CERT_DIR: path.join(ROOT, 'no-such-folder') };
    expect(webpackConfig.devServerType(noCerts)).toBe('http');
    expect(webpackConfig.devServerType({ ...noCerts, PM_HTTPS: '1' })).toBe('https');
    const certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-certs-'));
    try {
      fs.writeFileSync(path.join(certDir, 'localhost.crt'), '');
      fs.writeFileSync(path.join(certDir, 'localhost.key'), '');
      expect(webpackConfig.devServerType({ PM_CERT_DIR: certDir })).toEqual({
        type: 'https',
        options: { cert: path.join(certDir, 'localhost.crt'), key: path.join(certDir, 'localhost.key') },
      });
      expect(webpackConfig.devServerType({ PM_CERT_DIR: certDir, PM_HTTPS: '0' })).toBe('http');
    } finally {
      fs.rmSync(certDir, { recursive: true, force: true });
    }
  });
});

describe('the HTML templates', () => {
  test('taskpane.html loads Office.js from the official CDN and nothing else from outside', () => {
    const external = fetchedUrls(template('taskpane.html')).filter(isExternal);
    expect(external).toEqual([webpackConfig.OFFICE_JS_URL]);
    expect(webpackConfig.OFFICE_JS_URL).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
  });

  test('taskpane.html loads Office.js synchronously, so it is there before the deferred bundle runs', () => {
    const tag = template('taskpane.html').match(/<script\b[^>]*office\.js[^>]*>/i)?.[0] ?? '';
    expect(tag).not.toMatch(/\b(async|defer)\b/);
  });

  test('sandbox.html loads nothing from outside, Office.js least of all', () => {
    const html = template('sandbox.html');
    expect(fetchedUrls(html).filter(isExternal)).toEqual([]);
    expect(html.replace(/<!--[\s\S]*?-->/g, '')).not.toMatch(/office\.js|appsforoffice/i);
  });

  test('sandbox.html forbids scripts and connections to other hosts', () => {
    const csp = template('sandbox.html').match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1] ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    for (const source of directives.get('connect-src') ?? []) expect(source).toMatch(/^('self'|wss?:\/\/localhost:\*)$/);
  });

  test('both pages have a root element for React', () => {
    for (const page of ['taskpane.html', 'sandbox.html']) expect(template(page)).toContain('<div id="root"></div>');
  });
});
