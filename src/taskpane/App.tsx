/**
 * The task pane. It knows nothing of Office.js: the Excel actions are injected (bound to
 * Excel.run in Excel, to the in-memory workbook in the sandbox and the tests).
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  Divider,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle1,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
  type AccordionToggleData,
} from '@fluentui/react-components';
import { AccordionPanel } from './components/AccordionPanel';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import type { Locale } from '../domain';
import type { PortfolioActions } from '../excel/api';
import { AnalysePanel } from './components/AnalysePanel';
import { ErrorBar } from './components/ErrorBar';
import { Header } from './components/Header';
import { MappingPanel } from './components/MappingPanel';
import { localToday } from './format';
import { MESSAGES, fmt } from './i18n';
import { LocaleContext, storeLocale, storedLocale, useLocale } from './locale';
import { draftToConfig, sameMapping } from './settingsModel';
import { usePortfolio, type Notice } from './usePortfolio';

// Settings (folded at first) and results (only after a run) load after the first paint, which keeps
// their components (tables, spin buttons, radios…) out of the pane's first download (design.md budget).
const SettingsPanel = lazy(() => import(/* webpackChunkName: "pane-settings" */ './components/SettingsPanel'));
const ResultsPanel = lazy(() => import(/* webpackChunkName: "pane-results" */ './components/ResultsPanel'));

export interface AppProps {
  actions: PortfolioActions;
  /** Office's display language (the user's saved choice in this browser wins). */
  locale: Locale;
  theme?: 'light' | 'dark';
  /** The shell's today, YYYY-MM-DD (injected so tests are reproducible). */
  today?: () => string;
}

const useStyles = makeStyles({
  // The pane's own box, not the FluentProvider's: Fluent copies the provider's className onto every
  // portal's mount node (applyStylesToPortals), so a min-height there made the node a dropdown
  // opens in cover the whole pane — a white page that stayed after Escape closed the list.
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: '640px',
    boxSizing: 'border-box',
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  notice: { overflowWrap: 'anywhere' },
});

export function App({ actions, locale: officeLocale, theme = 'light', today = localToday }: AppProps) {
  const [locale, setLocale] = useState<Locale>(() => storedLocale() ?? officeLocale);
  const styles = useStyles();
  useEffect(() => {
    // Screen readers pick the voice from the document's language.
    document.documentElement.lang = locale;
  }, [locale]);
  const changeLocale = (l: Locale) => {
    setLocale(l);
    storeLocale(l);
  };
  return (
    <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme} lang={locale}>
      <div className={styles.root}>
        <LocaleContext.Provider value={locale}>
          <Pane actions={actions} today={today} onLocaleChange={changeLocale} />
        </LocaleContext.Provider>
      </div>
    </FluentProvider>
  );
}

function noticeText(n: Notice, locale: Locale, ui: (k: 'cancelled' | 'removed') => string): string {
  return n.kind === 'done' ? fmt(MESSAGES.done, locale, n) : ui(n.kind);
}

function Pane({ actions, today, onLocaleChange }: { actions: PortfolioActions; today: () => string; onLocaleChange(l: Locale): void }) {
  const styles = useStyles();
  const { locale, ui } = useLocale();
  const p = usePortfolio(actions, locale, today);
  const { problems } = useMemo(() => draftToConfig(p.draft, p.mapping), [p.draft, p.mapping]);
  const settingsOk = Object.keys(problems).length === 0;
  const busy = p.run.status !== 'idle';
  const blockedReason = !p.table ? null : !p.confirmed ? ui('confirmFirst') : !settingsOk ? ui('settingsInvalid') : null;

  // The mapping is open until confirmed; afterwards it folds away to leave room for the results.
  const [open, setOpen] = useState<string[]>(['mapping']);
  useEffect(() => {
    if (p.confirmed) setOpen((o) => o.filter((v) => v !== 'mapping'));
    else setOpen((o) => (o.includes('mapping') ? o : [...o, 'mapping']));
  }, [p.confirmed]);
  const toggle = (_: unknown, d: AccordionToggleData<string>) => setOpen(d.openItems);

  return (
    <main className={styles.main}>
      <Header onLocaleChange={onLocaleChange} />
      {p.hasError && <ErrorBar error={p.error} onDismiss={p.dismissError} />}

      <Accordion multiple collapsible openItems={open} onToggle={toggle}>
        <AccordionItem value="mapping">
          <AccordionHeader as="h2">{ui('mappingHeading')}</AccordionHeader>
          <AccordionPanel>
            <MappingPanel
              table={p.table}
              detecting={p.detecting}
              mapping={p.mapping}
              confirmed={p.confirmed}
              changedSinceConfirm={p.confirmedMapping !== null && !sameMapping(p.confirmedMapping, p.mapping)}
              busy={busy}
              onChange={p.setMapping}
              onConfirm={() => void p.confirmMapping()}
              onDetect={() => void p.detect()}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="settings">
          <AccordionHeader as="h2">{ui('settingsHeading')}</AccordionHeader>
          <AccordionPanel>
            <Suspense fallback={<Spinner size="tiny" />}>
              <SettingsPanel
                draft={p.draft}
                problems={problems}
                saved={p.saved}
                outcome={p.outcome}
                sheets={p.sheets}
                quadrantPrevMapped={Boolean(p.mapping.quadrant_prev?.length)}
                disabled={busy}
                onChange={p.setDraft}
              />
            </Suspense>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>

      <section className={styles.section} aria-labelledby="analyse-heading">
        <Subtitle1 as="h2" id="analyse-heading">
          {ui('analyseHeading')}
        </Subtitle1>
        <AnalysePanel
          run={p.run}
          canRun={Boolean(p.table) && p.confirmed && settingsOk}
          blockedReason={blockedReason}
          analysedBefore={p.outcome !== null}
          occupied={p.occupied}
          onAnalyse={() => void p.analyse('ask')}
          onCancel={p.cancel}
          onPlaceAfterUsed={() => void p.analyse('afterUsed')}
          onDismissOccupied={p.dismissOccupied}
        />
        {p.notice && (
          <div role="status">
            <MessageBar intent={p.notice.kind === 'cancelled' ? 'warning' : 'success'} layout="multiline">
              {/* Addresses such as 客户明细!S1:AB301 have no break opportunity: let them break anywhere. */}
              <MessageBarBody className={styles.notice}>{noticeText(p.notice, locale, ui)}</MessageBarBody>
            </MessageBar>
          </div>
        )}
      </section>

      {(p.outcome || p.saved?.output) && (
        <>
          <Divider />
          <section className={styles.section} aria-labelledby="results-heading">
            <Subtitle1 as="h2" id="results-heading">
              {ui('resultsHeading')}
            </Subtitle1>
            <Suspense fallback={<Spinner size="tiny" />}>
              <ResultsPanel
                result={p.outcome?.result ?? null}
                cutsReused={p.outcome?.cutsReused ?? false}
                tableAddress={p.saved?.table?.address ?? p.table?.address ?? null}
                canRemove={Boolean(p.outcome || p.saved?.output)}
                busy={busy}
                onSelectRow={(row) => void p.selectRow(row)}
                onRemove={() => void p.removeResults()}
              />
            </Suspense>
          </section>
        </>
      )}
    </main>
  );
}
