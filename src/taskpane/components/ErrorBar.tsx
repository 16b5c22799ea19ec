/** A failure in plain words, in the current language, with what to do about it. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { describeError } from '../errors';
import { useLocale } from '../locale';

export function ErrorBar({ error, onDismiss }: { error: unknown; onDismiss(): void }) {
  const { locale, ui } = useLocale();
  const words = describeError(error, locale);
  return (
    // role="alert" so the failure is announced as soon as it appears.
    <div role="alert">
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
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
