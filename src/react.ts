/**
 * `haochaping/react`: registers `<hcp-rating>` (like `haochaping`) and types it in JSX for
 * React 19, which sets the element's properties and listens to `onhcp-*` events natively:
 *
 *   import 'haochaping/react';
 *   <hcp-rating endpoint="/api/evaluations" task-code="…" headers={{ 'X-App-Id': '…' }}
 *     onhcp-sent={(e) => console.log(e.detail.id)} />
 *
 * No wrapper component: the element is the component.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { HcpRating } from './rating/hcp-rating.js';
import type { ConfigAttributes, ConfigProperties } from './config/options.js';
import type { HcpRatingEventMap } from './events.js';

export * from './index.js';

/** Attributes in their HTML (kebab-case) spelling, as a CMS template would write them (from src/config/options.ts). */
export type HcpRatingAttributes = ConfigAttributes;

/** Properties React 19 sets on the element (camelCase), including the property-only ones. */
export type HcpRatingProperties = ConfigProperties;

/** `onhcp-sent={(e) => …}`: React 19 adds these as listeners of the `hcp-*` events. */
export type HcpRatingEventProps = {
  [K in keyof HcpRatingEventMap as `on${K}`]?: (event: HcpRatingEventMap[K]) => void;
};

export type HcpRatingJsxProps = Omit<DetailedHTMLProps<HTMLAttributes<HcpRating>, HcpRating>, keyof HcpRatingAttributes> &
  HcpRatingAttributes &
  HcpRatingProperties &
  HcpRatingEventProps;

declare module 'react' {
  // React 19 reads intrinsic elements from its own JSX namespace, not the global one.
  namespace JSX {
    interface IntrinsicElements {
      'hcp-rating': HcpRatingJsxProps;
    }
  }
}
