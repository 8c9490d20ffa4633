// Public API of the local inSIM simulator.
export { startSimulator } from './server';
export { DEMO_ACCOUNT, FREE_DEMO_ACCOUNT, WEBHOOK_KEYS } from './state';
export { FAULT_KINDS } from './types';
export { PATH_SHAPES, VARIANT_NAMES, variantsFor } from './variants';
export type { VariantName } from './variants';
export type {
	AcceptedMessage,
	FaultKind,
	FaultRule,
	FiredWebhook,
	RecordedRequest,
	RecorderEntry,
	SentMessage,
	Simulator,
	SimAccount,
	SimulatorOptions,
	WebhookKey,
	WebhookUrls,
} from './types';
export {
	BAD_CREDENTIALS_BODY,
	CLICK_TO_CALL_INFO,
	FREE_PLAN_FOOTER,
	RATE_LIMITED_BODY,
	SHORT_LINK_PREFIX,
	countSmsParts,
} from './api';
export {
	LEGACY_WEBHOOK_PARAMS,
	WEBHOOK_PARAMS,
	buildCallPayload,
	buildCallQualificationPayload,
	buildDeliveryStatusPayload,
	buildIncomingSmsPayload,
	buildLinkClickPayload,
	buildWebhookUrl,
	sendWebhook,
	toInsimDateTime,
	toIsoDate,
	toLegacyUpperCaseKeys,
} from './webhooks';
export type {
	CallPayload,
	CallQualificationPayload,
	DeliveryStatusPayload,
	IncomingSmsPayload,
	LinkClickPayload,
	WebhookDelivery,
} from './webhooks';
