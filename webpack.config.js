// Builds the task pane (taskpane.html) and the sandbox (sandbox.html) into dist/, copies assets/ and
// manifest.xml, and configures the dev server that `npm start` runs.
//   npm run build                      production build; manifest URLs rewritten to $PM_ADDIN_URL
//   npm run dev / npm start            dev server on http://localhost:$PORT (default 3000)
// Environment:
//   PORT           dev server port (default 3000; the manifest's placeholder origin uses 3000)
//   PM_ADDIN_URL   where the production build is hosted, https only (default https://localhost:3000)
//   PM_HTTPS       1: serve https with a self-signed certificate; 0: plain http even if a certificate exists
//   PM_CERT_DIR    folder holding localhost.crt / localhost.key (default ~/.office-addin-dev-certs,
//                  where `npx office-addin-dev-certs install` puts a certificate Office trusts)
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEFAULT_PORT = 3000;
/** The origin every URL in manifest.xml is written with; replaced when the manifest is copied. */
const PLACEHOLDER_ORIGIN = 'https://localhost:3000';
const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

const ENTRIES = {
  taskpane: './src/taskpane/index.tsx',
  sandbox: './src/sandbox/index.tsx',
};

function devServerPort(env = process.env) {
  const port = Number(env.PORT);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_PORT;
}

/**
 * The manifest with its placeholder origin replaced by `baseUrl` (an https URL, optionally with a
 * path such as https://example.org/portfolio-matrix). <AppDomain> gets the origin only.
 */
function rewriteManifest(xml, baseUrl) {
  let url;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`PM_ADDIN_URL is not a URL: "${baseUrl}"`);
  }
  if (url.protocol !== 'https:') throw new Error(`PM_ADDIN_URL must use https (Office loads add-ins over https only): "${baseUrl}"`);
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`PM_ADDIN_URL must be a plain base URL without query, fragment or credentials: "${baseUrl}"`);
  }
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const base = escape(url.href.replace(/\/+$/, ''));
  const placeholder = PLACEHOLDER_ORIGIN.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return xml
    .replace(new RegExp(`<AppDomain>${placeholder}/?</AppDomain>`, 'g'), `<AppDomain>${escape(url.origin)}</AppDomain>`)
    .replace(new RegExp(`${placeholder}(?=[/"<])`, 'g'), base);
}

/** 'http', 'https' (self-signed) or https with the certificate found in PM_CERT_DIR. */
function devServerType(env = process.env) {
  if (env.PM_HTTPS === '0') return 'http';
  const certDir = env.PM_CERT_DIR || path.join(os.homedir(), '.office-addin-dev-certs');
  const cert = path.join(certDir, 'localhost.crt');
  const key = path.join(certDir, 'localhost.key');
  const ca = path.join(certDir, 'ca.crt');
  if (fs.existsSync(cert) && fs.existsSync(key)) {
    return { type: 'https', options: { cert, key, ...(fs.existsSync(ca) ? { ca } : {}) } };
  }
  return env.PM_HTTPS === '1' ? 'https' : 'http';
}

module.exports = function makeConfig(_env = {}, argv = {}) {
  const production = (argv.mode || process.env.NODE_ENV) === 'production';
  const port = devServerPort();
  const addinUrl = production ? process.env.PM_ADDIN_URL || PLACEHOLDER_ORIGIN : `https://localhost:${port}`;

  return {
    mode: production ? 'production' : 'development',
    context: __dirname,
    entry: ENTRIES,
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      // Relative URLs, so the build works from any folder of any host.
      publicPath: 'auto',
      clean: true,
    },
    devtool: 'source-map',
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          // Type checking is `npm run typecheck`'s job; the tsconfig's noEmit would stop ts-loader.
          options: {
            configFile: path.resolve(__dirname, 'tsconfig.json'),
            transpileOnly: true,
            compilerOptions: { noEmit: false },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          // The sandbox's chart library gets its own file, never part of the task pane's first paint.
          echarts: {
            test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/,
            name: 'echarts',
            priority: 20,
            enforce: true,
          },
          // Other libraries: webpack groups them by the entries that use them (no fixed name), so
          // the task pane loads only what it imports.
          defaultVendors: { test: /[\\/]node_modules[\\/]/, priority: -10, reuseExistingChunk: true },
        },
      },
    },
    performance: {
      // The budget is 250 KB gzipped for the task pane's first paint (design.md), measured gzipped
      // elsewhere; webpack's hints count uncompressed bytes and the sandbox on purpose.
      hints: false,
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'sandbox.html',
        template: './src/sandbox/sandbox.html',
        chunks: ['sandbox'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => rewriteManifest(content.toString('utf8'), addinUrl),
          },
        ],
      }),
    ],
    devServer: {
      host: 'localhost',
      allowedHosts: ['localhost'],
      port,
      server: devServerType(),
      static: { directory: path.resolve(__dirname, 'dist'), watch: false },
      headers: { 'Access-Control-Allow-Origin': '*' },
      client: { overlay: false },
      hot: false,
      liveReload: true,
      open: false,
    },
  };
};

module.exports.DEFAULT_PORT = DEFAULT_PORT;
module.exports.PLACEHOLDER_ORIGIN = PLACEHOLDER_ORIGIN;
module.exports.OFFICE_JS_URL = OFFICE_JS_URL;
module.exports.ENTRIES = ENTRIES;
module.exports.devServerPort = devServerPort;
module.exports.devServerType = devServerType;
module.exports.rewriteManifest = rewriteManifest;
