import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CAMPAIGN_CREATE } from '../../contracts/reads';
import {
	TRACKED_URL_FIELD,
	priorityProperty,
	readPriority,
	readTrackedUrl,
	trackedUrlProperty,
} from '../../helpers/trackedLink';
import { phoneForApi, requiredTextParameter, textList } from '../../helpers/v2Parameters';
import { callAndRead } from '../v2Call';
import { resourceLocatorProperty } from '../v2.descriptions';
import { withStatusText } from './status';
import { messageProperty } from '../common.descriptions';
import { perItemOperation } from '../perItem';

const FIELD_LABELS = {
	name: 'Name',
	message: 'Message',
	url: TRACKED_URL_FIELD,
	priority: 'Priority',
	list_id: 'List',
	contact_ids: 'Contact IDs',
	phone_numbers: 'Phone Numbers',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Creating a campaign sends nothing. Use Start to send it: recipients are fixed now, from the list members, contact IDs and phone numbers below (repeats count once).',
		name: 'createNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Spring sale',
		description: 'Name of the campaign, shown in inSIM',
	},
	messageProperty({
		description:
			'Text sent to every recipient. Write [link] where the tracked URL should appear: inSIM replaces it with a short link (29 characters) and reports clicks.',
	}),
	resourceLocatorProperty('list', {
		required: false,
		description: 'Send to the members of this list (optional)',
	}),
	{
		displayName: 'Contact IDs',
		name: 'contactIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 65f1c2a9e4b0a1b2c3d4e5f6, 65f1c2a9e4b0a1b2c3d4e5f7',
		description:
			'Also send to these contacts: IDs separated by commas (an expression may give an array)',
	},
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		default: '',
		placeholder: '+33612345678, +33698765432',
		description:
			'Also send to these numbers: international format (+ and country code), separated by commas (an expression may give an array)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [priorityProperty(), trackedUrlProperty('url', 'https://example.com/offer')],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['create'] } },
	properties,
);

/** API v2 `campaigns/create`. A campaign without recipients is created with status 2. */
export const execute = perItemOperation(
	true,
	async function (this: IExecuteFunctions, itemIndex: number) {
		const body = readCampaign(this, itemIndex);
		// inSIM's answer is known to carry `id`, `status` and `recipients` only.
		const { record: campaign } = await callAndRead(
			this,
			CAMPAIGN_CREATE,
			body,
			itemIndex,
			FIELD_LABELS,
		);
		return withStatusText({ id: campaign.id, name: body.name, ...campaign });
	},
);

function readCampaign(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = ctx.getNode();
	const name = requiredTextParameter(ctx, 'name', itemIndex, 'Name');
	const message = requiredTextParameter(ctx, 'message', itemIndex, 'Message');
	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

	const url = readTrackedUrl(node, itemIndex, message, extra.url) ?? '';
	const priority = readPriority(node, itemIndex, extra.priority);

	const listValue = ctx.getNodeParameter('listId', itemIndex, '', { extractValue: true });
	const listId = typeof listValue === 'string' ? listValue.trim() : String(listValue ?? '');
	const contactIds = [...new Set(textList(ctx.getNodeParameter('contactIds', itemIndex, '')))];
	const phoneNumbers = [
		...new Set(
			textList(ctx.getNodeParameter('phoneNumbers', itemIndex, '')).map((phone) =>
				phoneForApi(ctx, phone, itemIndex, 'Phone Numbers', { localAllowed: false }),
			),
		),
	];

	return {
		name,
		message,
		url,
		priority,
		list_id: listId,
		contact_ids: contactIds,
		phone_numbers: phoneNumbers,
	};
}
