// The ES-module way in, for the CSP demo pages: one self-contained module, no import map.
import { configure } from '/dist/haochaping.esm.min.js';

configure({
  endpoint: '/api/evaluations',
  taskCode: '11440300MB2D00000X4440111003000',
  taskName: '港澳通行证签注',
});
