/**
 * What the run found: the matrix, the cut values (and whether last period's were reused), the
 * movement since last period (quadrant changes, new and gone clients), stage and risk counts, the
 * top priorities and the data issues (clickable to select the row in the sheet), and Remove results.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Link,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AccordionPanel } from './AccordionPanel';
import { useMemo } from 'react';
import {
  isChinese,
  ISSUE_CODES,
  QUADRANTS,
  RISKS,
  STAGES,
  issueText,
  labels,
  type AnalysisResult,
  type IssueCode,
  type Quadrant,
  type RowResult,
} from '../../domain';
import { MESSAGES, fmt } from '../i18n';
import { formatLoyalty, formatPercent, sheetRow } from '../format';
import { useLocale } from '../locale';
import { QuadrantMatrix } from './QuadrantMatrix';

const TOP_PRIORITIES = 10;
/** Rows listed per issue kind; the rest are a count (the sheet's "Data issues" column has them all). */
const ROWS_PER_ISSUE = 25;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
  tables: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: tokens.spacingHorizontalL },
  number: { textAlign: 'right' },
});

export interface ResultsPanelProps {
  result: AnalysisResult | null;
  /** The analysed table's address (to name rows as the sheet numbers them). */
  tableAddress: string | null;
  /** Last period's cut values were used as fixed cuts in this run. */
  cutsReused?: boolean;
  /** Results exist in the workbook (this run's or an earlier one). */
  canRemove: boolean;
  busy: boolean;
  onSelectRow(row: number): void;
  onRemove(): void;
}

export default function ResultsPanel(props: ResultsPanelProps) {
  const { result } = props;
  const styles = useStyles();
  const { ui } = useLocale();
  return (
    <div className={styles.root}>
      {result ? (
        <>
          <QuadrantMatrix result={result} />
          <Cuts result={result} reused={props.cutsReused === true} />
          <Movement {...props} result={result} />
          <Counts result={result} />
          <Priorities {...props} result={result} />
          <Issues {...props} result={result} />
        </>
      ) : (
        props.canRemove && <Body1>{ui('previousResultsExist')}</Body1>
      )}
      {props.canRemove && <RemoveButton disabled={props.busy} onRemove={props.onRemove} />}
    </div>
  );
}

function useRowName(tableAddress: string | null) {
  const { locale } = useLocale();
  return (row: number) => fmt(MESSAGES.rowLabel, locale, { row: (tableAddress ? sheetRow(tableAddress, row) : null) ?? row });
}

function Cuts({ result, reused }: { result: AnalysisResult; reused: boolean }) {
  const styles = useStyles();
  const { locale, ui } = useLocale();
  const { share, loyalty } = result.cuts;
  return (
    <section className={styles.group} aria-labelledby="cuts-heading">
      <Subtitle2 as="h3" id="cuts-heading">
        {ui('cutsHeading')}
      </Subtitle2>
      <Body1>
        {share.value === null
          ? `${ui('shareAxis')}: ${fmt(MESSAGES.noCut, locale, undefined)}`
          : fmt(MESSAGES.shareCutText, locale, { mode: share.mode, value: formatPercent(share.value, locale) })}
      </Body1>
      <Body1>
        {loyalty.value === null
          ? `${ui('loyaltyAxis')}: ${fmt(MESSAGES.noCut, locale, undefined)}`
          : fmt(MESSAGES.loyaltyCutText, locale, { mode: loyalty.mode, value: formatLoyalty(loyalty.value, locale) })}
      </Body1>
      {reused && <Caption1 className={styles.muted}>{ui('cutsReusedNote')}</Caption1>}
    </section>
  );
}

/** Clients listed per kind (new, gone); the summary sheet lists them all. */
const CLIENTS_LISTED = 25;

