/**
 * The events module's public face: the catalogue, what a request carries, and the decoders.
 */
export type { EventParamName, InsimDashboardEventKey, InsimEventName } from './catalog';
export { DASHBOARD_EVENT_KEYS, EVENT_OPTIONS, EVENT_PARAMS } from './catalog';
export type { DecodeOptions, DecodeResult } from './decoders';
export { decodeEventParam } from './decoders';
export type { EventParam, ExtractedRequest } from './extract';
export { extractEventParams } from './extract';
export { safeDecode } from './percent';
