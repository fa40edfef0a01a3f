import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

// The contract lives in the workspace package `@drama/shared`, which exports raw TypeScript
// (`./*` → `./src/*.ts`). Webpack resolves the workspace symlink to this real path, and Taro only
// compiles `src/` and Taro's own modules unless told otherwise, so name the folder here.
const sharedSrc = path.resolve(__dirname, '../../shared/src');

// tt/weapp have no page to read runtime config from: the API address is fixed at build time.
const apiUrl = process.env.TARO_APP_API_URL || 'http://127.0.0.1:3000';

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'drama-miniapp',
    date: '2024-11-25',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: ['@tarojs/plugin-platform-tt'],
    defineConstants: { API_URL: JSON.stringify(apiUrl) },
    alias: { '@': path.resolve(__dirname, '../src') },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: [sharedSrc] },
      // Class names are unique per component (BEM-ish), so the order stylesheets land in is moot.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Pages are async chunks and Taro's H5 split only looks at initial chunks, so each page
        // chunk would carry its own copy of zod and Taro's components: share what pages share.
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              pageShared: { name: 'page-shared', chunks: 'async', minChunks: 2, priority: -5, reuseExistingChunk: true },
            },
          },
        });
      },
    },
  };
  return config;
});
