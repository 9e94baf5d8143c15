import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { defaultCatalog } from '../schema/default-catalog.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { onDefaultsChange } from '../defaults.js';
import { localeOf, onLangChange } from '../i18n/lang.js';
import type { Locale } from '../i18n/messages.js';
import { outbox } from '../outbox/outbox.js';
import { ratedTimes, rememberRated } from '../outbox/rated.js';
import type { Catalog } from '../schema/catalog.js';
import type { Config } from '../config/options.js';
import type { Store } from './state.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The endpoint as an absolute URL: the outbox's key for its queue, transports and memory. */
export const endpointOf = (config: Config): string => new URL(config.endpoint, document.baseURI).href;

/**
 * The widget's language (`localeOf`: its own `lang`, then the page default, then the nearest
 * ancestor's), for the element and the launcher alike. An ancestor's `lang` or the page default
 * may change later (a page's language switch): the widget re-renders in the new one. (Its own
 * `lang` is an observed attribute of the element: the change must be seen before its next update.)
 */
export class LocaleController implements ReactiveController {
  private _stops: (() => void)[] = [];

  constructor(private readonly _host: Host) {
    _host.addController(this);
  }

  hostConnected(): void {
    const update = () => this._host.requestUpdate();
    this._stops = [onLangChange(update), onDefaultsChange(update)];
  }

  hostDisconnected(): void {
    this._stops.forEach((stop) => stop());
  }

  get locale(): Locale {
    return localeOf(this._host);
  }
}

/** Page defaults (`Haochaping.configure()`, the script tag's `data-*`): a change re-reads the configuration. */
export class DefaultsController implements ReactiveController {
  /** The page defaults changed since the configuration was last read. */
  changed = false;
  private _stop?: () => void;

  constructor(private readonly _host: Host) {
    _host.addController(this);
  }

  hostConnected(): void {
    this._stop = onDefaultsChange(() => {
      this.changed = true;
      this._host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this._stop?.();
  }
}

/** What the polite live region says about the comment's length, a moment after typing stops. */
export class CountAnnouncer implements ReactiveController {
  spoken = '';
  private _timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly _host: Host,
    /** Milliseconds of quiet typing before the count is announced. */
    private readonly _delay: () => number,
  ) {
    _host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this._timer);
  }

  /** Typing: the visible counter changes on every key; a screen reader hears `text()` once typing pauses. */
  schedule(text: () => string | undefined): void {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      this.spoken = text() ?? this.spoken;
      this._host.requestUpdate();
    }, this._delay());
  }

  reset(): void {
    clearTimeout(this._timer);
    this.spoken = '';
  }
}

/** The catalog named by `tags-src`, once it has loaded (or failed, leaving the default). */
export class RemoteCatalog {
  private _remote?: { src: string; catalog?: Catalog; settled: boolean };

  constructor(private readonly _host: Host) {}

  sync(config: Config): void {
    if (!config.tagsSrc || config.catalog) {
      this._remote = undefined;
      return;
    }
    const src = new URL(config.tagsSrc, document.baseURI).href;
    if (this._remote?.src === src) return;
    this._remote = { src, settled: false };
    const settle = (catalog?: Catalog) => {
      if (this._remote?.src !== src) return;
      this._remote = { src, catalog, settled: true };
      this._host.requestUpdate();
    };
    loadCatalog(src).then(settle, (error: Error) => {
      console.warn(`<hcp-rating> ${error.message}; showing the default catalog (${defaultCatalog.version}) instead.`);
      settle();
    });
  }

  /** `tags-src` is still loading: the tags wait for it. */
  get loading(): boolean {
    return this._remote?.settled === false;
  }

  /** The catalog in use: inline `tags`, else the loaded `tags-src`, else the national default. */
  catalog(config: Config): Catalog {
    return config.catalog ?? this._remote?.catalog ?? defaultCatalog;
  }
}

/** 一次一评: asks the outbox's memory whether this browser already rated the `project-no`, and tells it of each rating. */
export class RatedMemory {
  constructor(private readonly _store: Store) {}

  sync(config: Config): void {
    const { projectNo, taskCode } = config.context;
    if (!projectNo) return this._store.dispatch({ type: 'ratedLookup' });
    const endpoint = endpointOf(config);
    const key = JSON.stringify([endpoint, projectNo, taskCode]);
    if (this._store.get().rated?.key === key) return;
    this._store.dispatch({ type: 'ratedLookup', key });
    void ratedTimes(outbox, endpoint, projectNo, taskCode).then((times) => this._store.dispatch({ type: 'alreadyRatedKnown', key, times }));
  }

  /** The outbox took a rating (`times` 1) or a 追评 (`times` 2). */
  remember(config: Config, times: 1 | 2): void {
    const { projectNo, taskCode } = config.context;
    if (projectNo) void rememberRated(outbox, endpointOf(config), projectNo, taskCode, times);
    this._store.dispatch({ type: 'enqueued', times });
  }
}
