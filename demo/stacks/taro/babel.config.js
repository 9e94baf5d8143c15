// Taro's own Babel preset, as `taro init` writes it (React, webpack 5, no TypeScript).
module.exports = {
  presets: [['taro', { framework: 'react', ts: false, compiler: 'webpack5' }]],
};