/** Quadrant changes since last period, and the clients new this period and gone since (§11). */
function Movement({ result, tableAddress, onSelectRow }: ResultsPanelProps & { result: AnalysisResult }) {
  const styles = useStyles();
  const { locale, ui } = useLocale();
  const rowName = useRowName(tableAddress);
  const migration = result.summary.migration;
  const moves = useMemo(() => {
    const out: { from: Quadrant; to: Quadrant; n: number }[] = [];
    let same = 0;
    for (const from of QUADRANTS) {
      for (const to of QUADRANTS) {
        const n = migration?.[from]?.[to] ?? 0;
        if (n === 0) continue;
        if (from === to) same += n;
        else out.push({ from, to, n });
      }
    }
    return { changed: out.sort((a, b) => b.n - a.n), same };
  }, [migration]);
  const fresh = useMemo(() => result.rows.filter((r) => r.previousQuadrant === null), [result]);
  if (!migration) return null;
  const match = result.previousMatch;
  const q = (x: Quadrant) => labels.QUADRANT_LABELS[x][locale];
  const name = (c: { clientName: string | null; clientId: string | null }) =>
    c.clientName && c.clientId
      ? isChinese(locale)
        ? `${c.clientName}（${c.clientId}）`
        : `${c.clientName} (${c.clientId})`
      : (c.clientName ?? c.clientId ?? '');
  return (
    <section className={styles.group} aria-labelledby="movement-heading">
      <Subtitle2 as="h3" id="movement-heading">
        {ui('movementHeading')}
      </Subtitle2>
      {match && (
        <Caption1 className={styles.muted}>
          {fmt(MESSAGES.previousMatchText, locale, { source: match.source, byId: match.matchedById, byName: match.matchedByName })}
        </Caption1>
      )}
      {moves.changed.length === 0 ? (
        <Body1>{ui('noMoves')}</Body1>
      ) : (
        <ul className={styles.list} aria-labelledby="movement-heading">
          {moves.changed.map((m) => (
            <li key={`${m.from}-${m.to}`}>{fmt(MESSAGES.moveText, locale, { from: q(m.from), to: q(m.to), n: m.n })}</li>
          ))}
          <li>
            {ui('unchangedClients')}
            {isChinese(locale) ? '：' : ': '}
            {moves.same.toLocaleString(locale)}
          </li>
        </ul>
      )}
      <Accordion multiple collapsible>
        <AccordionItem value="new">
          <AccordionHeader size="small">{fmt(MESSAGES.issueGroup, locale, { label: ui('newClients'), n: fresh.length })}</AccordionHeader>
          <AccordionPanel>
            <ul className={styles.list}>
              {fresh.slice(0, CLIENTS_LISTED).map((r) => (
                <li key={r.row}>
                  <Link as="button" onClick={() => onSelectRow(r.row)} title={ui('selectRowHint')}>
                    {name(r) || rowName(r.row)}
                  </Link>{' '}
                  <Caption1 className={styles.muted}>{q(r.quadrant)}</Caption1>
                </li>
              ))}
            </ul>
            {fresh.length > CLIENTS_LISTED && (
              <Caption1 className={styles.muted}>{fmt(MESSAGES.moreClients, locale, { n: fresh.length - CLIENTS_LISTED })}</Caption1>
            )}
          </AccordionPanel>
        </AccordionItem>
        {match && (
          <AccordionItem value="gone">
            <AccordionHeader size="small">
              {fmt(MESSAGES.issueGroup, locale, { label: ui('goneClients'), n: match.disappeared.length })}
            </AccordionHeader>
            <AccordionPanel>
              <ul className={styles.list}>
                {match.disappeared.slice(0, CLIENTS_LISTED).map((c, i) => (
                  <li key={i}>
                    {name(c)} {c.quadrant && <Caption1 className={styles.muted}>{q(c.quadrant)}</Caption1>}
                  </li>
                ))}
              </ul>
              {match.disappeared.length > CLIENTS_LISTED && (
                <Caption1 className={styles.muted}>{fmt(MESSAGES.moreClients, locale, { n: match.disappeared.length - CLIENTS_LISTED })}</Caption1>
              )}
            </AccordionPanel>
          </AccordionItem>
        )}
      </Accordion>
    </section>
  );
}

