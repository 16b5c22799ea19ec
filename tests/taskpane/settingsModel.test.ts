import { DEFAULT_CONFIG, parseConfig } from '../../src/domain';
import { sheetRow } from '../../src/taskpane/format';
import { localeFromDisplayLanguage } from '../../src/taskpane/locale';
import { themeFromBackground } from '../../src/taskpane/mount';
import { assignColumns, configToDraft, cutToDraft, draftToConfig, draftToCut } from '../../src/taskpane/settingsModel';

describe('cut modes as the pane shows them', () => {
  it.each([
    ['pareto:0.8', 'share', { kind: 'pareto', value: '80' }],
    ['quantile:0.25', 'loyalty', { kind: 'quantile', value: '25' }],
    ['fixed:0.02', 'share', { kind: 'fixed', value: '2' }],
    ['fixed:55.5', 'loyalty', { kind: 'fixed', value: '55.5' }],
    ['median', 'loyalty', { kind: 'median', value: '' }],
  ] as const)('%s on the %s axis reads as %j and converts back', (mode, axis, draft) => {
    expect(cutToDraft(mode, axis)).toEqual(draft);
    expect(draftToCut(draft, axis)).toEqual({ mode });
  });

  it('refuses a pareto share above 100 % and text that is no number', () => {
    expect(draftToCut({ kind: 'pareto', value: '150' }, 'share')).toHaveProperty('problem.en', 'Enter a percentage above 0 and at most 100.');
    expect(draftToCut({ kind: 'fixed', value: 'abc' }, 'loyalty')).toHaveProperty('problem.zh', '请输入数字。');
  });
});

describe('the settings draft', () => {
  it('turns the defaults into a valid configuration with the mapping', () => {
    const draft = configToDraft(DEFAULT_CONFIG, 'zh-CN', false);
    const { config, problems } = draftToConfig(draft, { volume: ['余额', '存款'], client_name: ['名称'] });
    expect(problems).toEqual({});
    expect(config?.map).toEqual({ volume: ['余额', '存款'], client_name: '名称' });
    expect(config?.locale).toBe('zh-CN');
    expect(config?.thresholds).toEqual(DEFAULT_CONFIG.thresholds);
    expect(() => parseConfig(config)).not.toThrow();
  });

  it('shows fraction thresholds in percent and saves them as fractions', () => {
    const draft = configToDraft(DEFAULT_CONFIG, 'en-US', false);
    expect(draft.thresholds.balanceDrop).toBe('-30');
    const { config } = draftToConfig({ ...draft, thresholds: { ...draft.thresholds, balanceDrop: '-40', dormantDays: '120' } }, { volume: ['v'] });
    expect(config?.thresholds.balanceDrop).toBeCloseTo(-0.4);
    expect(config?.thresholds.dormantDays).toBe(120);
  });

  it('keeps the saved sheet language of a workbook that has settings', () => {
    expect(configToDraft({ ...DEFAULT_CONFIG, locale: 'zh-CN' }, 'en-US', true).sheetLocale).toBe('zh-CN');
  });

  it('names the field with a problem and gives no configuration', () => {
    const draft = configToDraft(DEFAULT_CONFIG, 'en-US', false);
    const { config, problems } = draftToConfig({ ...draft, previous: 'sheet', previousSheet: '' }, { volume: ['v'] });
    expect(config).toBeNull();
    expect(Object.keys(problems)).toEqual(['previousSheet']);
  });
});

describe('mapping a column', () => {
  it('moves a column from the field that had it', () => {
    expect(assignColumns({ volume: ['A', 'B'], client_name: ['C'] }, 'volume_prev', ['B'])).toEqual({ volume: ['A'], client_name: ['C'], volume_prev: ['B'] });
    expect(assignColumns({ client_name: ['C'] }, 'client_name', [])).toEqual({});
  });
});

describe('host details', () => {
  it('reads Taiwan, Hong Kong, Macau and Hant display languages as zh-TW, other Chinese as zh-CN, everything else as en-US', () => {
    expect(['zh-CN', 'zh-SG', 'zh', 'zh-Hans-CN', 'en-GB', 'fr-FR', ''].map(localeFromDisplayLanguage)).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN', 'en-US', 'en-US', 'en-US']);
    expect(['zh-TW', 'ZH-hk', 'zh-MO', 'zh-Hant', 'zh-Hant-HK'].map(localeFromDisplayLanguage)).toEqual(['zh-TW', 'zh-TW', 'zh-TW', 'zh-TW', 'zh-TW']);
  });

  it('follows a dark Office theme', () => {
    expect(themeFromBackground('#1F1F1F')).toBe('dark');
    expect(themeFromBackground('#FFFFFF')).toBe('light');
    expect(themeFromBackground(undefined)).toBe('light');
  });

  it('names data rows by their sheet row', () => {
    expect(sheetRow('Sheet1!A1:R13', 1)).toBe(2);
    expect(sheetRow("'My sheet'!$B$5:$F$9", 3)).toBe(8);
  });
});
