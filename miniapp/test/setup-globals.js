// The build-time globals Taro's webpack config defines (DefinePlugin), so its runtime loads in jest.
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
Object.assign(globalThis, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  API_URL: 'http://127.0.0.1:3000',
});
// What the local static server's /config.js defines on H5.
globalThis.__DRAMA_CONFIG__ = { apiUrl: 'http://127.0.0.1:3000', sandboxUrl: 'http://127.0.0.1:3100' };
