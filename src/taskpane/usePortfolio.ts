/**
 * The pane's state and the calls to the injected Excel actions: detect the table, confirm the
 * mapping, run (with progress, cancel and the "cells in the way" question), remove, select.
 * Every failure is kept as the error object (not a string) so it can be re-worded when the
 * user switches language.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_CONFIG, type AnalysisConfig, type Field, type Locale } from '../domain';
import type { DetectedTable, PortfolioActions, PreviousSource, RunOutcome, RunProgress, SavedState } from '../excel/api';
import {
  assignColumns,
  configToDraft,
  draftToConfig,
  mappingToMap,
  sameMapping,
  type SettingsDraft,
} from './settingsModel';

export type Mapping = Partial<Record<Field, string[]>>;
export type DoneOutcome = Extract<RunOutcome, { kind: 'done' }>;

/** A message for the status line, worded at render time in the current language. */
export type Notice =
  | { kind: 'cancelled' }
  | { kind: 'removed' }
  | { kind: 'done'; rows: number; output: string; summary: string };

export type RunState = { status: 'idle' } | { status: 'running' | 'cancelling'; progress: RunProgress | null };

export interface PortfolioState {
  detecting: boolean;
  table: DetectedTable | null;
  saved: SavedState | null;
  sheets: string[];
  mapping: Mapping;
  /** The mapping last saved in the workbook; the user must confirm before the first run. */
  confirmedMapping: Mapping | null;
  draft: SettingsDraft;
  run: RunState;
  outcome: DoneOutcome | null;
  /** Address of the cells in the way, while the pane asks what to do. */
  occupied: string | null;
  notice: Notice | null;
  error: unknown;
  hasError: boolean;
}

export interface PortfolioController extends PortfolioState {
  confirmed: boolean;
  detect(): Promise<void>;
  setMapping(field: Field, headers: string[]): void;
  confirmMapping(): Promise<void>;
  setDraft(update: (d: SettingsDraft) => SettingsDraft): void;
  analyse(placement?: 'ask' | 'afterUsed'): Promise<void>;
  cancel(): void;
  dismissOccupied(): void;
  removeResults(): Promise<void>;
  selectRow(row: number): Promise<void>;
  dismissError(): void;
}

