/**
 * An in-memory PortfolioActions for the task pane tests: the table is a fixture CSV, the analysis
 * is the real domain engine, and every call is recorded. Switches make it answer the way Excel
 * sometimes does: cells in the way, a long run that waits to be cancelled, a failure.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze, resolveMapping, type AnalysisConfig, type Cell, type Table } from '../../src/domain';
import type { DetectedTable, PortfolioActions, RunOptions, RunOutcome, SavedState } from '../../src/excel/api';

/** The fixture CSVs have no quoted fields, so a plain split reads them exactly. */
export function readFixture(name: string): Cell[][] {
  const text = readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

export type Call = { method: keyof PortfolioActions; args: unknown[] };

export class FakeActions implements PortfolioActions {
  readonly calls: Call[] = [];
  state: SavedState | null = null;
  /** The next run (with placement 'ask') answers "cells in the way". */
  occupiedAt: string | null = null;
  /** Runs wait for `release()` (or the abort signal) after the first progress report. */
  holdRuns = false;
  /** Make a method fail once with this error. */
  failNext: Partial<Record<keyof PortfolioActions, unknown>> = {};
  sheets = ['客户明细', '上月结果'];
  private releaseRun: (() => void) | null = null;

  constructor(
    readonly table: Table = readFixture('branch-small.csv'),
    readonly sheetName = '客户明细',
  ) {}

  get address(): string {
    const lastCol = String.fromCharCode(64 + (this.table[0]?.length ?? 1));
    return `${this.sheetName}!A1:${lastCol}${this.table.length}`;
  }

  callsOf(method: keyof PortfolioActions): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  release(): void {
    this.releaseRun?.();
  }

  private enter(method: keyof PortfolioActions, args: unknown[]): void {
    this.calls.push({ method, args });
    if (method in this.failNext) {
      const e = this.failNext[method];
      delete this.failNext[method];
      throw e;
    }
  }

  async detectTable(): Promise<DetectedTable> {
    this.enter('detectTable', []);
    const header = this.table[0];
    const saved = this.state?.config.map;
    const mapping = resolveMapping(header, saved).headers;
    return {
      sheetName: this.sheetName,
      address: this.address,
      rowCount: this.table.length - 1,
      columnCount: header.length,
      headers: header.map((h) => String(h ?? '')),
      tableName: null,
      mapping,
      mappingSaved: Boolean(saved),
      hasHiddenRows: false,
    };
  }

  async loadState(): Promise<SavedState | null> {
    this.enter('loadState', []);
    return this.state;
  }

  async saveConfig(config: AnalysisConfig): Promise<void> {
    this.enter('saveConfig', [config]);
    this.state = { ...(this.state ?? emptyState(config)), config };
  }

  async run(options: RunOptions): Promise<RunOutcome> {
    this.enter('run', [options]);
    if (this.occupiedAt && (options.placement ?? 'ask') === 'ask') return { kind: 'occupied', address: this.occupiedAt };
    const total = this.table.length - 1;
    options.onProgress?.({ phase: 'read', done: 0, total });
    if (this.holdRuns) {
      await new Promise<void>((resolve) => {
        this.releaseRun = resolve;
        options.signal?.addEventListener('abort', () => resolve());
      });
    }
    if (options.signal?.aborted) return { kind: 'cancelled' };
    options.onProgress?.({ phase: 'read', done: total, total });
    let config = options.config;
    if (options.reuseLastCuts && this.state?.lastCuts) {
      const { share, loyalty } = this.state.lastCuts;
      config = {
        ...config,
        ...(share !== null ? { shareCut: `fixed:${share}` } : {}),
        ...(loyalty !== null ? { loyaltyCut: `fixed:${loyalty}` } : {}),
      };
    }
    const result = analyze(this.table, config, { today: options.today });
    options.onProgress?.({ phase: 'write', done: total, total });
    const lastCol = String.fromCharCode(64 + this.table[0].length + 12);
    const outputAddress = `${this.sheetName}!${String.fromCharCode(65 + this.table[0].length)}1:${lastCol}${this.table.length}`;
    this.state = {
      schemaVersion: 1,
      config,
      table: { sheetName: this.sheetName, address: this.address, tableName: null },
      output: { sheetName: this.sheetName, address: outputAddress, headers: [] },
      chartName: 'PortfolioMatrixChart',
      summarySheetName: '客户矩阵汇总',
      lastCuts: { share: result.cuts.share.value, loyalty: result.cuts.loyalty.value, asOf: result.asOf },
    };
    const cutsReused = Boolean(options.reuseLastCuts && this.state?.lastCuts);
    return { kind: 'done', result, outputAddress, chartName: 'PortfolioMatrixChart', summarySheetName: '客户矩阵汇总', config, cutsReused };
  }

  async removeResults(): Promise<void> {
    this.enter('removeResults', []);
    this.state = null;
  }

  async selectRow(row: number): Promise<void> {
    this.enter('selectRow', [row]);
  }

  async listSheets(): Promise<string[]> {
    this.enter('listSheets', []);
    return this.sheets;
  }
}

function emptyState(config: AnalysisConfig): SavedState {
  return { schemaVersion: 1, config, table: null, output: null, chartName: null, summarySheetName: null, lastCuts: null };
}
