// Events the simulator fires are also what the phone saw: they feed the v2 SMS and call history.
import type { SimulatorState } from '../state';
import { isRecord } from './common';
import { newId } from './store';

const CALL_TYPES: Record<string, 'incoming' | 'outgoing' | 'missed'> = {
	incoming_call: 'incoming',
	outgoing_call: 'outgoing',
	missed_call: 'missed',
};

/** "HH:mm:ss" (or plain seconds) → seconds. */
function durationSeconds(duration: unknown): number {
	const text = String(duration ?? '0');
	if (/^\d+$/.test(text)) return Number(text);
	const parts = text.split(':').map(Number);
	if (parts.some((part) => !Number.isFinite(part))) return 0;
	return parts.reduce((total, part) => total * 60 + part, 0);
}

export function recordFiredEvent(state: SimulatorState, param: string, payload: unknown): void {
	if (!isRecord(payload)) return;
	const login =
		typeof payload.device_identification === 'string' &&
		state.findAccount(payload.device_identification)
			? payload.device_identification
			: state.primaryAccount()?.login;
	if (!login) return;
	const store = state.storeFor(login);
	if (param === 'message' && typeof payload.from === 'string') {
		store.recordSms({
			direction: 'inbound',
			phone_number: payload.from,
			message: String(payload.message ?? ''),
			date: String(payload.date ?? '')
				.slice(0, 19)
				.replace('T', ' '),
		});
	} else if ((param === 'calls' || param === 'call') && typeof payload.phone_number === 'string') {
		const type = CALL_TYPES[String(payload.title)] ?? 'incoming';
		store.calls.push({
			id: newId(),
			type,
			phone_number: payload.phone_number,
			duration_seconds: type === 'missed' ? 0 : durationSeconds(payload.duration),
			call_time: String(payload.call_time ?? ''),
		});
	}
}
