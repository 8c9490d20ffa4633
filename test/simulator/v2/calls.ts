// v2 call endpoints: `calls`, `calls/qualify`, `clictocall` (insim-api-v2.md §2 endpoints 17–19).
// Shapes the facts sheet does not show are picked here.
import {
	type V2Handler,
	V2Error,
	cursorPage,
	inDateRange,
	invalid,
	licenseRequired,
	notFound,
	ok,
	optionalBoolean,
	optionalString,
	readDate,
	requireString,
} from './common';
import { isDialable } from './numbering';
import { insimNow, phoneKey, type SimCall } from './store';

const CALL_TYPES = ['all', 'incoming', 'outgoing', 'missed', 'blocked', 'voicemail'];

/** Picked error code for a click-to-call while no phone is connected (none is documented). */
export const DEVICE_NOT_CONNECTED = 'DEVICE_NOT_CONNECTED';

function hhmmss(seconds: number): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** A call as listed: the C-test fields plus the qualification (null when not qualified). */
function callView(call: SimCall): Record<string, unknown> {
	return {
		id: call.id,
		type: call.type,
		phone_number: call.phone_number,
		duration: hhmmss(call.duration_seconds),
		duration_seconds: call.duration_seconds,
		call_time: call.call_time,
		qualified: call.qualification !== undefined,
		qualification: call.qualification ? { ...call.qualification } : null,
	};
}

/** Newest first; the same second keeps the later insertion first. */
function newestFirst(calls: SimCall[]): SimCall[] {
	return calls
		.map((call, index) => ({ call, index }))
		.sort((a, b) => b.call.call_time.localeCompare(a.call.call_time) || b.index - a.index)
		.map(({ call }) => call);
}

const list: V2Handler = ({ store, body }) => {
	const type = optionalString(body, 'type') ?? 'all';
	if (!CALL_TYPES.includes(type)) {
		throw invalid('type', `must be one of ${CALL_TYPES.join(', ')}`);
	}
	const phone = optionalString(body, 'phone_number');
	const qualified = optionalBoolean(body, 'qualified');
	const from = readDate(body, 'date_from');
	const to = readDate(body, 'date_to');
	const matching = store.calls.filter(
		(call) =>
			(type === 'all' || call.type === type) &&
			(phone === undefined || phoneKey(call.phone_number) === phoneKey(phone)) &&
			(qualified === undefined || (call.qualification !== undefined) === qualified) &&
			inDateRange(call.call_time, from, to),
	);
	const { page, ...paging } = cursorPage(newestFirst(matching), body, 50);
	return ok({ calls: page.map(callView), ...paging });
};

/** Picked answer: `{ success, call }`, the call with its new qualification. */
const qualify: V2Handler = ({ store, body }) => {
	const callId = requireString(body, 'call_id');
	const optionId = requireString(body, 'option_id');
	const notes = optionalString(body, 'notes') ?? '';
	const call = store.calls.find((candidate) => candidate.id === callId);
	if (!call) throw notFound('Call', 'call_id');
	const option = store.qualificationOptions.find(
		(candidate) => candidate.id === optionId && !candidate.deleted,
	);
	if (!option) throw notFound('Qualification option', 'option_id');
	call.qualification = {
		option_id: option.id,
		label: option.label,
		notes,
		qualified_at: insimNow(),
	};
	return ok({ call: callView(call) });
};

/**
 * Premium. Picked answers: `{ success: true }` once the phone dials; a `DEVICE_NOT_CONNECTED`
 * error envelope when no phone is connected (v1 answers `#002` then).
 */
const clickToCall: V2Handler = ({ state, account, body }) => {
	if (account.plan !== 'premium') throw licenseRequired(account, 'clictocall');
	const phone = requireString(body, 'phone_number');
	// A local number of the account's country is dialable too: no vendor file refuses it.
	if (!isDialable(phone, account.countryCode)) {
		throw invalid('phone_number', 'expected international format like +33612345678');
	}
	if (!state.options.phoneConnected) {
		throw new V2Error(
			DEVICE_NOT_CONNECTED,
			'The phone is not connected: open the inSIM app on the phone',
		);
	}
	state.calls.push({ phone_number: phone, at: Date.now() });
	return ok({});
};

export const routes: Record<string, V2Handler> = {
	calls: list,
	'calls/qualify': qualify,
	clictocall: clickToCall,
};
