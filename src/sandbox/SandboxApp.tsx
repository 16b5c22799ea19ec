/**
 * The sandbox page: the real task pane (<App>) beside an in-memory workbook — a grid to select and
 * edit in, sheet tabs, a sample portfolio or a file from disk, and the matrix chart drawn from the
 * chart the adapter created. Everything runs in the page; nothing is sent anywhere.
 */
import {
  Button,
  Caption1,
  FluentProvider,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Tab,
  TabList,
  Title3,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Locale } from '../domain';
import { createPortfolioActions, type BatchRunner } from '../excel';
import type { ChartSnapshot, InMemoryWorkbook } from '../inMemoryExcel';
import { App } from '../taskpane/App';
import { localeFromDisplayLanguage } from '../taskpane/locale';
import { csvToSheet, xlsxToSheets } from './files';
import { Grid } from './Grid';
import { generateSample } from './sample';
import { SANDBOX_TEXT } from './texts';
import { workbookFromSample, workbookFromSheets } from './workbookView';

const MatrixChart = lazy(() => import(/* webpackChunkName: "matrix-chart" */ './MatrixChart'));

/** Test and debugging handle: the end-to-end tests read the workbook and the drawn chart here. */
export interface SandboxHandle {
  workbook(): InMemoryWorkbook;
  chartOption(): unknown;
  /** Where a point (axis values) is drawn, in page pixels; null before the chart is drawn. */
  chartPixel(x: number, y: number): [number, number] | null;
  loadSample(locale: Locale, rows: number): void;
}
declare global {
  interface Window {
    __sandbox?: SandboxHandle;
  }
}

