// An app that installs haochaping from npm, bundled for Chromium 69 (test/node/old-chromium.test.mjs
// builds it with esbuild, --target=chrome69, as the README says).
import './global-this.js';
import { configure } from 'haochaping';

configure({ endpoint: '/api/evaluations' });
