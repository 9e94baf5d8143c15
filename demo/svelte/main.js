// Mounts demo/svelte/App.svelte once <hcp-rating> is defined, so Svelte sees the element's
// setters and passes headers and messages as properties. demo/build-apps.mjs compiles it.
import { mount } from 'svelte';
import App from './App.svelte';

await customElements.whenDefined('hcp-rating');
const target = document.getElementById('app');
target.replaceChildren(); // the no-JavaScript note
mount(App, { target });
