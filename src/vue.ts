/**
 * `haochaping/vue`: registers `<hcp-rating>` (like `haochaping`) and types it in Vue 3 templates
 * for vue-tsc and Vue's editor extension, which read `GlobalComponents`:
 *
 *   import 'haochaping/vue';
 *   <hcp-rating endpoint="/api/evaluations" :project-no="projectNo" :headers="headers"
 *     scale="good-bad" @hcp-sent="(e) => console.log(e.detail.id)" />
 *
 * Vue itself must still be told it is a custom element (`compilerOptions.isCustomElement`); it then
 * sets the element's properties (objects included) and listens to the `hcp-*` events natively.
 * Everything here is derived from the configuration table and `HcpRatingEventMap`.
 */
import type { DefineComponent } from 'vue';
import type { ConfigProperties } from './config/options.js';
import type { Camel, HcpRatingEventMap } from './events.js';

export * from './index.js';

/** `@hcp-sent="…"` is Vue's `onHcpSent` prop: these type the listeners of the `hcp-*` events. */
export type HcpRatingVueEvents = {
  [K in keyof HcpRatingEventMap as `on${Capitalize<Camel<K>>}`]?: (event: HcpRatingEventMap[K]) => void;
};

/**
 * Props: Vue camelizes `project-no` to `projectNo` before it checks a prop, so the element's
 * properties (the table's keys) type both spellings; `lang` is the element's own attribute.
 */
export type HcpRatingVueProps = ConfigProperties & { lang?: string } & HcpRatingVueEvents;

declare module 'vue' {
  interface GlobalComponents {
    'hcp-rating': DefineComponent<HcpRatingVueProps>;
  }
}
