import { fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import { render, type TemplateResult } from 'lit';
import type { HcpRating } from '../../src/index.js';
import type { ConfigIssue } from '../../src/config/parse.js';
import type { Evaluation } from '../../src/schema/payload.js';

export type Role = 'radio' | 'checkbox' | 'textbox' | 'button' | 'radiogroup' | 'status' | 'alert' | 'group';

const SELECTORS: Record<Role, string> = {
  radio: 'input[type=radio]',
  checkbox: 'input[type=checkbox]',
  textbox: 'textarea, input[type=text]',
  button: 'button',
  radiogroup: '[role=radiogroup]',
  status: '[role=status]',
  alert: '[role=alert]',
  group: 'fieldset, [role=group]',
};

/** The accessible name as the accname rules compute it for the markup we use. */
export function accessibleName(el: Element): string {
  const root = el.getRootNode() as ShadowRoot | Document;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy
      .split(/\s+/)
      .map((id) => root.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  }
  const ariaLabel = el.getAttribute('aria-label');
  if (ariaLabel) return ariaLabel.trim();
  const labels = (el as HTMLInputElement).labels;
  if (labels?.length) return [...labels].map((l) => l.textContent ?? '').join(' ').trim();
  if (el instanceof HTMLFieldSetElement) return el.querySelector('legend')?.textContent?.trim() ?? '';
  return (el.textContent ?? '').trim();
}

/** Every element of `role` inside the widget's shadow root, optionally with exactly `name`. */
export function allByRole<T extends HTMLElement = HTMLElement>(host: HcpRating, role: Role, name?: string): T[] {
  const found = [...host.shadowRoot!.querySelectorAll<T>(SELECTORS[role])];
  return name === undefined ? found : found.filter((el) => accessibleName(el) === name);
}

/** The one element of `role` named `name`; fails the test if there is not exactly one. */
export function getByRole<T extends HTMLElement = HTMLElement>(host: HcpRating, role: Role, name?: string): T {
  const found = allByRole<T>(host, role, name);
  if (found.length !== 1) {
    const names = allByRole(host, role).map(accessibleName);
    throw new Error(`expected one ${role}${name ? ` named "${name}"` : ''}, found ${found.length} (${role}s: ${JSON.stringify(names)})`);
  }
  return found[0];
}

/**
 * A real, trusted mouse click in the middle of the control, as a person (or Playwright's
 * `click()`) would: a radio's or checkbox's own box is its tile.
 */
export async function click(control: HTMLElement): Promise<void> {
  control.scrollIntoView({ block: 'center' });
  const rect = control.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.x + rect.width / 2), Math.round(rect.y + rect.height / 2)] });
  await sendMouse({ type: 'move', position: [0, 0] });
}

/** Types text with real key presses into whatever has focus. */
export async function type(text: string): Promise<void> {
  await sendKeys({ type: text });
}

/** Presses one key. `Space` is sent as ' ', the one spelling all three engines' drivers accept. */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key === 'Space' ? ' ' : key });
}

