// v2 qualifications (insim-api-v2.md §2 endpoints 20–25). Answer shapes other than `options[]`
// with `_id`/`label` are not shown by any vendor file: the ones below are the simulator's pick.
import {
	type V2Handler,
	cursorPage,
	inDateRange,
	invalid,
	missing,
	notFound,
	ok,
	optionalString,
	readDate,
	requireString,
} from './common';
import { type SimCall, type SimQualificationOption, type V2Store, newId, phoneKey } from './store';

function optionJson(option: SimQualificationOption) {
	return { _id: option.id, label: option.label };
}

function liveOption(store: V2Store, id: string): SimQualificationOption {
	const option = store.qualificationOptions.find((entry) => entry.id === id && !entry.deleted);
	if (!option) throw notFound('qualification option', 'option_id');
	return option;
}

function checkedLabel(store: V2Store, body: Record<string, unknown>, exceptId?: string): string {
	const label = requireString(body, 'label').trim();
	if (label === '') throw missing('label');
	if (label.length > 100) throw invalid('label', 'at most 100 characters');
	const taken = store.qualificationOptions.some(
		(option) =>
			!option.deleted &&
			option.id !== exceptId &&
			option.label.toLowerCase() === label.toLowerCase(),
	);
	if (taken) throw invalid('label', 'an option with this label already exists');
	return label;
}

type QualifiedCall = SimCall & { qualification: NonNullable<SimCall['qualification']> };

function qualificationJson(call: QualifiedCall) {
	return {
		call_id: call.id,
		phone_number: call.phone_number,
		call_type: call.type,
		call_time: call.call_time,
		duration_seconds: call.duration_seconds,
		option_id: call.qualification.option_id,
		label: call.qualification.label,
		notes: call.qualification.notes,
		qualified_at: call.qualification.qualified_at,
	};
}

/** Qualified calls, newest qualification first; filters as the clients send them. */
const qualifications: V2Handler = ({ store, body }) => {
	const phone = optionalString(body, 'phone_number');
	if (phone !== undefined && !/\d/.test(phone)) {
		throw invalid('phone_number', 'not a phone number');
	}
	const optionId = optionalString(body, 'option_id');
	// A deleted option still names the calls qualified with it; an unknown one is an error.
	if (optionId !== undefined && !store.qualificationOptions.some((o) => o.id === optionId)) {
		throw notFound('qualification option', 'option_id');
	}
	const from = readDate(body, 'date_from');
	const to = readDate(body, 'date_to');
	const found = store.calls
		.filter((call): call is QualifiedCall => call.qualification !== undefined)
		.filter((call) => phone === undefined || phoneKey(call.phone_number) === phoneKey(phone))
		.filter((call) => optionId === undefined || call.qualification.option_id === optionId)
		.filter((call) => inDateRange(call.qualification.qualified_at, from, to))
		.sort((a, b) => b.qualification.qualified_at.localeCompare(a.qualification.qualified_at));
	const { page, ...paging } = cursorPage(found, body, 50);
	return ok({ qualifications: page.map(qualificationJson), ...paging });
};

const options: V2Handler = ({ store }) =>
	ok({
		options: store.qualificationOptions.filter((option) => !option.deleted).map(optionJson),
	});

const createOption: V2Handler = ({ store, body }) => {
	const option: SimQualificationOption = {
		id: newId(),
		label: checkedLabel(store, body),
		deleted: false,
	};
	store.qualificationOptions.push(option);
	return ok({ option: optionJson(option) });
};

const updateOption: V2Handler = ({ store, body }) => {
	const option = liveOption(store, requireString(body, 'option_id'));
	option.label = checkedLabel(store, body, option.id);
	return ok({ option: optionJson(option) });
};

/** Soft delete: calls already qualified with it keep their label. */
const deleteOption: V2Handler = ({ store, body }) => {
	const option = liveOption(store, requireString(body, 'option_id'));
	option.deleted = true;
	return ok({ deleted: true, option_id: option.id });
};

const stats: V2Handler = ({ store, body }) => {
	const from = readDate(body, 'date_from');
	const to = readDate(body, 'date_to');
	const calls = store.calls.filter((call) => inDateRange(call.call_time, from, to));
	const qualified = calls.filter((call) => call.qualification !== undefined) as QualifiedCall[];
	const byType: Record<string, number> = {};
	for (const call of calls) byType[call.type] = (byType[call.type] ?? 0) + 1;
	const byOption = new Map<string, { option_id: string; label: string; count: number }>();
	for (const call of qualified) {
		const { option_id, label } = call.qualification;
		const entry = byOption.get(option_id) ?? { option_id, label, count: 0 };
		entry.count++;
		byOption.set(option_id, entry);
	}
	return ok({
		stats: {
			date_from: from ?? null,
			date_to: to ?? null,
			total_calls: calls.length,
			qualified_calls: qualified.length,
			unqualified_calls: calls.length - qualified.length,
			qualification_rate:
				calls.length === 0 ? 0 : Math.round((qualified.length / calls.length) * 1000) / 10,
			by_type: byType,
			by_option: [...byOption.values()].sort((a, b) => b.count - a.count),
		},
	});
};

export const routes: Record<string, V2Handler> = {
	qualifications,
	'qualifications/options': options,
	'qualifications/options/create': createOption,
	'qualifications/options/update': updateOption,
	'qualifications/options/delete': deleteOption,
	'qualifications/stats': stats,
};
