/**
 * The task pane's entry in Excel, and the only place the pane meets Office.js: the global `Office`
 * and `Excel` objects (taskpane.html loads office.js) are read here and handed to the pane as a
 * TaskPaneHost — readiness, display language, theme and the actions bound to `Excel.run`. Nothing
 * is imported from office-js (the lint boundary keeps that in src/excel); if this glue should move,
 * it is this one file.
 */
import { createPortfolioActions, type BatchRunner, type ExcelHost } from '../excel';
import { UI } from './i18n';
import { localeFromDisplayLanguage, storedLocale } from './locale';
import { mountTaskPane, themeFromBackground } from './mount';

const element = document.getElementById('root');
if (!element) throw new Error('taskpane.html has no #root element');

Office.onReady((info) => {
  const locale = storedLocale() ?? localeFromDisplayLanguage(Office.context.displayLanguage);
  if (info.host !== Office.HostType.Excel) {
    // Opened in a plain browser tab: say where the pane works instead of failing on Excel.run.
    element.textContent = `${UI.notInExcel[locale]} `;
    const link = document.createElement('a');
    link.href = 'sandbox.html';
    link.textContent = UI.openSandbox[locale];
    element.append(link);
    return;
  }
  // Excel.run(options, batch) (RunOptions: ExcelApi 1.11) only when the adapter asks for an option it checked.
  const run: BatchRunner = (batch, options) => (options ? Excel.run(options, batch) : Excel.run(batch));
  const host: ExcelHost = { supportsExcelApi: (v) => Office.context.requirements.isSetSupported('ExcelApi', v) };
  mountTaskPane(
    {
      actions: createPortfolioActions(run, host),
      locale: localeFromDisplayLanguage(Office.context.displayLanguage),
      theme: themeFromBackground(Office.context.officeTheme?.bodyBackgroundColor),
    },
    element,
  );
});
