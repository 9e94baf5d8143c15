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
import type { HcpRatingEventMap } from './events.js';

export * from './index.js';

/** Attributes in their HTML (kebab-case) spelling, as a CMS template would write them. */
export interface HcpRatingAttributes {
  endpoint?: string;
  scale?: 'five-level' | 'good-bad';
  'project-no'?: string;
  'service-number'?: string;
  'task-code'?: string;
  'task-name'?: string;
  'dept-code'?: string;
  'dept-name'?: string;
  'area-code'?: string;
  channel?: 'pc' | 'mobile' | 'qrcode' | 'hall-pad' | 'hall-terminal' | 'sms';
  'evaluator-token'?: string;
  ticket?: string;
  /** A catalog as JSON text, or the catalog object (set as a property). */
  tags?: HcpRating['tags'];
  'tags-src'?: string;
  'reason-optional'?: boolean;
  'allow-follow-up'?: boolean;
  'with-credentials'?: boolean;
  'max-comment'?: number | string;
  format?: 'canonical' | 'gov-cn';
  mode?: 'inline' | 'kiosk';
  'reset-after'?: number | string;
  elder?: boolean;
}

/** Properties React 19 sets on the element (camelCase), including the property-only ones. */
export type HcpRatingProperties = Partial<
  Pick<
    HcpRating,
    | 'projectNo' | 'serviceNumber' | 'taskCode' | 'taskName' | 'deptCode' | 'deptName' | 'areaCode' | 'evaluatorToken'
    | 'tagsSrc' | 'reasonOptional' | 'allowFollowUp' | 'withCredentials' | 'maxComment' | 'resetAfter'
    | 'headers' | 'messages' | 'transport'
  >
>;

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
