/** A small JSON client for the API and the sandbox platform, as the app would call them. */
export interface Reply<T = Record<string, any>> {
  status: number;
  body: T;
}

export async function call<T = Record<string, any>>(base: string, path: string, opts: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] ??= 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const send = () =>
    fetch(`${base}${path}`, {
      method: opts.method ?? (opts.body === undefined && opts.raw === undefined ? 'GET' : 'POST'),
      headers,
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
  const response = await send().catch((error: Error & { cause?: { code?: string } }) => {
    // A pooled keep-alive connection the server had already closed as idle (its timeout raced the
    // pool's; seen on the first request after a suite's 100-request burst on a loaded machine, also on
    // main): the server never read the request, so it goes once more on a fresh connection. Any other
    // failure is the test's.
    if (error.cause?.code === 'UND_ERR_SOCKET' && /other side closed/.test(String(error.cause))) return send();
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
