import './setup';
import { screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { FakeActions, readFixture } from './fakeActions';
import { press, renderApp } from './renderApp';

/**
 * jsdom computes no styles or layout, so axe cannot measure colour contrast there (it reports
 * every text as "incomplete" or guesses wrongly); contrast is left to Fluent's themes, which are
 * designed to meet it. Every other rule runs.
 */
const OPTIONS: axe.RunOptions = { rules: { 'color-contrast': { enabled: false } } };

async function violations(root: Element = document.body) {
  const result = await axe.run(root, OPTIONS);
  return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.html.slice(0, 160)) }));
}

it('has no accessibility violations on opening, with results, settings and issues open', async () => {
  const { user, container } = await renderApp({ actions: new FakeActions(readFixture('branch-messy.csv')) });
  expect(await violations(container)).toEqual([]);

  await press(user, 'Confirm mapping');
  await press(user, 'Analyse');
  await screen.findByRole('list', { name: 'Customer matrix' }, { timeout: 5000 });
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  await user.click(await screen.findByRole('button', { name: /Advanced/ }));
  const issues = await screen.findByRole('region', { name: 'Data issues' });
  await user.click(within(issues).getAllByRole('button')[0]);
  expect(await violations(container)).toEqual([]);
});

it('has no accessibility violations with an error and in Chinese', async () => {
  const actions = new FakeActions();
  actions.failNext.detectTable = new Error('boom');
  const { container } = await renderApp({ actions, locale: 'zh-CN', waitForTable: false });
  await screen.findByRole('alert');
  expect(await violations(container)).toEqual([]);
});

it('has no accessibility violations with the remove dialog open', async () => {
  const { user } = await renderApp();
  await press(user, 'Confirm mapping');
  await press(user, 'Analyse');
  await press(user, 'Remove results');
  // Tabster keeps the dialog aria-hidden until focus is inside it; in jsdom Fluent's first focus
  // can come before Tabster has registered the dialog, so focus its first button as Tab would.
  const dialog = await screen.findByRole('alertdialog', { hidden: true });
  within(dialog).getAllByRole('button', { hidden: true })[0].focus();
  await waitFor(() => expect(dialog.getAttribute('aria-hidden')).toBeNull());
  // The dialog lives in a portal outside the pane's container, so check the whole page.
  expect(await violations(document.body)).toEqual([]);
});