/** The element that has focus, looking inside shadow roots. */
export function focused(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

let bins = 0;
/** A fresh bin on the test endpoint: `/test-endpoint/<bin>`, optionally answering `status`. */
export function newEndpoint(query = ''): { endpoint: string; received: () => Promise<Received[]> } {
  const bin = `b${Date.now().toString(36)}-${bins++}`;
  return {
    endpoint: `/test-endpoint/${bin}${query ? `?${query}` : ''}`,
    received: async () => (await fetch(`/test-endpoint/${bin}`)).json(),
  };
}

export interface Received {
  body: string;
  headers: Record<string, string>;
  url: string;
}

export async function mount(template: TemplateResult): Promise<HcpRating> {
  const el = await fixture<HcpRating>(template);
  await el.updateComplete;
  return el;
}

/** Chooses a level, and tags, with real clicks. */
export async function rate(el: HcpRating, level: string, tags: string[] = []): Promise<void> {
  await click(getByRole(el, 'radio', level));
  await el.updateComplete;
  for (const tag of tags) await click(getByRole(el, 'checkbox', tag));
  await el.updateComplete;
}

/** Clicks submit and waits for the endpoint's answer to reach the widget. */
export async function submitAndWait(el: HcpRating, eventName = 'hcp-sent'): Promise<CustomEvent> {
  const settled = oneEvent(el, eventName);
  await click(getByRole(el, 'button')); // the only button while editing, in any language
  return settled;
}

export function parseBody(r: Received): Evaluation {
  return JSON.parse(r.body) as Evaluation;
}

/** The browser's own accessibility tree, flattened. */
export async function a11yTree(): Promise<{ role: string; name: string; checked?: boolean | 'mixed'; focused?: boolean }[]> {
  return (await executeServerCommand('a11y-snapshot')) as never;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns truthy, or fails after `ms`. */
export async function until<T>(check: () => T | Promise<T>, ms = 5000, what = 'condition'): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The text of each reason tag's label, in order, exactly as shown. */
export const tagLabels = (el: HcpRating): string[] =>
  allByRole<HTMLInputElement>(el, 'checkbox').map((c) => c.labels![0].textContent!);

/** Waits until the widget shows reason tags (a remote catalog has settled); fails after `ms`. */
export async function tagsShown(el: HcpRating, ms = 5000): Promise<void> {
  await until(async () => {
    await el.updateComplete;
    return allByRole(el, 'checkbox').length > 0;
  }, ms, 'reason tags to show');
}

/** Runs `fn`, collecting what it writes to `console[level]` (each call's arguments joined by spaces); always restores the console. */
export async function consoleDuring(level: 'error' | 'warn' | 'info' | 'log', fn: () => unknown): Promise<string[]> {
  const seen: string[] = [];
  const original = console[level];
  console[level] = (...args: unknown[]) => seen.push(args.map(String).join(' '));
  try {
    await fn();
  } finally {
    console[level] = original;
  }
  return seen;
}

/** Mounts a misconfigured widget, catching its hcp-error event and its console.error output. */
export async function mountBroken(template: TemplateResult): Promise<{ el: HcpRating; issues: ConfigIssue[]; consoleErrors: string[] }> {
  let mounted!: { el: HcpRating; issues: ConfigIssue[] };
  const consoleErrors = await consoleDuring('error', async () => {
    const wrapper = document.createElement('div');
    const errored = oneEvent(wrapper, 'hcp-error');
    const host = await fixture<HTMLElement>(html`<div></div>`);
    host.append(wrapper);
    render(template, wrapper);
    const event = await errored;
    const el = wrapper.querySelector('hcp-rating')!;
    await el.updateComplete;
    mounted = { el, issues: event.detail.issues };
  });
  return { ...mounted, consoleErrors };
}

/** A real mouse click on a control inside a same-origin iframe, at its position in the top page. */
export async function clickInFrame(frame: HTMLIFrameElement, control: HTMLElement): Promise<void> {
  control.scrollIntoView({ block: 'center' });
  const f = frame.getBoundingClientRect();
  const r = control.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(f.x + r.x + r.width / 2), Math.round(f.y + r.y + r.height / 2)] });
  await sendMouse({ type: 'move', position: [0, 0] });
}

/**
 * Every radio and checkbox of the widget lies over its tile: the input's box is the tile's
 * (its `part` label), and the input is what is hit in the middle and near each corner of the
 * tile. `where` names the mode in failure messages.
 */
export function expectInputsCoverTiles(el: HcpRating, where: string): void {
  const inputs = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]')];
  if (!inputs.length) throw new Error(`${where}: no radios or checkboxes to check`);
  for (const input of inputs) {
    const name = `${where}, ${accessibleName(input)}`;
    const tile = input.labels![0].getBoundingClientRect();
    const own = input.getBoundingClientRect();
    for (const side of ['left', 'top', 'width', 'height'] as const) {
      if (Math.abs(own[side] - tile[side]) > 0.5) throw new Error(`${name}: the input's ${side} is ${own[side]}, its tile's ${tile[side]}`);
    }
    const inset = 3;
    const points = [
      [tile.left + tile.width / 2, tile.top + tile.height / 2],
      [tile.left + inset, tile.top + inset],
      [tile.right - inset, tile.top + inset],
      [tile.left + inset, tile.bottom - inset],
      [tile.right - inset, tile.bottom - inset],
    ];
    for (const [x, y] of points) {
      const hit = el.shadowRoot!.elementFromPoint(x, y);
      if (hit !== input) throw new Error(`${name}: at (${Math.round(x)}, ${Math.round(y)}) a click would land on ${hit?.localName}.${hit?.className}, not the input`);
    }
  }
}
