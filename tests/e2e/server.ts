/**
 * What the end-to-end files share: one production build of the sources as they are (made by the
 * first file that asks, reused by the others, so a test run builds once), and a server for it on
 * 127.0.0.1 that serves the built files and nothing else.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { createServer, type Server } from 'http';
import { tmpdir } from 'os';
import { extname, join, resolve, sep } from 'path';

export const ROOT = resolve(__dirname, '..', '..');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.css': 'text/css',
};

/** The built files, served as a host would serve them (nothing else, nothing from outside). */
export function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = resolve(dir, '.' + decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    if (!path.startsWith(dir + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Everything the build reads, hashed: a build of other sources is never reused. */
function sourceKey(): string {
  const hash = createHash('sha256');
  const add = (p: string): void => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) add(join(p, e));
    else hash.update(p.slice(ROOT.length)).update(readFileSync(p));
  };
  for (const p of ['src', 'assets', 'manifest.xml', 'webpack.config.js', 'package-lock.json', 'tsconfig.json']) add(join(ROOT, p));
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * A production build in a folder of its own (dist/, and anyone building it, is left alone):
 * PM_E2E_DIST when set, else one per state of the sources in the temporary directory. End-to-end
 * files run in parallel workers: the first takes a lock and builds, the others wait for it.
 */
export function productionBuild(): string {
  const reuse = process.env.PM_E2E_DIST;
  if (reuse) return resolve(reuse);
  const key = sourceKey();
  const out = join(tmpdir(), `pm-e2e-${key}`);
  const lock = `${out}.lock`;
  for (const deadline = Date.now() + 900_000; !existsSync(join(out, '.source-key')); ) {
    try {
      mkdirSync(lock);
    } catch {
      // Another file is building (or a build died: a lock older than 15 minutes is taken over).
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 900_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 15 minutes for the build in ${out}`);
      sleep(1000);
      continue;
    }
    try {
      const staging = `${out}.${process.pid}`;
      const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
      const r = spawnSync(process.execPath, [cli, '--mode', 'production', '--output-path', staging], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
      if (r.status !== 0) throw new Error(`webpack failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
      writeFileSync(join(staging, '.source-key'), key);
      renameSync(staging, out);
      // Builds of earlier sources a day old are of no further use (a younger one may be another
      // checkout's, running now).
      for (const e of readdirSync(tmpdir())) {
        const p = join(tmpdir(), e);
        if (/^pm-e2e-[0-9a-f]{16}$/.test(e) && p !== out && Date.now() - statSync(p).mtimeMs > 86_400_000) rmSync(p, { recursive: true, force: true });
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return out;
}
