/**
 * The one place that talks HTTP to inSIM. Everything the API leaves undocumented (status of a
 * bad login, rate limits, error shapes) is decided here, so a discovery changes one folder:
 * - credentials.ts: the credential, read once per execution;
 * - request.ts: sending, retries, redirects, reading the answer;
 * - errors.ts: what each failure means and says; network.ts: failures without an answer;
 * - redact.ts: secrets scrubbed from answers and errors;
 * - v2.ts: the API v2 wrapper every v2 call goes through.
 */
export type { InsimFunctions } from './credentials';
export { deliveryCertaintyOf, errorCodeOf, isFatalError } from './errors';
export type { DeliveryCertainty } from './errors';
export { scrubDeep, secretScrubber, secretVariants } from './redact';
export { DEFAULT_TIMEOUT_SECONDS, insimRequest } from './request';
export type { InsimRequestOptions } from './scope';
export { insimV2Request } from './v2';
