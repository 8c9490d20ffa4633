import {
	chunk,
	describeItemRanges,
	matchAnswersToRequests,
} from '../../../../nodes/Insim/helpers/batch';

describe('chunk', () => {
	test('splits into consecutive chunks of at most the size', () => {
		expect(chunk([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
		expect(
			chunk(
				Array.from({ length: 250 }, (_, i) => i),
				100,
			).map((c) => c.length),
		).toEqual([100, 100, 50]);
		expect(chunk([], 10)).toEqual([]);
	});

	test('a size below 1 or not a number counts as 1', () => {
		expect(chunk([1, 2], 0)).toEqual([[1], [2]]);
		expect(chunk([1, 2], Number.NaN)).toEqual([[1], [2]]);
	});
});

describe('matchAnswersToRequests', () => {
	const requested = ['+33611111111', '+33622222222', '+33633333333'];

	test('answers in request order map positionally', () => {
		expect(
			matchAnswersToRequests(requested, ['+33611111111', '33622222222', '+33 6 33 33 33 33']),
		).toEqual([0, 1, 2]);
	});

	test('entries without a phone number still map by position when counts agree', () => {
		expect(matchAnswersToRequests(requested, [undefined, undefined, undefined])).toEqual([0, 1, 2]);
	});

	test('reordered answers are matched by phone number', () => {
		expect(
			matchAnswersToRequests(requested, ['+33633333333', '+33611111111', '+33622222222']),
		).toEqual([1, 2, 0]);
	});

	test("a missing entry leaves that request unmatched, never another item's entry", () => {
		expect(matchAnswersToRequests(requested, ['+33611111111', '+33633333333'])).toEqual([
			0,
			undefined,
			1,
		]);
	});

	test('the same number twice takes entries in order, each once', () => {
		expect(matchAnswersToRequests(['+331', '+331', '+332'], ['+332', '+331', '+331'])).toEqual([
			1, 2, 0,
		]);
		expect(matchAnswersToRequests(['+331', '+331'], ['+331'])).toEqual([0, undefined]);
	});
});

describe('describeItemRanges', () => {
	test('collapses runs into ranges', () => {
		expect(describeItemRanges([0, 1, 2, 5, 7, 8])).toBe('0–2, 5, 7–8');
		expect(describeItemRanges([3])).toBe('3');
	});

	test('caps very long lists', () => {
		const everyOther = Array.from({ length: 40 }, (_, i) => i * 2);
		expect(describeItemRanges(everyOther, 3)).toBe('0, 2, 4 and 37 more ranges');
	});
});
