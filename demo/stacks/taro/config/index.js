// Taro's build configuration for this demo: H5 only, served under /taro/ by demo/server.mjs.
import { defineConfig } from '@tarojs/cli';

export default defineConfig(async () => ({
  projectName: 'haochaping-demo-taro',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: 'dist',
  framework: 'react',
  compiler: 'webpack5',
  cache: { enable: false },
  h5: {
    publicPath: '/taro/',
    staticDirectory: 'static',
    router: { mode: 'multi' },
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
  },
}));
