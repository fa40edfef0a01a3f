/** The environment is read once, at cold start: a malformed number stops the function there, with its name. */
function configWith(env: Record<string, string>) {
  const saved = process.env;
  process.env = { TOKEN_SECRET: 'a-token-secret-of-at-least-32-characters!', TABLE_NAME: 't', MEDIA_BUCKET: 'b', PLATFORM_MODE: 'sandbox', ...env };
  try {
    let read: () => unknown = () => undefined;
    jest.isolateModules(() => {
      read = require('./config').config;
    });
    return read();
  } finally {
    process.env = saved;
  }
}

describe('config', () => {
  it('takes whole positive numbers for counts, windows and time limits, and names the one that is not', () => {
    expect(configWith({ ATTRIBUTION_WINDOW_S: '3600', INFERENCE_TIMEOUT_MS: '20000' })).toMatchObject({ attributionWindowS: 3600, inferenceTimeoutMs: 20000, notifyWindowS: 300 });
    for (const [name, value] of [['TOKEN_TTL_S', '7d'], ['NOTIFY_WINDOW_S', '0'], ['INFERENCE_TIMEOUT_MS', '1.5'], ['ATTRIBUTION_WINDOW_S', ''], ['OPERATOR_LOGIN_FAILURES', '-1']]) {
      expect(() => configWith({ [name]: value })).toThrow(name);
    }
  });
});
