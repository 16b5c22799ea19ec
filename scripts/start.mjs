#!/usr/bin/env node
// `npm start`: runs the webpack dev server and says where to find the sandbox, the task pane and
// how to load the add-in into Excel. Ctrl+C stops it.
// `npm run start:excel` (this script with --excel): sideloads into desktop Excel with
// office-addin-debugging when that tool is available, else explains how to do it by hand.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const makeConfig = require(join(root, 'webpack.config.js'));
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[22m` : s);

function sideloadHelp() {
  const origin = `https://localhost:${makeConfig.devServerPort()}`;
  return [
    `Load the add-in into Excel (manifest.xml points at ${makeConfig.PLACEHOLDER_ORIGIN}):`,
    '  • Excel on Windows or Mac: `npm run start:excel` — it runs `npx office-addin-debugging start manifest.xml`,',
    '    which needs the internet (it is not installed here: it needs native keychain modules), desktop Excel,',
    '    and a trusted localhost certificate (`npx office-addin-dev-certs install`; this server then uses it).',
    '  • Excel on the web: Insert › Add-ins › Upload My Add-in › choose manifest.xml. The browser must trust',
    `    ${origin} — serve it over https (a certificate in ~/.office-addin-dev-certs, or PM_HTTPS=1 and accept`,
    '    the self-signed certificate once by opening the task pane URL).',
  ].join('\n');
}

async function startDevServer() {
  const { default: webpack } = await import('webpack');
  const { default: WebpackDevServer } = await import('webpack-dev-server');
  const config = makeConfig({}, { mode: 'development' });
  // Only problems on the console, so the addresses below stay readable.
  config.stats = 'errors-warnings';
  config.devServer = { ...config.devServer, devMiddleware: { stats: 'errors-warnings' } };
  const { port, server } = config.devServer;
  const https = server === 'https' || (typeof server === 'object' && server.type === 'https');
  const origin = `${https ? 'https' : 'http'}://localhost:${port}`;

  const compiler = webpack(config);
  const devServer = new WebpackDevServer(config.devServer, compiler);

  const printBanner = (stats) => {
    const failed = stats.hasErrors() ? '\n(The first build has errors — see above; the server keeps running and rebuilds on save.)\n' : '';
    console.log(
      [
        '',
        failed,
        bold('Portfolio Matrix (客户矩阵) is running.'),
        `  Sandbox (no Excel needed):  ${bold(`${origin}/sandbox.html`)}`,
        `  Task pane (inside Excel):   ${origin}/taskpane.html`,
        `  Manifest:                   ${join(root, 'manifest.xml')}`,
        '',
        sideloadHelp(),
        ...(port === makeConfig.DEFAULT_PORT
          ? []
          : [`  With PORT=${port}, sideload ${origin}/manifest.xml (this server's copy, rewritten for port ${port}) instead.`]),
        '',
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    );
  };

  let printed = false;
  compiler.hooks.done.tap('portfolio-matrix-start', (stats) => {
    if (printed) return;
    printed = true;
    // After the dev middleware has printed the build's errors, if any.
    setImmediate(() => printBanner(stats));
  });

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the dev server…`);
    try {
      await devServer.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await devServer.start();
  } catch (error) {
    if (error && error.code === 'EADDRINUSE') {
      console.error(`Port ${port} is in use. Stop the other server, or run with PORT=<another port> (the manifest expects 3000).`);
    } else {
      console.error(error);
    }
    process.exit(1);
  }
}

function startExcel() {
  const port = String(makeConfig.devServerPort());
  const args = ['start', 'manifest.xml', 'desktop', '--app', 'excel', '--dev-server', 'npm run dev', '--dev-server-port', port];
  if (process.platform !== 'win32' && process.platform !== 'darwin') {
    console.log(
      [
        bold('Sideloading into Excel'),
        'Desktop Excel runs only on Windows and Mac; here, use the sandbox (`npm start`) or Excel on the web.',
        'On Windows or Mac with desktop Excel and internet access, `npm run start:excel` runs:',
        '  npx office-addin-dev-certs install      (once: a localhost certificate Office trusts)',
        `  npx office-addin-debugging ${args.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' ')}`,
        'and `npx office-addin-debugging stop manifest.xml` removes it again.',
        '',
        sideloadHelp(),
      ].join('\n'),
    );
    return;
  }
  // office-addin-debugging is not a dependency (it needs native keychain modules); npx fetches it,
  // which needs the internet, and asks before installing.
  console.log('Starting desktop Excel with the add-in via office-addin-debugging (needs the internet the first time).');
  console.log('If Excel shows a certificate error, run `npx office-addin-dev-certs install` once and try again.\n');
  const child = spawn('npx', ['office-addin-debugging', ...args], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('error', (error) => {
    console.error(`Could not run npx office-addin-debugging: ${error.message}\n\n${sideloadHelp()}`);
    process.exit(1);
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv.includes('--excel')) startExcel();
else await startDevServer();