export function usePortfolio(actions: PortfolioActions, locale: Locale, today: () => string): PortfolioController {
  const [detecting, setDetecting] = useState(true);
  const [table, setTable] = useState<DetectedTable | null>(null);
  const [saved, setSaved] = useState<SavedState | null>(null);
  const [sheets, setSheets] = useState<string[]>([]);
  const [mapping, setMappingState] = useState<Mapping>({});
  const [confirmedMapping, setConfirmedMapping] = useState<Mapping | null>(null);
  const [draft, setDraftState] = useState<SettingsDraft>(() => configToDraft(DEFAULT_CONFIG, locale, false));
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const [outcome, setOutcome] = useState<DoneOutcome | null>(null);
  const [occupied, setOccupied] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setErrorState] = useState<{ error: unknown } | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  // The pane may be closed while a call is in flight; later state updates are then pointless.
  const alive = useRef(true);
  useEffect(() => {
    // Set here too, not only at creation: StrictMode unmounts and remounts once in development.
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const fail = useCallback((e: unknown) => {
    if (alive.current) setErrorState({ error: e });
  }, []);

  const applyTable = useCallback((t: DetectedTable) => {
    setTable(t);
    setMappingState(t.mapping);
    setConfirmedMapping(t.mappingSaved ? t.mapping : null);
    setDraftState((d) => ({ ...d, previous: t.mapping.quadrant_prev?.length ? 'column' : d.previous === 'column' ? 'none' : d.previous }));
  }, []);

  /** `clear`: a fresh attempt by the user clears the last error; the first detection keeps loadState's. */
  const detectTable = useCallback(async (clear: boolean) => {
    setDetecting(true);
    if (clear) setErrorState(null);
    try {
      const t = await actions.detectTable();
      if (alive.current) applyTable(t);
    } catch (e) {
      if (alive.current) setTable(null);
      fail(e);
    } finally {
      if (alive.current) setDetecting(false);
    }
    // The sheet list feeds only the previous-period choice; its failure is reported like any other.
    try {
      const names = await actions.listSheets();
      if (alive.current) setSheets(names);
    } catch (e) {
      fail(e);
    }
  }, [actions, applyTable, fail]);
  const detect = useCallback(() => detectTable(true), [detectTable]);

  // On opening: what the workbook remembers, then the table around the selection.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const state = await actions.loadState();
        if (cancelled) return;
        setSaved(state);
        if (state) setDraftState((d) => ({ ...configToDraft(state.config, locale, true), previous: d.previous }));
      } catch (e) {
        fail(e);
      }
      if (!cancelled) await detectTable(false);
    })();
    return () => {
      cancelled = true;
    };
    // Only once per actions object: the locale at opening decides the default sheet language.
  }, [actions]);

  const setMapping = useCallback(
    (field: Field, headers: string[]) => {
      const next = assignColumns(mapping, field, headers);
      setMappingState(next);
      // Mapping a previous-quadrant column is the simplest previous period; unmapping it ends that choice.
      const hasPrev = Boolean(next.quadrant_prev?.length);
      if (hasPrev !== Boolean(mapping.quadrant_prev?.length)) {
        setDraftState((d) => ({ ...d, previous: hasPrev ? 'column' : d.previous === 'column' ? 'none' : d.previous }));
      }
      setNotice(null);
    },
    [mapping],
  );

  const currentConfig = useCallback((): AnalysisConfig => {
    const built = draftToConfig(draft, mapping);
    // With a settings problem, confirming the mapping still saves the mapping over the last good config.
    return built.config ?? { ...(saved?.config ?? DEFAULT_CONFIG), map: mappingToMap(mapping) };
  }, [draft, mapping, saved]);

  const confirmMapping = useCallback(async () => {
    setErrorState(null);
    const config = currentConfig();
    try {
      await actions.saveConfig(config);
      if (!alive.current) return;
      setConfirmedMapping(mapping);
      setSaved((s) => (s ? { ...s, config } : s));
      setNotice(null);
    } catch (e) {
      fail(e);
    }
  }, [actions, currentConfig, mapping, fail]);

  const refreshSaved = useCallback(async () => {
    try {
      const state = await actions.loadState();
      if (alive.current) setSaved(state);
    } catch (e) {
      fail(e);
    }
  }, [actions, fail]);

  const analyse = useCallback(
    async (placement: 'ask' | 'afterUsed' = 'ask') => {
      const built = draftToConfig(draft, mapping);
      if (!built.config) return; // the form shows each problem beside its field
      const previous: PreviousSource =
        draft.previous === 'sheet' ? { kind: 'sheet', sheetName: draft.previousSheet } : { kind: draft.previous };
      const controller = new AbortController();
      abortRef.current = controller;
      setErrorState(null);
      setNotice(null);
      setOccupied(null);
      setRun({ status: 'running', progress: null });
      try {
        const result = await actions.run({
          config: built.config,
          today: today(),
          signal: controller.signal,
          placement,
          previous,
          reuseLastCuts: draft.reuseLastCuts,
          onProgress: (p) => {
            if (alive.current && !controller.signal.aborted) setRun({ status: 'running', progress: p });
          },
        });
        if (!alive.current) return;
        if (result.kind === 'done') {
          setOutcome(result);
          setNotice({
            kind: 'done',
            rows: result.result.summary.rowCount,
            output: result.outputAddress,
            summary: result.summarySheetName,
          });
          await refreshSaved();
        } else if (result.kind === 'occupied') {
          setOccupied(result.address);
        } else {
          setNotice({ kind: 'cancelled' });
        }
      } catch (e) {
        fail(e);
      } finally {
        abortRef.current = null;
        if (alive.current) setRun({ status: 'idle' });
      }
    },
    [actions, draft, mapping, today, fail, refreshSaved],
  );

  const cancel = useCallback(() => {
    const c = abortRef.current;
    if (!c) return;
    c.abort();
    setRun((r) => (r.status === 'idle' ? r : { status: 'cancelling', progress: r.progress }));
  }, []);

  const removeResults = useCallback(async () => {
    setErrorState(null);
    setNotice(null);
    try {
      await actions.removeResults();
      if (!alive.current) return;
      setOutcome(null);
      // The settings went with the results, so the mapping is no longer on record.
      setSaved(null);
      setConfirmedMapping(null);
      setDraftState((d) => ({ ...d, reuseLastCuts: false }));
      setNotice({ kind: 'removed' });
    } catch (e) {
      fail(e);
    }
  }, [actions, fail]);

  const selectRow = useCallback(
    async (row: number) => {
      try {
        await actions.selectRow(row);
      } catch (e) {
        fail(e);
      }
    },
    [actions, fail],
  );

  const setDraft = useCallback((update: (d: SettingsDraft) => SettingsDraft) => setDraftState(update), []);

  return {
    detecting,
    table,
    saved,
    sheets,
    mapping,
    confirmedMapping,
    confirmed: confirmedMapping !== null && sameMapping(confirmedMapping, mapping),
    draft,
    run,
    outcome,
    occupied,
    notice,
    error: error?.error,
    hasError: error !== null,
    detect,
    setMapping,
    confirmMapping,
    setDraft,
    analyse,
    cancel,
    dismissOccupied: () => setOccupied(null),
    removeResults,
    selectRow,
    dismissError: () => setErrorState(null),
  };
}
