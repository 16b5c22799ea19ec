/**
 * Fluent's AccordionPanel with the one thing React 18 cannot take fixed: a closing panel gets
 * `inert: true` (so the keyboard cannot reach into it), but React 18 knows no `inert` attribute,
 * warns "Received `true` for a non-boolean attribute `inert`" and drops it — the panel stays
 * reachable while it collapses (microsoft/fluentui#36064, open). An empty string is what the HTML
 * attribute wants and React 18 writes it as is. Otherwise Fluent's own hooks, unchanged.
 */
import {
  renderAccordionPanel_unstable,
  useAccordionPanelStyles_unstable,
  useAccordionPanel_unstable,
  type AccordionPanelProps,
} from '@fluentui/react-components';
import { forwardRef } from 'react';

export const AccordionPanel = forwardRef<HTMLDivElement, AccordionPanelProps>((props, ref) => {
  const state = useAccordionPanel_unstable(props, ref);
  const root = state.root as { inert?: unknown };
  if (root.inert === true) root.inert = '';
  useAccordionPanelStyles_unstable(state);
  return renderAccordionPanel_unstable(state);
});
AccordionPanel.displayName = 'AccordionPanel';
