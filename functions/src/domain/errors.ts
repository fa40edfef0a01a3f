import type { ErrorCode } from '@drama/shared/errors';
import type { CostToFinish, Preview } from '@drama/shared/paywall';
import type { Offer } from '@drama/shared/playback';

/** Domain errors carry the contract's code; one table in lib/http.ts maps them to HTTP. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequest extends DomainError {
  constructor(message: string, details?: unknown) {
    super('BAD_REQUEST', message, details === undefined ? {} : { details });
  }
}
export class Unauthorized extends DomainError {
  constructor(message = 'sign in first') {
    super('UNAUTHORIZED', message);
  }
}
export class Forbidden extends DomainError {
  constructor(message = 'not allowed') {
    super('FORBIDDEN', message);
  }
}
export class NotFound extends DomainError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}
/** A locked episode: the offers, what finishing the series costs, and (when the series allows) the trial preview. */
export class EntitlementRequired extends DomainError {
  constructor(paywall: { offers: Offer[]; costToFinish: CostToFinish; preview?: Preview }) {
    super('ENTITLEMENT_REQUIRED', 'this episode is locked: unlock it with one of the offers', { ...paywall });
  }
}
export class RateLimited extends DomainError {
  constructor(message: string) {
    super('RATE_LIMITED', message);
  }
}
export class PayloadTooLarge extends DomainError {
  constructor(message: string) {
    super('PAYLOAD_TOO_LARGE', message);
  }
}
export class UnsupportedMediaType extends DomainError {
  constructor(message: string) {
    super('UNSUPPORTED_MEDIA_TYPE', message);
  }
}
/** The platform's text-safety check refused what a viewer wrote; the message is for the viewer. */
export class ContentRefused extends DomainError {
  constructor(message = '内容含有违规信息，请修改后再发') {
    super('CONTENT_REFUSED', message);
  }
}
