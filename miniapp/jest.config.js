// The mini-program's component tests: Taro's real H5 components rendered in jsdom.
// The root jest.config.js lists this file as one of its projects.
const path = require('node:path');

const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }];

module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  // Taro, Stencil, swiper, Taro's URL helpers and ECharts (with zrender) ship ES modules; swc turns them into CommonJS for jest.
  // (Also files nested inside those packages' own node_modules, hence the lookahead on the whole path.)
  transformIgnorePatterns: ['^(?!.*/node_modules/(@tarojs|@stencil|swiper|query-string|decode-uri-component|split-on-first|filter-obj|nanoid|echarts|zrender)/).*/node_modules/'],
  moduleNameMapper: {
    '\\.(css|scss)$': '<rootDir>/test/style-stub.js',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    // The real H5 implementation (what the H5 build aliases @tarojs/taro to); see the file.
    '^@tarojs/taro$': '<rootDir>/test/taro-h5.js',
    // lodash-es is ES modules only; its CommonJS twin is the same code.
    '^lodash-es$': 'lodash',
    '^lodash-es/(.*)$': 'lodash/$1',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  setupFiles: ['<rootDir>/test/setup-globals.js'],
  roots: ['<rootDir>/src'],
  moduleDirectories: ['node_modules', path.join(__dirname, '../node_modules')],
};
