import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { ListContract } from '../contracts/reader';
import { readAnswer } from '../contracts/reader';
import { CAMPAIGNS, LISTS, QUALIFICATION_OPTIONS, TEMPLATES } from '../contracts/reads';
import { recordId } from '../helpers/records';
import { insimV2Request } from '../transport';

/**
 * Loads records for a picker (the first page: pickers show what one answer holds) and keeps those
 * whose name contains the search text. An answer the contract does not recognise is an error in
 * the picker, never an empty list.
 */
async function searchRecords(
	ctx: ILoadOptionsFunctions,
	contract: ListContract,
	nameOf: (record: IDataObject) => string,
	filter: string | undefined,
	body: IDataObject = {},
): Promise<INodeListSearchResult> {
	const answer = await insimV2Request.call(ctx, contract.endpoint, body);
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const record of readAnswer(ctx.getNode(), contract, answer).records) {
		const id = recordId(record);
		if (id === undefined) continue;
		const name = nameOf(record) || id;
		if (needle !== '' && !name.toLowerCase().includes(needle) && !id.includes(needle)) continue;
		results.push({ name, value: id });
	}
	results.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

export async function searchLists(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchRecords(this, LISTS, (list) => String(list.name ?? ''), filter);
}

export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchRecords(this, TEMPLATES, (template) => String(template.name ?? ''), filter);
}

export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchRecords(this, CAMPAIGNS, (campaign) => String(campaign.name ?? ''), filter, {
		limit: 100,
	});
}

export async function searchQualificationOptions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchRecords(
		this,
		QUALIFICATION_OPTIONS,
		(option) => String(option.label ?? ''),
		filter,
	);
}
