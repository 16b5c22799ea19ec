/**
 * Shared set-up of the task pane tests: the few browser APIs jsdom lacks that Fluent UI uses,
 * and a guard that fails a test on any console.error or console.warn (React's development warnings —
 * "Warning: …", mostly through console.error, a few deprecations through console.warn —, act()
 * warnings, errors the pane should have shown to the user instead). No warning is exempt.
 */
import { configure } from '@testing-library/react';

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (!('ResizeObserver' in globalThis)) {
  (globalThis as unknown as { ResizeObserver: typeof ResizeObserverStub }).ResizeObserver = ResizeObserverStub;
}

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// Fluent UI in jsdom is slow to query by role (accessible names are computed over a big DOM), and
// two CPU cores are shared: give a whole user flow room.
jest.setTimeout(60_000);
// Settings and results are lazily loaded parts of the pane, and one role query over Fluent's DOM
// can take a second when CI runs the browser tests and a build alongside: findBy* may wait long
// (a passing test waits only as long as the pane takes).
configure({ asyncUtilTimeout: 15_000 });

/**
 * jsdom has no layout: the body measures 0 × 0, so Tabster (Fluent's focus manager) takes every
 * element for invisible (it reads the body's size), cannot focus into an open Dialog and then
 * marks the dialog aria-hidden (microsoft/fluentui#33897, #27322). A body of a laid-out page's size
 * keeps the dialogs reachable, as they are in a browser.
 */
const bodyRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 1024, bottom: 768, width: 1024, height: 768, toJSON: () => ({}) }) as DOMRect;
beforeEach(() => {
  document.body.getBoundingClientRect = bodyRect;
});

let consoleErrors: unknown[][] = [];
let restore: (() => void) | null = null;

beforeEach(() => {
  consoleErrors = [];
  const spies = (['error', 'warn'] as const).map((type) =>
    jest.spyOn(console, type).mockImplementation((...args: unknown[]) => {
      consoleErrors.push([`console.${type}:`, ...args]);
    }),
  );
  restore = () => spies.forEach((spy) => spy.mockRestore());
  window.localStorage.clear();
});

afterEach(() => {
  restore?.();
  const seen = consoleErrors;
  consoleErrors = [];
  expect(seen.map((args) => args.map(String).join(' ').slice(0, 500))).toEqual([]);
});

// The few DOM matchers these tests use (@testing-library/jest-dom is not a dependency here).
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- jest's matcher types live in this namespace
  namespace jest {
    // The type parameters must match @types/jest's declaration for the interfaces to merge.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars -- as declared there
    interface Matchers<R, T = {}> {
      toBeInTheDocument(): R;
      toBeDisabled(): R;
      toBeEnabled(): R;
      toHaveTextContent(text: string | RegExp): R;
      toHaveValue(value: string): R;
    }
  }
}

function isDisabled(el: Element): boolean {
  return (el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true';
}

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

expect.extend({
  toBeInTheDocument(el: Element | null) {
    const pass = el !== null && el.ownerDocument.contains(el);
    return { pass, message: () => `expected the element ${pass ? 'not ' : ''}to be in the document` };
  },
  toBeDisabled(el: Element) {
    const pass = isDisabled(el);
    return { pass, message: () => `expected ${el.outerHTML.slice(0, 200)} ${pass ? 'not ' : ''}to be disabled` };
  },
  toBeEnabled(el: Element) {
    const pass = !isDisabled(el);
    return { pass, message: () => `expected ${el.outerHTML.slice(0, 200)} ${pass ? 'not ' : ''}to be enabled` };
  },
  toHaveTextContent(el: Element, expected: string | RegExp) {
    const actual = text(el);
    const pass = typeof expected === 'string' ? actual.includes(expected) : expected.test(actual);
    return { pass, message: () => `expected text ${pass ? 'not ' : ''}to contain ${String(expected)}, got "${actual.slice(0, 400)}"` };
  },
  toHaveValue(el: Element, expected: string) {
    const actual = (el as HTMLInputElement).value;
    return { pass: actual === expected, message: () => `expected value "${expected}", got "${actual}"` };
  },
});

// A module, so that `declare global` above augments jest's types.
export {};
