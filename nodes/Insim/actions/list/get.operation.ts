import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAnswer } from '../../contracts/reader';
import { LIST_DETAIL } from '../../contracts/reads';
import { collectPages } from '../../helpers/pagination';
import { locatorId, wantedCount } from '../../helpers/v2Parameters';
import { insimV2Request } from '../../transport';
import { runPerItem } from '../perItem';
import type { ItemOutcome } from '../types';
import { resourceLocatorProperty } from '../v2.descriptions';

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
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<ItemOutcome[]> {
	return await runPerItem(this, items, {
		writes: false,
		run: async (itemIndex) => {
			const listId = locatorId(this, 'listId', itemIndex, 'List');
			const wanted = wantedCount(this, itemIndex);
			let list: IDataObject | undefined;
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
					const { record, next } = readAnswer(this.getNode(), LIST_DETAIL, answer, itemIndex);
					list ??= record;
					return { records: record.members as IDataObject[], next };
				},
			);
			return { ...list, members };
		},
	});
}
