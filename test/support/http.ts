/** A small JSON client for the API and the sandbox platform, as the app would call them. */
export interface Reply<T = Record<string, any>> {
  status: number;
  body: T;
}

export async function call<T = Record<string, any>>(base: string, path: string, opts: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] ??= 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const init = { method: opts.method ?? (opts.body === undefined && opts.raw === undefined ? 'GET' : 'POST'), headers, body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) };
  const response = await fetch(`${base}${path}`, init).catch((error: Error & { cause?: { code?: string; message?: string } }) => {
    // fetch reuses a keep-alive socket the server closed for idleness while this process was busy
    // (a test file loading on a loaded machine): the request never reached the server, so send it once more.
    if (error.cause?.code === 'UND_ERR_SOCKET' && error.cause.message === 'other side closed') return fetch(`${base}${path}`, init);
    throw error;
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T };
}

export function apiClient(apiUrl: string) {
  const api = <T = Record<string, any>>(path: string, opts: Parameters<typeof call>[2] = {}) => call<T>(apiUrl, path, opts);
  const signIn = async (code: string, platform = 'sandbox') => {
    const r = await api('/auth/login', { body: { platform, code } });
    if (r.status !== 200) throw new Error(`login: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { token: string; user: { id: string } };
  };
  return { api, signIn };
}
