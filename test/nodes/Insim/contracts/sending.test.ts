import type { IDataObject, INode } from 'n8n-workflow';

import { readV1SendAnswer, readV2SendAnswer } from '../../../../nodes/Insim/contracts/sending';
import { nameItem } from '../../../../nodes/Insim/helpers/itemErrors';
import { readPriority, readTrackedUrl } from '../../../../nodes/Insim/helpers/trackedLink';

const node: INode = {
	id: 'n1',
	name: 'inSIM',
	type: 'n8n-nodes-insim.insim',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const phones = ['+33611111111', '+33622222222'];
const v2 = (answer: IDataObject, asked = phones) =>
	readV2SendAnswer(node, answer, { endpoint: 'sendsms', phones: asked, itemIndex: 0 }).map(
		(verdict) => verdict.verdict,
	);

describe('sending answers: "not sent" only with proof', () => {
	test("each message's own sent flag decides it", () => {
		expect(
			v2({
				success: true,
				result: [
					{ phone_number: phones[0], sent: 1 },
					{ phone_number: phones[1], sent: 0 },
				],
			}),
		).toEqual(['sent', 'notSent']);
	});

	test('a success with counts but no per-message detail is not an error per message', () => {
		expect(v2({ success: true, sent_count: 1 }, [phones[0]])).toEqual(['sent']);
		expect(
			v2({ success: true, sent_count: 1, result: [{ phone_number: phones[0] }] }, [phones[0]]),
		).toEqual(['sent']);
		expect(v2({ success: true, sent_count: 2, results: [{}, {}] })).toEqual(['sent', 'sent']);
	});

	test('counts that do not tell which message leave them "may have been processed"', () => {
		expect(v2({ success: true, sent_count: 1, result: [{}, {}] })).toEqual(['unknown', 'unknown']);
		expect(v2({ success: true, result: [{ phone_number: phones[0] }] }, [phones[0]])).toEqual([
			'unknown',
		]);
		// An entry missing for a message: never "not sent".
		expect(v2({ success: true, result: [{ phone_number: phones[0], sent: 1 }] })).toEqual([
			'sent',
			'unknown',
		]);
	});

	test('sent_count 0 proves that none was sent', () => {
		expect(v2({ success: true, sent_count: 0 })).toEqual(['notSent', 'notSent']);
	});

	test('an answer with neither entries nor counts is the unrecognised-answer error, "may have been processed"', () => {
		let caught: unknown;
		try {
			v2({ success: true, data: { sent: 1 } });
		} catch (error) {
			caught = error;
		}
		expect((caught as Error).message).toBe(
			'inSIM answered v2/sendsms in a shape this node does not recognise',
		);
		expect((caught as { context: { deliveryCertainty: string } }).context.deliveryCertainty).toBe(
			'unknown',
		);
	});

	test('v1: sent 0 is not sent, a missing flag may have been processed', () => {
		const verdicts = readV1SendAnswer(
			node,
			[
				{ phone_number: phones[0], sent: 0 },
				{ phone_number: phones[1], id_sms_api: 'x' },
			],
			{ path: '/v1/sendsms', phones, itemIndex: 0 },
		).map((verdict) => verdict.verdict);
		expect(verdicts).toEqual(['notSent', 'unknown']);
		expect(() =>
			readV1SendAnswer(node, { ok: true }, { path: '/v1/sendsms', phones, itemIndex: 0 }),
		).toThrow('inSIM answered /v1/sendsms in a shape this node does not recognise');
	});
});

describe('tracked link and priority: one check', () => {
	test.each(['https://.example.com', 'example.com', 'https://', 'ftp://example.com'])(
		'%s is not a tracked URL',
		(url) => {
			expect(() => readTrackedUrl(node, 0, 'Go [link]', url)).toThrow(
				/"Tracked URL" .* is not valid: must be a full web address/,
			);
		},
	);

	test('a URL needs [link] and [link] needs a URL; neither is fine', () => {
		expect(readTrackedUrl(node, 0, 'Go [link]', ' https://example.com/a ')).toBe(
			'https://example.com/a',
		);
		expect(readTrackedUrl(node, 0, 'Go [Lien_Tracking]', 'http://x.fr')).toBe('http://x.fr');
		expect(readTrackedUrl(node, 0, 'No link', '')).toBeUndefined();
		expect(() => readTrackedUrl(node, 0, 'No link', 'https://example.com')).toThrow(
			/"Message" .* no \[link\] placeholder/,
		);
		expect(() => readTrackedUrl(node, 0, 'Go [link]', '')).toThrow(/no Tracked URL is set/);
	});

	test('Priority: 0, 1 or 2, Normal when not set, one message otherwise', () => {
		expect(readPriority(node, 0, undefined)).toBe(1);
		expect(readPriority(node, 0, '2')).toBe(2);
		expect(() => readPriority(node, 0, 3)).toThrow(
			'"Priority" "3" is not valid: must be Low (0), Normal (1) or High (2)',
		);
	});
});

describe('item naming', () => {
	test('the item is named once, before the message', () => {
		expect(nameItem('inSIM rejected the login', 3)).toBe('Item 3: inSIM rejected the login');
		expect(nameItem('"List": inSIM found nothing', 1)).toBe('Item 1, "List": inSIM found nothing');
		expect(nameItem('"Phone Number" "12" is not valid: x', 0)).toBe(
			'Item 0: "Phone Number" "12" is not valid: x',
		);
	});
});
