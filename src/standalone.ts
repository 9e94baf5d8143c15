/**
 * `dist/haochaping.esm.min.js`: the package entry as one self-contained ES module, for
 * `<script type="module">` without a bundler, with every language (as the script tag has).
 */
import './i18n/zh-TW.js';
import './i18n/en.js';

export * from './index.js';
