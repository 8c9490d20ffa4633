import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { collectPages } from '../helpers/pagination';
import { recordsOf } from '../helpers/records';
import { wantedCount } from '../helpers/v2Parameters';
import { insimV2Request } from '../transport';

export interface GetManyPlan {
	/** v2 endpoint, e.g. `contacts` */
	endpoint: string;
	/** filters, without `limit` and `cursor` */
	body: IDataObject;
	/** where the records are in the answer, e.g. `contacts` */
	listKey: string;
	/** false for endpoints that take no `limit` (lists, templates …): the node then cuts the list */
	sendsLimit?: boolean;
	fieldLabels?: Record<string, string>;
}

/**
 * A Get Many: `Return All` follows inSIM's cursor page by page (100 a page); `Limit` asks for no
 * more than needed. One record per output item, in inSIM's order.
 */
export async function getManyRecords(
	ctx: IExecuteFunctions,
	itemIndex: number,
	plan: GetManyPlan,
): Promise<IDataObject[]> {
	const wanted = wantedCount(ctx, itemIndex);
	const sendsLimit = plan.sendsLimit ?? true;
	return await collectPages(wanted, async ({ limit, cursor }) => {
		const answer = await insimV2Request.call(
			ctx,
			plan.endpoint,
			sendsLimit ? { ...plan.body, limit, cursor } : plan.body,
			{ itemIndex, fieldLabels: plan.fieldLabels },
		);
		return { records: recordsOf(answer, plan.listKey), answer };
	});
}
