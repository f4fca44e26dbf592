// Renders a JSX tree to an HTML string. The web components are synchronous on purpose: the
// live feed renders a change in the same tick the store reports it, so a client that joins
// gets a snapshot and every later change, with nothing in between.
import type { JSX } from 'hono/jsx/jsx-runtime';

export function renderFragment(node: JSX.Element): string {
  const html: unknown = node.toString();
  if (typeof html !== 'string') throw new TypeError('web components must render synchronously');
  return html;
}

/** A whole page, with the doctype that JSX cannot express. */
export function renderPage(node: JSX.Element): string {
  return `<!doctype html>${renderFragment(node)}`;
}
