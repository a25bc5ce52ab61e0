/** The error envelope the API answers with: `{ success: false, error: { code, message, details } }`. */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The stable error code (`VALIDATION_ERROR`, `NOT_FOUND`, `MAINTENANCE`, …), or `HTTP_<status>` without an envelope. */
  readonly code: string;
  readonly details: unknown;
  /** The server's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, retryAfterMs?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterMs = retryAfterMs;
  }
}
