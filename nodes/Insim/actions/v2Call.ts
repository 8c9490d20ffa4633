import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type {
	AckContract,
	AckRead,
	ListContract,
	ListRead,
	RecordContract,
	RecordRead,
} from '../contracts/reader';
import { readAnswer } from '../contracts/reader';
import { locatorId } from '../helpers/v2Parameters';
import { insimV2Request } from '../transport';
import { runPerItem } from './perItem';
import type { ItemOutcome } from './types';

/** One item's v2 call, its answer read against the endpoint's contract (contracts/reads.ts). */
export async function callAndRead(
	ctx: IExecuteFunctions,
	contract: ListContract,
	body: IDataObject,
	itemIndex: number,
	fieldLabels: Record<string, string>,
): Promise<ListRead>;
export async function callAndRead(
	ctx: IExecuteFunctions,
	contract: AckContract,
	body: IDataObject,
	itemIndex: number,
	fieldLabels: Record<string, string>,
): Promise<AckRead>;
export async function callAndRead(
	ctx: IExecuteFunctions,
	contract: RecordContract,
	body: IDataObject,
	itemIndex: number,
	fieldLabels: Record<string, string>,
): Promise<RecordRead>;
export async function callAndRead(
	ctx: IExecuteFunctions,
	contract: ListContract | AckContract | RecordContract,
	body: IDataObject,
	itemIndex: number,
	fieldLabels: Record<string, string>,
): Promise<ListRead | AckRead | RecordRead> {
	const answer = await insimV2Request.call(ctx, contract.endpoint, body, {
		itemIndex,
		fieldLabels,
	});
	if (contract.kind === 'list') return readAnswer(ctx.getNode(), contract, answer, itemIndex);
	if (contract.kind === 'ack') return readAnswer(ctx.getNode(), contract, answer, itemIndex);
	return readAnswer(ctx.getNode(), contract, answer, itemIndex);
}

/**
 * The execute of a delete by resource locator: one v2 call per item, output `{ id, deleted }`.
 * `success: true` is the vendor clients' test of a delete; an explicit `deleted` wins.
 */
export function deleteByLocatorOperation(spec: {
	contract: AckContract;
	/** the locator parameter, e.g. `listId` */
	parameter: string;
	/** the request field that carries the id, e.g. `list_id` */
	field: string;
	/** the locator's display name, e.g. `List` */
	label: string;
}) {
	return async function execute(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	): Promise<ItemOutcome[]> {
		return await runPerItem(this, items, {
			writes: true,
			run: async (itemIndex) => {
				const id = locatorId(this, spec.parameter, itemIndex, spec.label);
				const { fields } = await callAndRead(this, spec.contract, { [spec.field]: id }, itemIndex, {
					[spec.field]: spec.label,
				});
				return { id, deleted: fields.deleted ?? true };
			},
		});
	};
}
