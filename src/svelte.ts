/**
 * `haochaping/svelte`: registers `<hcp-rating>` (like `haochaping`) and types it in Svelte 5
 * markup for svelte-check and Svelte's editor extension, which read `SvelteHTMLElements`:
 *
 *   <script lang="ts">import 'haochaping/svelte';</script>
 *   <hcp-rating endpoint="/api/evaluations" project-no={projectNo} headers={{ 'X-App-Id': 'h5' }}
 *     onhcp-sent={(e) => console.log(e.detail.id)} />
 *
 * Svelte sets a custom element's properties when the element has them (objects included) and
 * listens to `onhcp-*` attributes (or the older `on:hcp-*` directives) as events.
 * Everything here is derived from the configuration table and `HcpRatingEventMap`.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { HcpRating } from './rating/hcp-rating.js';
import type { ConfigAttributes, ConfigProperties } from './config/options.js';
import type { HcpRatingEventMap } from './events.js';

export * from './index.js';

type Listener<E extends Event> = (event: E & { currentTarget: EventTarget & HcpRating }) => void;

/** `onhcp-sent={(e) => …}` (Svelte 5) and `on:hcp-sent={…}` (the directive of earlier versions). */
export type HcpRatingSvelteEvents = { [K in keyof HcpRatingEventMap as `on${K}`]?: Listener<HcpRatingEventMap[K]> } & {
  [K in keyof HcpRatingEventMap as `on:${K}`]?: Listener<HcpRatingEventMap[K]>;
};

/** Attributes in their HTML spelling, the properties (camelCase, objects too) and the events. */
export type HcpRatingSvelteAttributes = Omit<HTMLAttributes<HcpRating>, keyof ConfigAttributes | keyof ConfigProperties> &
  ConfigAttributes &
  ConfigProperties &
  HcpRatingSvelteEvents;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'hcp-rating': HcpRatingSvelteAttributes;
  }
}
