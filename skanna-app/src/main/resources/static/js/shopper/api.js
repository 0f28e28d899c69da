// Calls to the Skanna API. A refusal becomes a Problem carrying the problem+json code and detail; no answer
// at all (offline, connection lost) becomes a NetworkError, so callers can tell "try later" from "no".

export class Problem extends Error {
  constructor(status, body, retryAfter = null) {
    super(body?.detail ?? `HTTP ${status}`);
    this.status = status;
    /** Seconds to wait before trying again (429's Retry-After header), or null. */
    this.retryAfter = retryAfter;
    this.code = body?.code ?? null;
    this.detail = body?.detail ?? null;
    this.body = body;
  }

  /** Worth trying again later with the same request: overload or a server fault, not a refusal. */
  get transient() {
    return this.status === 429 || this.status >= 500;
  }
}

export class NetworkError extends Error {}

export async function call(method, path, { token, body, headers = {} } = {}) {
  const all = { Accept: 'application/json, application/problem+json', ...headers };
  if (token) all.Authorization = `Bearer ${token}`;
  if (body !== undefined) all['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    throw new NetworkError(e.message);
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // not JSON: a proxy's error page, say
    }
    const wait = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new Problem(response.status, problem, Number.isFinite(wait) ? wait : null);
  }
  return response;
}

export async function json(method, path, options) {
  return (await call(method, path, options)).json();
}
