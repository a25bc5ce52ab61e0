import { ApiError } from './errors.js';

/** The tokens of a signed-in player, as `auth/guest`, `auth/login`, `auth/register`, `auth/link` and `auth/refresh` answer them. */
export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly playerId: string;
  /** Seconds the access token is valid from when it was issued. */
  readonly expiresIn?: number;
  readonly refreshExpiresIn?: number;
  readonly tokenType?: string;
}

export interface RetryOptions {
  /** Further attempts after the first (default 4). */
  readonly retries?: number;
  /** First backoff delay without a `Retry-After` (default 250 ms), doubled per attempt with jitter. */
  readonly baseDelayMs?: number;
  /** The longest wait accepted, from `Retry-After` or backoff (default 30 s); a longer `Retry-After` fails at once. */
  readonly maxDelayMs?: number;
}

export interface HttpOptions {
  /** The server's origin, e.g. `http://localhost:5080`. */
  readonly baseUrl: string;
  /** A `fetch` to use instead of the global one (a proxy agent, instrumentation). */
  readonly fetch?: typeof fetch;
  readonly retry?: RetryOptions;
  /** A session kept from before (e.g. from local storage). */
  readonly session?: Session | null;
  /** Called with every new session (sign-in, refresh rotation) and with null on sign-out: persist it here. */
  readonly onSession?: (session: Session | null) => void;
}

export interface RequestOptions {
  readonly method?: string;
  readonly query?: Record<string, string | number | boolean | undefined>;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Send no token and never refresh (the public `auth/*` routes). */
  readonly anonymous?: boolean;
  /**
   * What may be sent again. `all`: a retry cannot apply it twice (GET, a POST or PUT carrying an `Idempotency-Key`),
   * so it is repeated after 503/429 and after a network error. `status`: only after 503/429, which the server
   * answers before doing anything (sign-in; a refresh, whose token is use-once, must not be re-sent after a lost
   * answer). `none`: never. Default: `all` for GET, else `none`.
   */
  readonly retry?: 'all' | 'status' | 'none';
  readonly signal?: AbortSignal;
}

/** A successful answer: the envelope's `data` and its response headers. */
export interface ApiResponse<T> {
  readonly status: number;
  readonly data: T;
  readonly headers: Headers;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });

/** `Retry-After` as seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Seconds until a JWT's `exp`, or undefined when the token cannot be read (then the server decides). */
export function secondsUntilExpiry(accessToken: string, now = Date.now()): number | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=')));
    return typeof json.exp === 'number' ? json.exp - now / 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The HTTP core every helper goes through: the bearer token, one refresh-and-retry on 401 (concurrent callers share
 * one refresh, because a refresh token is use-once and reusing one revokes its whole family), and retries with
 * backoff on 503, 429 and 409 `IDEMPOTENCY_KEY_IN_USE`, honouring `Retry-After`, for requests that are safe to repeat.
 */
export class HttpCore {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly retry: Required<RetryOptions>;
  private readonly onSession: ((session: Session | null) => void) | undefined;
  private current: Session | null;
  private refreshing: Promise<Session> | null = null;
  private readonly listeners = new Set<(session: Session | null) => void>();

  constructor(options: HttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.retry = { retries: 4, baseDelayMs: 250, maxDelayMs: 30_000, ...options.retry };
    this.onSession = options.onSession;
    this.current = options.session ?? null;
  }

  get session(): Session | null {
    return this.current;
  }

