import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { recordId, recordsOf } from '../helpers/records';
import { insimV2Request } from '../transport';

/** Loads records for a picker and keeps those whose name contains the search text. */
async function searchRecords(
	ctx: ILoadOptionsFunctions,
	endpoint: string,
	listKey: string,
	nameOf: (record: IDataObject) => string,
	filter: string | undefined,
	body: IDataObject = {},
): Promise<INodeListSearchResult> {
	const answer = await insimV2Request.call(ctx, endpoint, body);
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const record of recordsOf(answer, listKey)) {
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
	return await searchRecords(this, 'lists', 'lists', (list) => String(list.name ?? ''), filter);
}

export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchRecords(
		this,
		'templates',
		'templates',
		(template) => String(template.name ?? ''),
		filter,
	);
}

export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchRecords(
		this,
		'campaigns',
		'campaigns',
		(campaign) => String(campaign.name ?? ''),
		filter,
		{ limit: 100 },
	);
}

export async function searchQualificationOptions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchRecords(
		this,
		'qualifications/options',
		'options',
		(option) => String(option.label ?? ''),
		filter,
	);
}
