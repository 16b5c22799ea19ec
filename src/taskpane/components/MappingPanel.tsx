/**
 * The detected table and the field -> column mapping (analysis.md §2). Volume is required;
 * volume and volume_prev may take several columns (summed). The user confirms before the first
 * run; the confirmation saves the mapping in the workbook.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  Option,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AccordionPanel } from './AccordionPanel';
import { useMemo } from 'react';
import { isChinese, FIELDS, MULTI_COLUMN_FIELDS, labels, type Field as FieldName } from '../../domain';
import type { DetectedTable } from '../../excel/api';
import { MESSAGES, fmt } from '../i18n';
import { useLocale } from '../locale';
import type { Mapping } from '../usePortfolio';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  tableInfo: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  dropdown: { minWidth: 'auto', width: '100%' },
});

export interface MappingPanelProps {
  table: DetectedTable | null;
  detecting: boolean;
  mapping: Mapping;
  confirmed: boolean;
  /** True when a mapping was confirmed before and then changed. */
  changedSinceConfirm: boolean;
  busy: boolean;
  onChange(field: FieldName, headers: string[]): void;
  onConfirm(): void;
  onDetect(): void;
}

export function MappingPanel(props: MappingPanelProps) {
  const { table, detecting, mapping, confirmed, busy } = props;
  const styles = useStyles();
  const { locale, ui } = useLocale();
  // Grouped by the detected suggestion, not the live mapping, so a field does not jump away
  // (and take the keyboard focus with it) while the user is changing it.
  const [main, others] = useMemo(() => {
    const suggested = table?.mapping ?? {};
    const isMain = (f: FieldName) => f === 'volume' || Boolean(suggested[f]?.length);
    return [FIELDS.filter(isMain), FIELDS.filter((f) => !isMain(f))];
  }, [table]);
  const headers = useMemo(() => [...new Set((table?.headers ?? []).filter((h) => h.trim() !== ''))], [table]);
  const volumeMissing = !mapping.volume?.length;

  const row = (f: FieldName) => (
    <FieldRow key={f} field={f} headers={headers} selected={mapping[f] ?? []} onChange={props.onChange} disabled={busy} />
  );

  return (
    <div className={styles.root}>
      <div className={styles.tableInfo}>
        {detecting ? (
          <Spinner size="tiny" label={ui('detecting')} />
        ) : table ? (
          <>
            <Body1>{fmt(MESSAGES.tableFound, locale, { address: table.address, rows: table.rowCount })}</Body1>
            {table.tableName && <Caption1 className={styles.muted}>{fmt(MESSAGES.excelTable, locale, { name: table.tableName })}</Caption1>}
            {table.hasHiddenRows && <Caption1 className={styles.muted}>{ui('hiddenRowsNote')}</Caption1>}
            {(table.mergedHeader?.length ?? 0) > 0 && <Caption1 className={styles.muted}>{ui('mergedHeaderNote')}</Caption1>}
            {table.source === 'saved' && <Caption1 className={styles.muted}>{ui('savedTableNote')}</Caption1>}
          </>
        ) : null}
        <div className={styles.buttons}>
          <Button size="small" onClick={props.onDetect} disabled={detecting || busy} title={ui('detectAgainHint')}>
            {ui('detectAgain')}
          </Button>
        </div>
      </div>

      {table && (
        <>
          <div className={styles.fields}>{main.map(row)}</div>
          {others.length > 0 && (
            <Accordion collapsible>
              <AccordionItem value="others">
                <AccordionHeader size="small">
                  {ui('optionalFields')} ({others.length})
                </AccordionHeader>
                <AccordionPanel>
                  <div className={styles.fields}>{others.map(row)}</div>
                </AccordionPanel>
              </AccordionItem>
            </Accordion>
          )}
          {/* A status region, so confirming (or changing) the mapping is announced. */}
          <div role="status">
            <Caption1 className={styles.muted}>
              {confirmed ? ui('mappingConfirmed') : props.changedSinceConfirm ? ui('mappingChanged') : ui('confirmMappingHint')}
            </Caption1>
          </div>
          <div className={styles.buttons}>
            <Button appearance={confirmed ? 'secondary' : 'primary'} onClick={props.onConfirm} disabled={busy || volumeMissing || confirmed}>
              {ui('confirmMapping')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

interface FieldRowProps {
  field: FieldName;
  headers: string[];
  selected: string[];
  disabled: boolean;
  onChange(field: FieldName, headers: string[]): void;
}

function FieldRow({ field, headers, selected, disabled, onChange }: FieldRowProps) {
  const styles = useStyles();
  const { locale, ui } = useLocale();
  const label = labels.FIELD_LABELS[field][locale];
  const required = field === 'volume';
  const multi = MULTI_COLUMN_FIELDS.includes(field);
  const problem = required && selected.length === 0 ? ui('volumeMissing') : undefined;

  if (multi) {
    return (
      <Field
        label={label}
        required={required}
        hint={ui('severalColumnsHint')}
        validationMessage={problem}
        size="small"
      >
        <Dropdown
          className={styles.dropdown}
          size="small"
          multiselect
          disabled={disabled}
          placeholder={ui('notMapped')}
          value={selected.join(isChinese(locale) ? '、' : ', ')}
          selectedOptions={selected}
          onOptionSelect={(_, d) => onChange(field, headers.filter((h) => d.selectedOptions.includes(h)))}
        >
          {headers.map((h) => (
            <Option key={h} value={h}>
              {h}
            </Option>
          ))}
        </Dropdown>
      </Field>
    );
  }
  return (
    <Field label={label} required={required} validationMessage={problem} size="small">
      <Select size="small" disabled={disabled} value={selected[0] ?? ''} onChange={(_, d) => onChange(field, d.value ? [d.value] : [])}>
        <option value="">{ui('notMapped')}</option>
        {headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </Select>
    </Field>
  );
}
