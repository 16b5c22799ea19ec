/** Renders the real task pane on a FakeActions and waits until it has found the table. */
import { RendererProvider, createDOMRenderer } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import type { Locale } from '../../src/domain';
import type { PortfolioActions } from '../../src/excel/api';
import { App } from '../../src/taskpane/App';
import { FakeActions } from './fakeActions';

export const TODAY = '2026-11-23';

/**
 * jsdom matches every style rule of the page on each getComputedStyle call, and Testing Library's
 * role queries call it for every element and its ancestors: with Fluent's thousands of atomic
 * rules a click took seconds. jsdom lays nothing out, so only the rules that hide things matter;
 * the others are not inserted.
 */
const renderer = createDOMRenderer(document, {
  unstable_filterCSSRule: (rule) => /display:\s*none|visibility:\s*hidden/.test(rule),
});

export async function renderApp<A extends PortfolioActions = FakeActions>(options: { actions?: A; locale?: Locale; waitForTable?: boolean } = {}) {
  const actions = options.actions ?? (new FakeActions() as unknown as A);
  // user-event checks `pointer-events` on every ancestor of every target through getComputedStyle,
  // which is slow in jsdom over Fluent's many style rules, and CSS never disables pointer events here.
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  const view = render(
    <RendererProvider renderer={renderer} targetDocument={document}>
      <App actions={actions} locale={options.locale ?? 'en-US'} today={() => TODAY} />
    </RendererProvider>,
  );
  if (options.waitForTable !== false) await screen.findByText(/client rows|行客户数据/);
  return { actions, user, ...view };
}

type User = ReturnType<typeof userEvent.setup>;

/**
 * Presses a button as a user would: once it is there and enabled. The pane disables its buttons
 * while it works (saving the mapping, finishing a run), and a click on a disabled button does
 * nothing — on a busy machine that window is long enough for a test to click into it.
 */
export async function press(user: User, name: string | RegExp): Promise<void> {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect(button).toBeEnabled());
  await user.click(button);
}
