/**
 * `haochaping/react-component`: registers `<hcp-rating>` (like `haochaping`) and exports
 * `HcpRating`, a React component made with `@lit/react`, for React 18 and 19:
 *
 *   import { HcpRating } from 'haochaping/react-component';
 *   <HcpRating endpoint="/api/evaluations" projectNo={projectNo} headers={{ 'X-App-Id': 'h5' }}
 *     onHcpSent={(e) => console.log(e.detail.id)} />
 *
 * React 18 (Taro's H5 runtime, every app not yet on 19) writes any prop of a custom element as
 * an attribute and knows no `onhcp-*` listeners: `headers={{…}}` on `<hcp-rating>` becomes the
 * attribute `headers="[object Object]"` and the listener is never added, silently. This
 * component sets the element's properties and adds the `hcp-*` listeners itself, in both
 * versions. In React 19 `<hcp-rating>` itself works as well (`haochaping/react`).
 *
 * The element class is `HcpRatingElement` here (`HcpRating` is the component); the other named
 * exports are those of `haochaping`. Props and events are derived from the configuration table
 * and `HcpRatingEventMap`, as in the other framework typings.
 */
import * as React from 'react';
import { createComponent, type EventName as LitEventName } from '@lit/react';
import { HcpRating as HcpRatingElement } from './index.js';
import type { Camel, HcpRatingEventMap } from './events.js';
import type { ConfigProperties } from './config/options.js';

export * from './index.js';
export { HcpRatingElement };

/** `hcp-case` (SPEC §7) as the React props see it until the element's event map declares it. */
type HcpCaseEvent = CustomEvent<{ id: string; state: string; dueDate: string; reply?: string; repliedAt?: string }>;
type Events = HcpRatingEventMap & (HcpRatingEventMap extends { 'hcp-case': unknown } ? unknown : { 'hcp-case': HcpCaseEvent });
type EventName = keyof Events & string;

/** `hcp-sent` → `onHcpSent`. */
type PropOf<K extends string> = `on${Capitalize<Camel<K>>}`;

/** `onHcpSent={(e) => …}`: listeners of the `hcp-*` events, added to the element by the component. */
export type HcpRatingReactEvents = { [K in EventName as PropOf<K>]?: (event: Events[K]) => void };

/**
 * The component's props: the element's properties in camelCase (`projectNo`, `headers`,
 * `transport`, …), the `onHcp*` listeners, and React's own HTML props (`className`, `style`,
 * `lang`, `id`, `children` as fallback content, `ref` to the element).
 */
export type HcpRatingProps = Omit<React.HTMLAttributes<HcpRatingElement>, keyof ConfigProperties | keyof HcpRatingReactEvents> &
  ConfigProperties &
  HcpRatingReactEvents &
  React.RefAttributes<HcpRatingElement>;

/**
 * `{ onHcpSubmit: 'hcp-submit', … }`: what `@lit/react` listens to. Its type is derived from
 * `HcpRatingEventMap` (plus `hcp-case`, SPEC §7, until the map has it), so an event added to the
 * map and missing here, a name misspelt or a prop named wrongly fails `tsc`. (A list in
 * src/events.ts imported at run time would move the registration out of dist/haochaping.js into
 * a shared chunk: only types come from there.)
 */
const eventNames: { readonly [K in EventName as PropOf<K>]: K } = {
  onHcpSubmit: 'hcp-submit',
  onHcpQueued: 'hcp-queued',
  onHcpSent: 'hcp-sent',
  onHcpFailed: 'hcp-failed',
  onHcpError: 'hcp-error',
  onHcpCase: 'hcp-case',
};
/** The same names, typed for `@lit/react` with each event's type (what `onHcpSent`'s argument is). */
const events = eventNames as unknown as { readonly [K in EventName as PropOf<K>]: LitEventName<Events[K]> };

/** `<hcp-rating>` as a React component: properties set as properties, `onHcp*` props as listeners. */
export const HcpRating: React.ForwardRefExoticComponent<HcpRatingProps> = createComponent({
  react: React,
  tagName: 'hcp-rating',
  elementClass: HcpRatingElement,
  events,
  displayName: 'HcpRating',
});
