/**
 * The end-to-end bench's engine figure, in a process of its own: the engine alone on N synthetic
 * rows of every field, its time in ms on stdout. Measured in the bench's own process, the
 * million-row table and its results stayed in that heap while the command line was timed, for V8
 * to collect and free on the same two cores; a run after the figure was the slowest of its three
 * each time, once 11.5 s where the others took about 4 s (that one not seen again since, though
 * not shown to have been this).
 */
import { performance } from 'perf_hooks';
import { analyze, DEFAULT_CONFIG } from '../src/domain';
import { syntheticTable } from './synthetic';

const rows = Number(process.argv[2]);
const table = syntheticTable(rows);
(globalThis as { gc?: () => void }).gc?.();
const t0 = performance.now();
analyze(table, { ...DEFAULT_CONFIG, asOf: '2026-10-31' }, { today: '2026-11-23' });
process.stdout.write(`${performance.now() - t0}\n`);