function Counts({ result }: { result: AnalysisResult }) {
  const styles = useStyles();
  const { locale, ui } = useLocale();
  const stages = STAGES.filter((s) => (result.summary.stages[s] ?? 0) > 0);
  const risks = RISKS.filter((r) => (result.summary.risks[r] ?? 0) > 0);
  const table = (caption: string, rows: [string, number][]) => (
    <Table size="extra-small" aria-label={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{caption}</TableHeaderCell>
          <TableHeaderCell className={styles.number}>{ui('count')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(([name, n]) => (
          <TableRow key={name}>
            <TableCell>{name}</TableCell>
            <TableCell className={styles.number}>{n.toLocaleString(locale)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
  return (
    <div className={styles.tables}>
      {table(
        ui('stagesHeading'),
        stages.map((s) => [labels.STAGE_LABELS[s][locale], result.summary.stages[s] ?? 0]),
      )}
      {table(
        ui('risksHeading'),
        risks.map((r) => [labels.RISK_LABELS[r][locale], result.summary.risks[r] ?? 0]),
      )}
    </div>
  );
}

function Priorities({ result, tableAddress, onSelectRow }: ResultsPanelProps & { result: AnalysisResult }) {
  const styles = useStyles();
  const { locale, ui } = useLocale();
  const rowName = useRowName(tableAddress);
  const top = useMemo(
    () =>
      result.rows
        .filter((r): r is RowResult & { priority: number } => r.priority !== null)
        .sort((a, b) => a.priority - b.priority)
        .slice(0, TOP_PRIORITIES),
    [result],
  );
  const sep = labels.LIST_SEPARATOR[locale];
  return (
    <section className={styles.group} aria-labelledby="priorities-heading">
      <Subtitle2 as="h3" id="priorities-heading">
        {ui('prioritiesHeading')}
      </Subtitle2>
      {top.length === 0 ? (
        <Body1>{ui('noPriorities')}</Body1>
      ) : (
        <ol className={styles.list} aria-labelledby="priorities-heading">
          {top.map((r) => (
            <li key={r.row}>
              <Link as="button" onClick={() => onSelectRow(r.row)} title={ui('selectRowHint')}>
                {r.clientName ?? r.clientId ?? rowName(r.row)}
              </Link>{' '}
              <Caption1 className={styles.muted}>
                {labels.RISK_LABELS[r.risk][locale]} · {r.flags.map((f) => labels.FLAG_LABELS[f][locale]).join(sep)}
              </Caption1>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Issues({ result, tableAddress, onSelectRow }: ResultsPanelProps & { result: AnalysisResult }) {
  const styles = useStyles();
  const { locale, ui } = useLocale();
  const rowName = useRowName(tableAddress);
  const groups = useMemo(() => {
    const byCode = new Map<IssueCode, { row: number; text: string }[]>();
    for (const r of result.rows) {
      for (const issue of r.issues) {
        const list = byCode.get(issue.code) ?? [];
        list.push({ row: r.row, text: issueText(issue, locale) });
        byCode.set(issue.code, list);
      }
    }
    return ISSUE_CODES.filter((c) => byCode.has(c)).map((c) => ({ code: c, rows: byCode.get(c) ?? [] }));
  }, [result, locale]);
  return (
    <section className={styles.group} aria-labelledby="issues-heading">
      <Subtitle2 as="h3" id="issues-heading">
        {ui('issuesHeading')}
      </Subtitle2>
      {groups.length === 0 ? (
        <Body1>{ui('noIssues')}</Body1>
      ) : (
        <Accordion multiple collapsible>
          {groups.map(({ code, rows }) => (
            <AccordionItem key={code} value={code}>
              <AccordionHeader size="small">
                {fmt(MESSAGES.issueGroup, locale, { label: labels.ISSUE_LABELS[code][locale], n: rows.length })}
              </AccordionHeader>
              <AccordionPanel>
                <ul className={styles.list}>
                  {rows.slice(0, ROWS_PER_ISSUE).map((r, i) => (
                    <li key={`${r.row}-${i}`}>
                      <Link as="button" onClick={() => onSelectRow(r.row)} title={ui('selectRowHint')}>
                        {rowName(r.row)}
                      </Link>{' '}
                      <Caption1 className={styles.muted}>{r.text}</Caption1>
                    </li>
                  ))}
                </ul>
                {rows.length > ROWS_PER_ISSUE && (
                  <Caption1 className={styles.muted}>{fmt(MESSAGES.moreRows, locale, { n: rows.length - ROWS_PER_ISSUE })}</Caption1>
                )}
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      )}
    </section>
  );
}

function RemoveButton({ disabled, onRemove }: { disabled: boolean; onRemove(): void }) {
  const { ui } = useLocale();
  return (
    <Dialog modalType="alert">
      <DialogTrigger disableButtonEnhancement>
        <Button disabled={disabled}>{ui('removeResults')}</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{ui('removeTitle')}</DialogTitle>
          <DialogContent>{ui('removeBody')}</DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary" onClick={onRemove}>
                {ui('remove')}
              </Button>
            </DialogTrigger>
            <DialogTrigger disableButtonEnhancement>
              <Button>{ui('cancel')}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
