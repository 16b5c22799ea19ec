/**
 * Standard output takes the output's UTF-8 bytes as they are (sink.ts: a ByteWriter), not decoded
 * to text and encoded again: what a pipe gets is what --out writes, byte for byte, Chinese included.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writerSink, type ByteWriter } from '../../src/cli/sink';
import { TAILS_FROM_ROWS } from '../../src/cli/csvTails';
import { ROOT } from './helpers';

describe('writerSink', () => {
  test('bytes go to a ByteWriter as they are, and are given back only once it is done with them', async () => {
    const got: (string | Uint8Array)[] = [];
    const dones: (() => void)[] = [];
    const w: ByteWriter = {
      write: (chunk: string | Uint8Array, done?: () => void) => {
        got.push(chunk);
        if (done) dones.push(done);
        return true;
      },
    };
    const sink = writerSink(w, w);
    const bytes = Buffer.from('客户,1\r\n', 'utf8');
    let given = 0;
    await sink.write('\uFEFFid\r\n');
    await sink.write(bytes, () => given++);
    expect(got[0]).toBe('\uFEFFid\r\n');
    expect(got[1]).toBe(bytes);
    expect(given).toBe(0);
    dones.forEach((d) => d());
    expect(given).toBe(1);
  });

  test('a write waits while more than 8 MB are not given back (memory stays bounded)', async () => {
    const dones: (() => void)[] = [];
    const w: ByteWriter = { write: (_c: string | Uint8Array, done?: () => void) => (done && dones.push(done), true) };
    const sink = writerSink(w, w);
    const piece = new Uint8Array(1 << 20);
    for (let i = 0; i < 8; i++) await sink.write(piece, () => undefined);
    let settled = false;
    const ninth = sink.write(piece, () => undefined).then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    dones.shift()?.();
    await ninth;
    expect(settled).toBe(true);
  });

  test('a writer of text only gets the bytes as text; a full writer is waited for', async () => {
    let text = '';
    let drain: (() => void) | null = null;
    const sink = writerSink({
      write: (s: string) => ((text += s), false),
      once: (_e: 'drain', f: () => void) => (drain = f),
    });
    let given = 0;
    let settled = false;
    const p = sink.write(Buffer.from('忠诚客户\r\n', 'utf8'), () => given++).then(() => (settled = true));
    await Promise.resolve();
    expect(text).toBe('忠诚客户\r\n');
    expect(given).toBe(1);
    expect(settled).toBe(false);
    (drain as unknown as () => void)();
    await p;
    expect(settled).toBe(true);
  });
});

describe('the real command', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'pm-stdout-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  jest.setTimeout(120_000);

  test('a large analysis on a pipe is byte for byte what --out writes, as csv and as json', () => {
    // Enough rows for the output's worker thread; Chinese names, so the bytes are not all ASCII.
    const rows = TAILS_FROM_ROWS + 2000;
    const lines = ['客户编号,客户名称,日均存款,交易笔数,产品数'];
    for (let i = 0; i < rows; i++) lines.push(`C${i},客户${i}号,${(i * 7919) % 100000}.25,${i % 97},${i % 7}`);
    const csv = path.join(dir, 'clients.csv');
    writeFileSync(csv, lines.join('\n') + '\n');
    const env = { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', GLIBC_TUNABLES: '' };
    for (const format of ['csv', 'json']) {
      const out = path.join(dir, `out.${format}`);
      const bin = path.join(ROOT, 'bin', 'portfolio-matrix.js');
      const piped = spawnSync(process.execPath, [bin, 'analyze', csv, '--format', format], { cwd: ROOT, env, maxBuffer: 1 << 30, timeout: 100_000 });
      const toFile = spawnSync(process.execPath, [bin, 'analyze', csv, '--format', format, '--out', out], { cwd: ROOT, env, timeout: 100_000 });
      expect(piped.stderr.toString()).toBe('');
      expect(piped.status).toBe(0);
      expect(toFile.status).toBe(0);
      const written = readFileSync(out);
      expect(written.length).toBeGreaterThan(rows * 40);
      expect(Buffer.compare(piped.stdout, written)).toBe(0);
      const text = piped.stdout.toString('utf8');
      expect(text).toContain('客户12345号');
      if (format === 'csv') expect(text.split('\r\n').length).toBe(rows + 2);
      else expect((JSON.parse(text) as { rows: unknown[] }).rows.length).toBe(rows);
    }
  });
});
