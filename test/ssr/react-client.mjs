// The browser half of the React page: hydrates the server's HTML, as Next.js and Remix do.
// `?plain`: the page the server rendered without the workaround.
import { createElement } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { App, PlainApp } from './react-app.mjs';

hydrateRoot(document.getElementById('app'), createElement(location.search === '?plain' ? PlainApp : App), {
  onRecoverableError: (error) => console.error(`recoverable error: ${error.message}`),
});
