/**
 * The one primary action: analyse. While it runs: a progress bar with counts (announced politely
 * to screen readers) and Cancel. When cells are in the way, a dialog offers to place the results
 * after the last used column instead.
 */
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  ProgressBar,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { MESSAGES, PHASES, fmt } from '../i18n';
import { useLocale } from '../locale';
import type { RunState } from '../usePortfolio';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface AnalysePanelProps {
  run: RunState;
  canRun: boolean;
  /** Why the button is disabled, if it is. */
  blockedReason: string | null;
  analysedBefore: boolean;
  occupied: string | null;
  onAnalyse(): void;
  onCancel(): void;
  onPlaceAfterUsed(): void;
  onDismissOccupied(): void;
}

export function AnalysePanel(props: AnalysePanelProps) {
  const { run } = props;
  const styles = useStyles();
  const { locale, ui } = useLocale();
  const running = run.status !== 'idle';
  const progress = run.status === 'idle' ? null : run.progress;
  const progressText =
    run.status === 'cancelling'
      ? ui('cancelling')
      : progress
        ? fmt(MESSAGES.progress, locale, { phase: PHASES[progress.phase][locale], done: progress.done, total: progress.total })
        : running
          ? PHASES.read[locale]
          : '';

  return (
    <div className={styles.root}>
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={props.onAnalyse} disabled={!props.canRun || running}>
          {props.analysedBefore ? ui('analyseAgain') : ui('analyse')}
        </Button>
        {running && (
          <Button onClick={props.onCancel} disabled={run.status === 'cancelling'}>
            {ui('cancel')}
          </Button>
        )}
      </div>
      {!running && props.blockedReason && <Caption1 className={styles.muted}>{props.blockedReason}</Caption1>}
      {running && (
        <Field label={ui('progressLabel')} validationState="none">
          <ProgressBar
            value={progress && progress.total > 0 ? progress.done / progress.total : undefined}
            max={1}
            aria-valuetext={progressText}
          />
        </Field>
      )}
      {/* Always in the DOM so screen readers hear each change of the count. */}
      <div role="status" aria-live="polite">
        {running && <Caption1>{progressText}</Caption1>}
      </div>

      <Dialog
        open={props.occupied !== null}
        modalType="alert"
        onOpenChange={(_, d) => {
          if (!d.open) props.onDismissOccupied();
        }}
      >
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{ui('occupiedTitle')}</DialogTitle>
            <DialogContent>{fmt(MESSAGES.occupiedBody, locale, { address: props.occupied ?? '' })}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={props.onPlaceAfterUsed}>
                {ui('placeAfterUsed')}
              </Button>
              <Button onClick={props.onDismissOccupied}>{ui('cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