const useStyles = makeStyles({
  page: { height: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    flexWrap: 'wrap',
  },
  titles: { display: 'flex', flexDirection: 'column', marginRight: 'auto' },
  muted: { color: tokens.colorNeutralForeground3 },
  main: { flex: 1, display: 'flex', minHeight: 0 },
  sheetArea: { flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0, overflowY: 'auto' },
  grid: { flex: 1, minHeight: '260px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  tabs: { backgroundColor: tokens.colorNeutralBackground1, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  chart: {
    flexShrink: 0,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    // The chart keeps the adapter's size (its labels were placed for it): scroll rather than squeeze.
    overflowX: 'auto',
  },
  pane: {
    // Excel's default task pane width on Windows (Office.TaskPane: "Windows: 320 px"; the web's is 350).
    width: '320px',
    flexShrink: 0,
    overflowY: 'auto',
    borderLeft: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  hiddenInput: { display: 'none' },
});

/** The language the task pane shows (it writes it on <html lang>), so the page around it matches. */
function usePageLocale(initial: Locale): Locale {
  const [locale, setLocale] = useState<Locale>(initial);
  useEffect(() => {
    const read = () => setLocale(localeFromDisplayLanguage(document.documentElement.lang));
    const mo = new MutationObserver(read);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    return () => mo.disconnect();
  }, []);
  return locale;
}

type SampleKey = 'sampleZh' | 'sampleTw' | 'sampleEn' | 'sampleBig';
const SAMPLE_OF: Readonly<Record<Locale, SampleKey>> = { 'zh-CN': 'sampleZh', 'zh-TW': 'sampleTw', 'en-US': 'sampleEn' };

interface Loaded {
  id: number;
  workbook: InMemoryWorkbook;
  /** A sample (named in the page's language) or a file name. */
  source: { sample: SampleKey } | { file: string };
}

export function SandboxApp() {
  const styles = useStyles();
  const officeLocale = localeFromDisplayLanguage(navigator.language);
  const locale = usePageLocale(officeLocale);
  const say = (k: keyof typeof SANDBOX_TEXT) => SANDBOX_TEXT[k][locale];
  const nextId = useRef(1);
  const [loaded, setLoaded] = useState<Loaded>(() => ({
    id: 0,
    workbook: workbookFromSample(generateSample({ locale: officeLocale })),
    source: { sample: SAMPLE_OF[officeLocale] },
  }));
  const { workbook } = loaded;
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => workbook.onChange(() => setVersion((v) => v + 1)), [workbook]);

  const actions = useMemo(() => {
    const run: BatchRunner = (batch, options) => workbook.run(options ?? {}, batch);
    return createPortfolioActions(run, { supportsExcelApi: (v) => workbook.isSetSupported('ExcelApi', v) });
  }, [workbook]);

  const load = useCallback((wb: InMemoryWorkbook, source: Loaded['source']) => {
    setLoaded({ id: nextId.current++, workbook: wb, source });
    setMessage(null);
  }, []);

  const loadSample = useCallback(
    (sampleLocale: Locale, rows: number) => {
      const key: SampleKey = rows > 1000 ? 'sampleBig' : SAMPLE_OF[sampleLocale];
      load(workbookFromSample(generateSample({ locale: sampleLocale, rows })), { sample: key });
    },
    [load],
  );

  const openFile = async (file: File) => {
    setOpening(true);
    setMessage(null);
    try {
      const lower = file.name.toLowerCase();
      let sheets;
      if (lower.endsWith('.csv')) sheets = [csvToSheet(file.name, await file.text())];
      else if (lower.endsWith('.xlsx')) sheets = await xlsxToSheets(await file.arrayBuffer());
      else {
        setMessage(say('unsupported'));
        return;
      }
      if (sheets.length === 0 || sheets.every((s) => s.values.length === 0)) {
        setMessage(say('emptyFile'));
        return;
      }
      load(workbookFromSheets(sheets), { file: file.name });
    } catch (e) {
      setMessage(say('openFailed') + (e instanceof Error ? e.message : String(e)));
    } finally {
      setOpening(false);
    }
  };

  // The chart as the adapter left it. Snapshots copy the whole workbook, so take one only once the
  // workbook has been quiet for a moment (a run changes it once per sync).
  const [chart, setChart] = useState<ChartSnapshot | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setChart(workbook.snapshot().charts[0] ?? null), 120);
    return () => clearTimeout(timer);
  }, [workbook, version]);

  const chartInstance = useRef<{ getOption(): unknown; convertToPixel(finder: { gridIndex: number }, value: number[]): number[]; getDom(): HTMLElement } | null>(null);
  useEffect(() => {
    window.__sandbox = {
      workbook: () => workbook,
      chartOption: () => chartInstance.current?.getOption() ?? null,
      chartPixel: (x, y) => {
        const c = chartInstance.current;
        if (!c) return null;
        const [px, py] = c.convertToPixel({ gridIndex: 0 }, [x, y]);
        const r = c.getDom().getBoundingClientRect();
        return [r.left + px, r.top + py];
      },
      loadSample,
    };
  }, [workbook, loadSample]);

  const sheetNames = workbook.sheetNames();
  const activeSheet = workbook.activeSheet() ?? sheetNames[0] ?? '';

  return (
    // The page's layout on a box of its own: Fluent copies the provider's className onto portal
    // mount nodes (applyStylesToPortals), and a 100vh node over the page is a white page.
    <FluentProvider theme={webLightTheme}>
      <div className={styles.page}>
        <div className={styles.bar}>
          <div className={styles.titles}>
            <Title3 as="h1">{say('title')}</Title3>
            <Caption1 className={styles.muted}>{say('subtitle')}</Caption1>
          </div>
          <Caption1 className={styles.muted}>
            {say('source')}: <span data-testid="source">{'file' in loaded.source ? loaded.source.file : say(loaded.source.sample)}</span>
          </Caption1>
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button>{say('sample')}</Button>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem onClick={() => loadSample('zh-CN', 300)}>{say('sampleZh')}</MenuItem>
                <MenuItem onClick={() => loadSample('zh-TW', 300)}>{say('sampleTw')}</MenuItem>
                <MenuItem onClick={() => loadSample('en-US', 300)}>{say('sampleEn')}</MenuItem>
                <MenuItem onClick={() => loadSample(locale, 10_000)}>{say('sampleBig')}</MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
          <Button onClick={() => fileInput.current?.click()} disabled={opening} icon={opening ? <Spinner size="extra-tiny" /> : undefined}>
            {opening ? say('opening') : say('openFile')}
          </Button>
          <input
            ref={fileInput}
            className={styles.hiddenInput}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={say('openFile')}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void openFile(file);
            }}
          />
        </div>
        {message && (
          <MessageBar intent="error">
            <MessageBarBody>{message}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => setMessage(null)}>
                {say('dismiss')}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <div className={styles.main}>
          <section className={styles.sheetArea} aria-label={say('grid')}>
            <Caption1 className={styles.muted} style={{ padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}` }}>
              {say('hint')}
            </Caption1>
            <Grid
              key={`${loaded.id}-${activeSheet}`}
              className={styles.grid}
              workbook={workbook}
              sheet={activeSheet}
              version={version}
              label={`${say('grid')} ${activeSheet}`}
              onEditError={(m) => setMessage(say('editRefused') + m)}
            />
            <TabList
              className={styles.tabs}
              size="small"
              aria-label={say('sheets')}
              selectedValue={activeSheet}
              onTabSelect={(_, d) => {
                const name = String(d.value);
                workbook.select(name, 'A1');
              }}
            >
              {sheetNames.map((n) => (
                <Tab key={n} value={n}>
                  {n}
                </Tab>
              ))}
            </TabList>
            {chart && (
              <section className={styles.chart} aria-label={say('chart')}>
                <Subtitle2 as="h2">{say('chart')}</Subtitle2>
                <Suspense fallback={<Spinner size="tiny" label={say('chartLoading')} />}>
                  <MatrixChart
                    chart={chart}
                    onReady={(instance) => {
                      chartInstance.current = instance;
                    }}
                  />
                </Suspense>
              </section>
            )}
          </section>
          <aside className={styles.pane} aria-label={say('taskPane')}>
            <App key={loaded.id} actions={actions} locale={officeLocale} />
          </aside>
        </div>
      </div>
    </FluentProvider>
  );
}
