/** A failure in plain words, in the current language, with what to do about it. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles } from '@fluentui/react-components';
import { describeError } from '../errors';
import { useLocale } from '../locale';

// Messages quote addresses (客户明细!A3:R3) with no break opportunity: in a 320 px pane they must break.
const useStyles = makeStyles({ body: { overflowWrap: 'anywhere' } });

export function ErrorBar({ error, onDismiss }: { error: unknown; onDismiss(): void }) {
  const { locale, ui } = useLocale();
  const words = describeError(error, locale);
  const styles = useStyles();
  return (
    // role="alert" so the failure is announced as soon as it appears.
    <div role="alert">
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody className={styles.body}>
          <MessageBarTitle>{ui('errorTitle')}</MessageBarTitle>
          {words.message} {words.hint}
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={onDismiss}>
            {ui('dismiss')}
          </Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
