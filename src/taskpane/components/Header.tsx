/** Title and the language switch (the choice is remembered in this browser profile). */
import { Caption1, Field, Select, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { LOCALES, type Locale } from '../../domain';
import { LOCALE_NAMES } from '../i18n';
import { useLocale } from '../locale';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  titles: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  subtitle: { color: tokens.colorNeutralForeground3 },
  language: { minWidth: '96px' },
});

export function Header({ onLocaleChange }: { onLocaleChange(locale: Locale): void }) {
  const styles = useStyles();
  const { locale, ui } = useLocale();
  return (
    <header className={styles.root}>
      <div className={styles.titles}>
        <Title3 as="h1">{ui('appTitle')}</Title3>
        <Caption1 className={styles.subtitle}>{ui('appSubtitle')}</Caption1>
      </div>
      <Field label={ui('language')} size="small" className={styles.language}>
        <Select size="small" value={locale} onChange={(_, d) => onLocaleChange(d.value as Locale)}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </Select>
      </Field>
    </header>
  );
}