  /** Listens for session changes (sign-in, rotation, sign-out); returns the function that stops listening. */
  onSessionChange(listener: (session: Session | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setSession(session: Session | null): void {
    this.current = session;
    this.onSession?.(session);
    for (const listener of this.listeners) listener(session);
  }

  /**
   * Rotates the refresh token now. Concurrent callers (and 401 retries) share the one request in flight; a refused
   * refresh (expired, revoked, reused, account deleted) signs out and throws its ApiError.
   */
  refreshSession(): Promise<Session> {
    if (this.refreshing) return this.refreshing;
    const refreshToken = this.current?.refreshToken;
    if (!refreshToken) return Promise.reject(new ApiError(401, 'UNAUTHORIZED', 'No session to refresh: sign in first.'));
    this.refreshing = (async () => {
      try {
        const answer = await this.request<Session>('auth/refresh', { method: 'POST', body: { refreshToken }, anonymous: true, retry: 'status' });
        this.setSession(answer.data);
        return answer.data;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) this.setSession(null);
        throw error;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** An access token valid for at least `marginSeconds` more (refreshing first when it is about to expire). */
  async validAccessToken(marginSeconds = 30): Promise<string> {
    const session = this.current;
    if (!session) throw new ApiError(401, 'UNAUTHORIZED', 'Not signed in.');
    const left = secondsUntilExpiry(session.accessToken);
    if (left !== undefined && left < marginSeconds) return (await this.refreshSession()).accessToken;
    return session.accessToken;
  }

  /** Sends one API request (path under `/api/v1/`) and answers the envelope's data, or throws an ApiError. */
  async request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = new URL(`${this.baseUrl}/api/v1/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const response = await this.send(() => new Request(url, { method, headers, body }), {
      retry: options.retry ?? (method === 'GET' ? 'all' : 'none'),
      anonymous: options.anonymous ?? false,
      signal: options.signal,
    });
    const json = await readJson(response);
    if (response.ok) {
      const data = (json && typeof json === 'object' && 'data' in json ? (json as { data: T }).data : json) as T;
      return { status: response.status, data, headers: response.headers };
    }
    throw toApiError(response, json, `${method} ${url.pathname}`);
  }

  /**
   * A `fetch` with the same policies (token, refresh on 401, retries) for a generic client such as openapi-fetch:
   * GETs and requests carrying an `Idempotency-Key` are retried, others are not; `auth/` routes go without a token.
   */
  readonly fetch = (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const original = input instanceof Request && init === undefined ? input : new Request(input, init);
    const retry = original.method === 'GET' || original.headers.has('Idempotency-Key') ? 'all' : 'none';
    const anonymous = new URL(original.url).pathname.startsWith('/api/v1/auth/') && !/\/auth\/(link|logout|password\/change|email\/change|email\/verify\/resend|2fa\/|oidc\/[^/]+\/link)/.test(new URL(original.url).pathname);
    return this.send(() => original.clone(), { retry, anonymous, signal: original.signal });
  };

  /**
   * Sends a request built anew for every attempt and answers the last response (successful or not); throws an
   * ApiError only when no response came.
   */
  async send(make: () => Request, policy: { retry: 'all' | 'status' | 'none'; anonymous: boolean; signal?: AbortSignal | undefined }): Promise<Response> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const sentToken = policy.anonymous ? undefined : (this.current ? await this.validAccessToken() : undefined);
      const request = make();
      if (sentToken) request.headers.set('Authorization', `Bearer ${sentToken}`);
      let response: Response;
      try {
        response = await this.fetchImpl(request, policy.signal ? { signal: policy.signal } : undefined);
      } catch (error) {
        // No answer (connection refused or reset, response lost): only a request that cannot apply twice is sent again.
        if (policy.signal?.aborted || policy.retry !== 'all' || attempt >= this.retry.retries) {
          throw new ApiError(0, 'NETWORK_ERROR', `${request.method} ${new URL(request.url).pathname} failed: ${(error as Error).message}`, error);
        }
        await sleep(this.backoff(attempt), policy.signal);
        continue;
      }

      if (response.status === 401 && sentToken && !refreshed && this.current?.refreshToken) {
        refreshed = true;
        await response.body?.cancel();
        // Another call may have rotated the tokens while this one was in flight: retry with those, refresh only
        // when this request was refused with the newest token.
        if (this.current.accessToken === sentToken) await this.refreshSession();
        attempt--;
        continue;
      }

      const transient = response.status === 503 || response.status === 429
        || (response.status === 409 && (await peekCode(response)) === 'IDEMPOTENCY_KEY_IN_USE');
      if (!transient || policy.retry === 'none' || attempt >= this.retry.retries) return response;
      const delay = parseRetryAfter(response.headers.get('Retry-After')) ?? this.backoff(attempt);
      if (delay > this.retry.maxDelayMs) return response;
      await response.body?.cancel();
      await sleep(delay, policy.signal);
    }
  }

  private backoff(attempt: number): number {
    const exponential = this.retry.baseDelayMs * 2 ** attempt;
    return Math.min(this.retry.maxDelayMs, exponential / 2 + Math.random() * exponential / 2);
  }
}

async function peekCode(response: Response): Promise<string | undefined> {
  const json = await readJson(response.clone());
  return (json as { error?: { code?: string } } | null)?.error?.code;
}

/** The ApiError of a refused request, from the error envelope when there is one. */
export function toApiError(response: Response, json: unknown, what: string): ApiError {
  const envelope = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  return new ApiError(
    response.status,
    envelope?.code ?? `HTTP_${response.status}`,
    envelope?.message ?? `${what} answered ${response.status} ${response.statusText}`,
    envelope?.details,
    parseRetryAfter(response.headers.get('Retry-After')),
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
