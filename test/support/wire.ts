import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

/**
 * A request exactly as it goes on the wire: header lines in order (a name may repeat), query
 * parameters in order (a name may repeat), the body's bytes. `send` writes it with node:http, which
 * (unlike fetch) keeps repeated header lines apart, so the gateway sees what a client really sent.
 */
export interface Wire {
  path: string;
  query: Array<[string, string]>;
  headers: Array<[string, string]>;
  body: string;
}

/** A platform's signed request (the sandbox's signers' output) as a wire. */
export function wireOf(path: string, signed: { body: string; query: string; headers: Record<string, string> }): Wire {
  return { path, query: [...new URLSearchParams(signed.query)], headers: Object.entries(signed.headers), body: signed.body };
}

export function send(base: string, wire: Wire): Promise<{ status: number; body: any }> {
  const url = new URL(base);
  const query = wire.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  // Raw header lines replace Node's defaults: the Host line (HTTP/1.1 requires it) and the length go in by hand.
  const headers = [['host', url.host], ...wire.headers, ['content-length', String(Buffer.byteLength(wire.body))]].flat();
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path: query ? `${wire.path}?${query}` : wire.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end(wire.body);
  });
}

/**
 * Other spellings of the same value: every character percent-encoded, base64 as base64url and with
 * an extra pad, hex in capitals, a number with a leading zero. A signed value re-encoded must not
 * verify; an unsigned one must not pass its form check.
 */
export function reencodings(value: string): string[] {
  const out = new Set<string>([[...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')]);
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length >= 16) {
    out.add(value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    out.add(`${value}=`);
  }
  if (/^[0-9a-f]+$/.test(value) && /[a-f]/.test(value)) out.add(value.toUpperCase());
  if (/^\d+$/.test(value)) out.add(`0${value}`);
  out.delete(value);
  return [...out];
}

/** Where a notification's nonce travels, so a mutation can swap it for another. */
export type NonceAt = { in: 'header' | 'query'; name: string };

export interface Mutation {
  name: string;
  wire: Wire;
}

/** The JSON body's fields, and for a field holding a JSON object as a string (Douyin's `msg`), that object's fields too. */
function bodyMutations(body: string): Mutation[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
  const outer = parsed as Record<string, unknown>;
  const at = (change: (o: Record<string, unknown>) => Record<string, unknown>) => JSON.stringify(change({ ...outer }));
  const out: Mutation[] = [];
  for (const [key, value] of Object.entries(outer)) {
    out.push({ name: `body field ${key} dropped`, wire: { path: '', query: [], headers: [], body: at((o) => (delete o[key], o)) } });
    out.push({ name: `body field ${key} duplicated`, wire: { path: '', query: [], headers: [], body: `{${JSON.stringify(key)}:${JSON.stringify(value)},${body.trim().slice(1)}` } });
    const variants = typeof value === 'string' ? reencodings(value) : typeof value === 'number' ? [String(value)] : [];
    for (const v of variants) out.push({ name: `body field ${key} re-encoded as ${JSON.stringify(v).slice(0, 40)}`, wire: { path: '', query: [], headers: [], body: at((o) => ({ ...o, [key]: v })) } });
    if (typeof value === 'string' && value.startsWith('{')) {
      for (const inner of bodyMutations(value)) {
        out.push({ name: `${key}.${inner.name.replace(/^body /, '')}`, wire: { path: '', query: [], headers: [], body: at((o) => ({ ...o, [key]: inner.wire.body })) } });
      }
    }
  }
  return out;
}

/**
 * Every mutation of a genuine notification: each platform header, query parameter and body field
 * dropped, duplicated and re-encoded, and the nonce swapped for another. (Content-Type is HTTP
 * framing, not the platform's: the local gateway fills in application/json for a request without one.)
 * `traceOnly` names headers the platform neither signs nor gives meaning (Douyin's Byte-Logid, a
 * trace id): their presence and form are held, but a trace id in other letters is just another trace
 * id, so only the re-encodings that change its alphabet are tried.
 */
export function mutations(wire: Wire, nonce: NonceAt, traceOnly: string[] = []): Mutation[] {
  const out: Mutation[] = [];
  wire.headers.forEach(([name, value], i) => {
    if (name.toLowerCase() === 'content-type') return;
    out.push({ name: `header ${name} dropped`, wire: { ...wire, headers: wire.headers.filter((_, j) => j !== i) } });
    out.push({ name: `header ${name} duplicated`, wire: { ...wire, headers: [...wire.headers, [name, value]] } });
    const variants = traceOnly.includes(name) ? reencodings(value).filter((v) => v.toLowerCase() !== value.toLowerCase()) : reencodings(value);
    for (const v of variants) out.push({ name: `header ${name} re-encoded as ${v.slice(0, 40)}`, wire: { ...wire, headers: wire.headers.map((h, j) => (j === i ? [name, v] : h)) } });
  });
  wire.query.forEach(([name, value], i) => {
    out.push({ name: `query ${name} dropped`, wire: { ...wire, query: wire.query.filter((_, j) => j !== i) } });
    out.push({ name: `query ${name} duplicated`, wire: { ...wire, query: [...wire.query, [name, value]] } });
    for (const v of reencodings(value)) out.push({ name: `query ${name} re-encoded as ${v.slice(0, 40)}`, wire: { ...wire, query: wire.query.map((q, j) => (j === i ? [name, v] : q)) } });
  });
  for (const m of bodyMutations(wire.body)) out.push({ name: m.name, wire: { ...wire, body: m.wire.body } });
  const fresh = randomBytes(8).toString('hex');
  const swap = (pairs: Array<[string, string]>) => pairs.map(([k, v]): [string, string] => (k.toLowerCase() === nonce.name.toLowerCase() ? [k, fresh] : [k, v]));
  out.push({ name: 'replayed within the window with another nonce', wire: nonce.in === 'header' ? { ...wire, headers: swap(wire.headers) } : { ...wire, query: swap(wire.query) } });
  return out;
}
