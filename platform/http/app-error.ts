// A request that cannot be served: a status, a stable snake_case code and a message that is
// safe to show to the user.
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  /** Sent as Retry-After (a 429 or a 503). */
  readonly retryAfterSeconds?: number;
  constructor(status: number, code: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const notFound = (message = 'Cette page n’existe pas.') => new AppError(404, 'not_found', message);
