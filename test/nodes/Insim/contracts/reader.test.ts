import type { IDataObject, INode } from 'n8n-workflow';

import type {
	AckContract,
	AnswerContract,
	ListContract,
	RecordContract,
} from '../../../../nodes/Insim/contracts/reader';
import { readAnswer } from '../../../../nodes/Insim/contracts/reader';
import * as reads from '../../../../nodes/Insim/contracts/reads';
import { isUnrecognisedAnswerError } from '../../../../nodes/Insim/contracts/unrecognised';

const node: INode = {
	id: 'node-1',
	name: 'inSIM',
	type: 'n8n-nodes-insim.insim',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const contracts = Object.values(reads).filter(
	(value): value is AnswerContract =>
		typeof value === 'object' && value !== null && 'kind' in value,
);
const lists = contracts.filter((c): c is ListContract => c.kind === 'list');
const records = contracts.filter((c): c is RecordContract => c.kind === 'record');
const acks = contracts.filter((c): c is AckContract => c.kind === 'ack');

/** The error `run` throws, checked to be the unrecognised-answer error for `endpoint`. */
function unrecognised(endpoint: string, run: () => unknown) {
	let caught: unknown;
	try {
		run();
	} catch (error) {
		caught = error;
	}
	expect(isUnrecognisedAnswerError(caught)).toBe(true);
	const error = caught as { message: string; description: string };
	expect(error.message).toBe(
		`inSIM answered v2/${endpoint} in a shape this node does not recognise`,
	);
	return error;
}

/** A record that every contract of this kind accepts. */
function sampleRecord(contract: RecordContract): IDataObject {
	const record: IDataObject = { id: 'r1', name: 'Name', phone_number: '+33612345678' };
	if (contract.flatProof === 'counts') return { total: 4, by_type: { missed: 1 } };
	for (const key of contract.requiredText ?? []) record[key] = `https://example.com/${key}`;
	if (contract.children) record[contract.children.keys[0]] = [{ id: 'm1' }];
	return record;
}

test('every endpoint has exactly one declared contract', () => {
	const endpoints = contracts.map((contract) => `${contract.kind}:${contract.endpoint}`);
	expect(new Set(endpoints).size).toBe(endpoints.length);
	// 37 endpoints: every v2 read and per-item write that sends no SMS, and campaigns/create
	// (account/webhooks has a read and a write contract).
	expect(new Set(contracts.map((contract) => contract.endpoint)).size).toBe(37);
});

describe.each(lists.map((contract) => [contract.endpoint, contract] as const))(
	'list v2/%s',
	(endpoint, contract) => {
		const entry = { id: 'x1', name: 'one' };

		test.each(contract.listKeys)('records under "%s" are read, at the top or under data', (key) => {
			for (const answer of [
				{ success: true, [key]: [entry] },
				{ success: true, data: { [key]: [entry] } },
			]) {
				expect(readAnswer(node, contract, answer).records).toEqual([entry]);
			}
		});

		test('records under another key, a non-object answer or a non-object entry: an error naming the endpoint', () => {
			const error = unrecognised(endpoint, () =>
				readAnswer(node, contract, { success: true, rows: [entry] }, 3),
			);
			expect(error.description).toContain("the answer's top-level keys were: success, rows");
			expect(error.description).toContain('Nothing was changed in inSIM.');
			unrecognised(endpoint, () => readAnswer(node, contract, [entry]));
			unrecognised(endpoint, () =>
				readAnswer(node, contract, { success: true, [contract.listKeys[0]]: [null] }),
			);
		});

		test('no list is empty only when a count says 0', () => {
			expect(readAnswer(node, contract, { success: true, count: 0 }).records).toEqual([]);
			unrecognised(endpoint, () => readAnswer(node, contract, { success: true, count: 2 }));
			unrecognised(endpoint, () => readAnswer(node, contract, { success: true }));
		});

		if (contract.idKeys) {
			test('ids: `_id`, numeric and the endpoint’s own id keys give `id` as text; none is an error', () => {
				const [key] = contract.listKeys;
				const read = (record: IDataObject) =>
					readAnswer(node, contract, { success: true, [key]: [record] }).records[0];
				expect(read({ _id: 'a' }).id).toBe('a');
				expect(read({ id: 42 }).id).toBe('42');
				for (const idKey of contract.idKeys ?? []) expect(read({ [idKey]: 'k' }).id).toBe('k');
				unrecognised(endpoint, () => read({ name: 'no id' }));
			});
		}

		if (contract.paged) {
			test('paging: has_more true needs a token; has_more false ends it', () => {
				const [key] = contract.listKeys;
				const page = (paging: IDataObject) =>
					readAnswer(node, contract, { success: true, [key]: [entry], ...paging });
				expect(page({ has_more: true, cursor: 'c2' }).next).toBe('c2');
				expect(page({ has_more: true, next_cursor: 'c3' }).next).toBe('c3');
				expect(page({ data: { nextCursor: 'c4' } }).next).toBeUndefined();
				expect(page({ meta: { next: 7, has_more: true } }).next).toBe('7');
				expect(page({ has_more: false, cursor: 'c5' }).next).toBeUndefined();
				expect(page({}).next).toBeUndefined();
				const error = unrecognised(endpoint, () => page({ has_more: true, page_token: 'x' }));
				expect(error.description).toContain('"has_more": true a next-page token under "cursor"');
			});
		}
	},
);

describe.each(records.map((contract) => [contract.endpoint, contract] as const))(
	'record v2/%s',
	(endpoint, contract) => {
		test.each(contract.recordKeys)('the record under "%s" is read', (key) => {
			const record = sampleRecord(contract);
			const read = readAnswer(node, contract, { success: true, [key]: record }).record;
			expect(read).toMatchObject(
				contract.children ? { ...record, [contract.children.keys[0]]: 1 } : record,
			);
		});

		test('flat at the top level', () => {
			const record = sampleRecord(contract);
			const flatProof = contract.flatProof === 'counts' ? ['total'] : contract.flatProof;
			const flat = { ...record };
			for (const key of flatProof) flat[key] ??= 'x';
			expect(readAnswer(node, contract, { success: true, ...flat }).record).toMatchObject(
				contract.children ? {} : flat,
			);
		});

		test('an unknown wrapper is an error naming the endpoint', () => {
			const error = unrecognised(endpoint, () =>
				readAnswer(node, contract, { success: true, payload: { note: 'x' } }),
			);
			expect(error.description).toContain(
				contract.writes ? 'may have been processed' : 'Nothing was changed in inSIM.',
			);
		});
	},
);

describe.each(acks.map((contract) => [contract.endpoint, contract] as const))(
	'write v2/%s',
	(endpoint, contract) => {
		test('`success: true` alone is the vendor clients’ own test of a write', () => {
			expect(readAnswer(node, contract, { success: true })).toEqual({ fields: {} });
		});

		for (const [field, type] of Object.entries(contract.fields ?? {})) {
			test(`"${field}" is read where given, and the wrong type is an error that says it may have been processed`, () => {
				const value = { boolean: false, count: 3, text: 'x', array: ['a'] }[type];
				expect(
					readAnswer(node, contract, { success: true, data: { [field]: value } }).fields,
				).toEqual({ [field]: value });
				const error = unrecognised(endpoint, () =>
					readAnswer(node, contract, { success: true, [field]: { odd: true } }),
				);
				expect(error.description).toContain('may have been processed');
			});
		}

		for (const key of contract.recordKeys ?? []) {
			test(`a record under "${key}" is read; a non-object there is an error`, () => {
				expect(readAnswer(node, contract, { success: true, [key]: { _id: 'r1' } }).record).toEqual({
					id: 'r1',
					_id: 'r1',
				});
				unrecognised(endpoint, () => readAnswer(node, contract, { success: true, [key]: 'r1' }));
			});
		}
	},
);

describe('particular shapes', () => {
	test('custom fields may be plain keys', () => {
		expect(
			readAnswer(node, reads.CUSTOM_FIELDS, { success: true, fields: ['company', 'birthday'] })
				.records,
		).toEqual([{ key: 'company' }, { key: 'birthday' }]);
	});

	test('the webhook URLs: null reads as no URL; a missing one or a non-text one is an error', () => {
		const urls = {
			incoming_sms: 'https://a.example/sms',
			delivery_status: null,
			link_clicks: '',
			call_events: 'https://a.example/calls',
			call_qualifications: '',
		};
		expect(readAnswer(node, reads.WEBHOOKS_READ, { success: true, ...urls }).record).toEqual({
			...urls,
			delivery_status: '',
		});
		const { call_events: _dropped, ...four } = urls;
		expect(four).not.toHaveProperty('call_events');
		unrecognised('account/webhooks', () =>
			readAnswer(node, reads.WEBHOOKS_READ, { success: true, webhooks: four }),
		);
		unrecognised('account/webhooks', () =>
			readAnswer(node, reads.WEBHOOKS_READ, {
				success: true,
				webhooks: { ...urls, link_clicks: { url: 'https://a.example/clicks' } },
			}),
		);
	});

	test('find_contact: one `contact` object is one record', () => {
		expect(
			readAnswer(node, reads.FIND_CONTACT, { success: true, contact: { id: 'c1' } }).records,
		).toEqual([{ id: 'c1' }]);
	});

	test('lists/detail: `contacts` as the members array inside the list becomes their count', () => {
		const read = readAnswer(node, reads.LIST_DETAIL, {
			success: true,
			list: { id: 'l1', name: 'A', contacts: [{ id: 'c1' }, { _id: 'c2' }] },
		});
		expect(read.record).toEqual({
			id: 'l1',
			name: 'A',
			contacts: 2,
			members: [{ id: 'c1' }, { id: 'c2', _id: 'c2' }],
		});
		expect(read.next).toBeUndefined();
	});

	test('statistics flat must hold counts: text alone is not statistics', () => {
		unrecognised('stats/overview', () =>
			readAnswer(node, reads.STATS_OVERVIEW, { success: true, note: 'none' }),
		);
	});

	test('the error carries the item index and never an answer value', () => {
		let caught: { context?: IDataObject; description?: string } | undefined;
		try {
			readAnswer(node, reads.CONTACTS, { success: true, secret_field: 'VALUE-123' }, 4);
		} catch (error) {
			caught = error as typeof caught;
		}
		expect(caught?.context?.itemIndex).toBe(4);
		expect(caught?.description).toContain('secret_field');
		expect(caught?.description).not.toContain('VALUE-123');
	});
});
