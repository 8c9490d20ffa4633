import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { NEXT_PAGE_KEYS, readAnswer } from '../../contracts/reader';
import { LIST_DETAIL } from '../../contracts/reads';
import { unrecognisedAnswerError } from '../../contracts/unrecognised';
import { collectPages } from '../../helpers/pagination';
import { locatorId, wantedCount } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { resourceLocatorProperty } from '../v2.descriptions';
import { perItemOperation } from '../perItem';

const properties: INodeProperties[] = [
	resourceLocatorProperty('list'),
	{
		displayName: 'Return All Members',
		name: 'returnAll',
		type: 'boolean',
		// Saved workflows from before this option got every member: keep that.
		default: true,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Member Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['get'] } },
	properties,
);

/**
 * API v2 `lists/detail`: the list, with its members under `members`. The request carries `limit`
 * as the vendor's CLI sends it (ReachTechnologies/insim-cli cli_anything/insim/core/lists.py),
 * 100 at most; when inSIM pages the members, the next-page token is followed.
 */
export const execute = perItemOperation(
	false,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const listId = locatorId(this, 'listId', itemIndex, 'List');
		const wanted = wantedCount(this, itemIndex);
		let list: IDataObject | undefined;
		let lastAnswer: unknown;
		const members = await collectPages(
			this.getNode(),
			LIST_DETAIL.endpoint,
			itemIndex,
			wanted,
			async ({ limit, cursor }) => {
				const answer = await insimV2Request.call(
					this,
					LIST_DETAIL.endpoint,
					{ list_id: listId, limit, cursor },
					{ itemIndex, fieldLabels: { list_id: 'List', limit: 'Member Limit' } },
				);
				lastAnswer = answer;
				const { record, next } = readAnswer(this.getNode(), LIST_DETAIL, answer, itemIndex);
				list ??= record;
				return { records: record.members as IDataObject[], next };
			},
		);
		// The list's own member count proves a page was not the whole list when inSIM gives
		// no next-page token: an error, never part of the members as if they were all.
		const count = list?.contacts;
		if (wanted === undefined && typeof count === 'number' && count > members.length) {
			throw unrecognisedAnswerError(this.getNode(), {
				endpoint: LIST_DETAIL.endpoint,
				expected: `a next-page token (${NEXT_PAGE_KEYS.join(', ')}) while the list counts ${count} members and the answer held ${members.length}`,
				answer: lastAnswer,
				itemIndex,
				writes: false,
			});
		}
		return { ...list, members };
	},
);
