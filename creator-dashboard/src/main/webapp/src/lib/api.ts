// One fetch wrapper for every service behind the origin: bearer token, JSON, and RFC 9457 problems turned
// into errors whose message a person can read.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type?: string,
    readonly fieldErrors: { field: string; message: string }[] = [],
  ) {
    super(message);
  }

  /** True when the service or its dependency is not there (yet): 404 on a whole API, 502/503. */
  get unavailable(): boolean {
    return this.status === 502 || this.status === 503;
  }
}

type TokenSource = () => string | null;
let tokenSource: TokenSource = () => null;
let onUnauthorized: () => void = () => {};

export function configureApi(source: TokenSource, unauthorized: () => void): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  anonymous?: boolean;
  signal?: AbortSignal;
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  const token = options.anonymous ? null : tokenSource();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, signal: options.signal, credentials: 'same-origin' });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    throw await problem(response, token !== null);
  }
  return response;
}

async function problem(response: Response, hadToken: boolean): Promise<ApiError> {
  if (response.status === 401 && hadToken) onUnauthorized();
  let detail = '';
  let type: string | undefined;
  let fieldErrors: { field: string; message: string }[] = [];
  try {
    const body = await response.json();
    detail = body.detail || body.title || body.message || '';
    type = body.type;
    if (Array.isArray(body.errors)) fieldErrors = body.errors;
  } catch {
    /* not JSON */
  }
  if (fieldErrors.length > 0) {
    detail = fieldErrors.map((e) => `${humanField(e.field)} ${e.message}`).join('; ');
  }
  if (!detail) {
    detail =
      response.status === 401
        ? 'Your sign-in has expired. Please sign in again.'
        : response.status === 404
          ? 'Not found.'
          : response.status >= 500
            ? 'The service is unavailable right now. Try again in a moment.'
            : `Request failed (${response.status}).`;
  }
  return new ApiError(response.status, detail, type, fieldErrors);
}

function humanField(field: string): string {
  const last = field.split('.').pop() ?? field;
  return last.replace(/Cents$/, '').replace(/([A-Z])/g, ' $1').toLowerCase();
}

async function json<T>(response: Response): Promise<T> {
  if (response.status === 204) return null as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

export const api = {
  get: async <T>(path: string, options?: RequestOptions) => json<T>(await send('GET', path, options)),
  post: async <T>(path: string, body?: unknown, options?: RequestOptions) =>
    json<T>(await send('POST', path, { ...options, body })),
  put: async <T>(path: string, body?: unknown, options?: RequestOptions) =>
    json<T>(await send('PUT', path, { ...options, body })),
  patch: async <T>(path: string, body?: unknown, options?: RequestOptions) =>
    json<T>(await send('PATCH', path, { ...options, body })),
  del: async (path: string, options?: RequestOptions): Promise<true> => {
    await send('DELETE', path, options);
    return true;
  },
  /** The raw response, for downloads and audio. */
  raw: (method: string, path: string, options?: RequestOptions) => send(method, path, options),
};

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
