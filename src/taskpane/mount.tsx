/**
 * Starting the pane. Everything host-specific (Office's readiness, language, theme, the Excel
 * actions) arrives through a small `TaskPaneHost`, so the pane itself never touches Office.js and
 * the sandbox can start the very same pane on its in-memory workbook.
 */
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { Locale } from '../domain';
import type { PortfolioActions } from '../excel/api';
import { App } from './App';

export interface TaskPaneHost {
  actions: PortfolioActions;
  locale: Locale;
  theme: 'light' | 'dark';
}

export function mountTaskPane(host: TaskPaneHost, element: HTMLElement): Root {
  const root = createRoot(element);
  root.render(
    <StrictMode>
      <App actions={host.actions} locale={host.locale} theme={host.theme} />
    </StrictMode>,
  );
  return root;
}

/** Dark when the background colour Office reports is dark (relative luminance below one half). */
export function themeFromBackground(color: string | undefined | null): 'light' | 'dark' {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color?.trim() ?? '');
  if (!m) return 'light';
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? 'dark' : 'light';
}
