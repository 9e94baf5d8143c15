/**
 * `haochaping/preact`: registers `<hcp-rating>` (like `haochaping`) and types it in Preact's JSX.
 * Preact sets a custom element's properties when the element has them (objects included) and
 * adds `onhcp-*` props as listeners of the `hcp-*` events, as React 19 does:
 *
 *   import 'haochaping/preact';
 *   <hcp-rating endpoint="/api/evaluations" project-no={projectNo} headers={{ 'X-App-Id': 'h5' }}
 *     onhcp-sent={(e) => console.log(e.detail.id)} />
 *
 * Everything here is derived from the configuration table and `HcpRatingEventMap`.
 */
import type { HTMLAttributes } from 'preact';
import type { HcpRating } from './rating/hcp-rating.js';
import type { ConfigAttributes, ConfigProperties } from './config/options.js';
import type { HcpRatingEventMap } from './events.js';

export * from './index.js';

/** `onhcp-sent={(e) => …}`: Preact listens to `hcp-sent`. */
export type HcpRatingPreactEvents = {
  [K in keyof HcpRatingEventMap as `on${K}`]?: (event: HcpRatingEventMap[K] & { currentTarget: HcpRating }) => void;
};

/** Attributes in their HTML spelling, the properties (camelCase, objects too) and the events. */
export type HcpRatingPreactProps = Omit<HTMLAttributes<HcpRating>, keyof ConfigAttributes | keyof ConfigProperties> &
  ConfigAttributes &
  ConfigProperties &
  HcpRatingPreactEvents;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'hcp-rating': HcpRatingPreactProps;
    }
  }
}
