import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeProperties,
	IWebhookDescription,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';

import type { PageChoices, PageContent, PageField } from './page';

/** n8n's own value: n8n checks the resume URL's signature only for an operation of this name. */
export const SEND_AND_WAIT = 'sendAndWait';

/**
 * The resume webhook, as n8n's own Send and Wait nodes declare it: the path is the node's id, the
 * address n8n builds for a waiting execution (`/webhook-waiting/<execution>/<node id>`).
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = ['GET', 'POST'].map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

const FIELD_TYPES: Array<{ name: string; value: PageField['type'] }> = [
	{ name: 'Date', value: 'date' },
	{ name: 'Dropdown List', value: 'dropdown' },
	{ name: 'Email', value: 'email' },
	{ name: 'Number', value: 'number' },
	{ name: 'Password', value: 'password' },
	{ name: 'Text', value: 'text' },
	{ name: 'Textarea', value: 'textarea' },
];

/** The same names as n8n's Send and Wait options, so workflows read alike. */
export const responseProperties: INodeProperties[] = [
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'The person approves (or declines) with a button on the page the SMS links to',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: 'The person writes an answer in a form on the page the SMS links to',
			},
			{
				name: 'Custom Form',
				value: 'customForm',
				description: 'The person fills in a form you define',
			},
		],
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Disapprove', value: 'double' },
						],
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: 'Approve',
					},
					{
						displayName: 'Disapprove Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: 'Decline',
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Define Form',
		name: 'defineForm',
		type: 'options',
		default: 'fields',
		displayOptions: { show: { responseType: ['customForm'] } },
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
	},
	{
		displayName: 'Form Fields',
		name: 'jsonOutput',
		type: 'json',
		typeOptions: { rows: 5 },
		default:
			'[\n  {\n    "fieldLabel": "Name",\n    "placeholder": "Your name",\n    "requiredField": true\n  },\n  {\n    "fieldLabel": "Team",\n    "fieldType": "dropdown",\n    "fieldOptions": { "values": [{ "option": "Day" }, { "option": "Night" }] }\n  }\n]',
		description:
			"A list of fields: fieldLabel, fieldType (text, textarea, number, email, date, password, dropdown), requiredField, placeholder, fieldOptions for a dropdown. The same JSON as n8n's Form node.",
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['json'] } },
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		placeholder: 'Add Form Field',
		type: 'fixedCollection',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['fields'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Element Type',
						name: 'fieldType',
						type: 'options',
						default: 'text',
						options: FIELD_TYPES,
					},
					{
						displayName: 'Field Name',
						name: 'fieldLabel',
						type: 'string',
						default: '',
						placeholder: 'e.g. What went wrong?',
						description: 'Label shown above the field, and the key of the answer in the output',
						required: true,
					},
					{
						displayName: 'Field Options',
						name: 'fieldOptions',
						placeholder: 'Add Field Option',
						type: 'fixedCollection',
						default: { values: [{ option: '' }] },
						typeOptions: { multipleValues: true, sortable: true },
						displayOptions: { show: { fieldType: ['dropdown'] } },
						options: [
							{
								displayName: 'Values',
								name: 'values',
								values: [{ displayName: 'Option', name: 'option', type: 'string', default: '' }],
							},
						],
					},
					{
						displayName: 'Placeholder',
						name: 'placeholder',
						type: 'string',
						default: '',
						displayOptions: { hide: { fieldType: ['dropdown', 'date'] } },
					},
					{
						displayName: 'Required Field',
						name: 'requiredField',
						type: 'boolean',
						default: false,
						description: 'Whether the person must fill in this field to answer',
					},
				],
			},
		],
	},
];

/** In Options, as in n8n's Send and Wait nodes. */
export const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether to stop waiting for an answer at some point. At the limit the execution continues without an answer.',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{
							name: 'After Time Interval',
							description: 'Waits for a certain amount of time',
							value: 'afterTimeInterval',
						},
						{
							name: 'At Specified Time',
							description: 'Waits until the set date and time to continue',
							value: 'atSpecifiedTime',
						},
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					default: 1,
					typeOptions: { minValue: 0, numberPrecision: 2 },
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'hours',
					options: [
						{ name: 'Seconds', value: 'seconds' },
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'Continue the execution at this date and time without an answer',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

const UNIT_SECONDS: Record<string, number> = {
	seconds: 1,
	minutes: 60,
	hours: 3600,
	days: 86400,
};

/** When to stop waiting: n8n's WAIT_INDEFINITELY without a limit. */
export function waitLimit(ctx: IExecuteFunctions, now = new Date()): Date {
	const limit = ctx.getNodeParameter('options.limitWaitTime.values', 0, {}) as IDataObject;
	if (Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	let until: Date;
	if (limit.limitType === 'atSpecifiedTime') {
		until = new Date(String(limit.maxDateAndTime ?? ''));
	} else {
		const amount = Number(limit.resumeAmount ?? 1);
		const unit = UNIT_SECONDS[String(limit.resumeUnit ?? 'hours')];
		until =
			Number.isFinite(amount) && amount >= 0 && unit !== undefined
				? new Date(now.getTime() + amount * unit * 1000)
				: new Date(Number.NaN);
	}
	if (Number.isNaN(until.getTime())) {
		throw new NodeOperationError(
			ctx.getNode(),
			'The Limit Wait Time is not a valid date or interval',
			{
				itemIndex: 0,
				description: 'Nothing was sent. Set an amount of time, or a date and time.',
			},
		);
	}
	return until;
}

type ParameterReader = (name: string, fallback: unknown) => unknown;

/** The page's content, read the same way when the SMS is sent and when the page is served. */
export function pageContent(node: INode, read: ParameterReader): PageContent {
	const options = (read('options', {}) ?? {}) as IDataObject;
	const message = String(read('message', '') ?? '')
		.replace(/\[link\]/gi, '')
		.trim();
	const description = String(options.responseFormDescription ?? '').trim();
	return {
		title: String(options.responseFormTitle ?? ''),
		message: description || message,
		choices: choices(node, read, options),
	};
}

function choices(node: INode, read: ParameterReader, options: IDataObject): PageChoices {
	const responseType = String(read('responseType', 'approval'));
	const buttonLabel = String(options.responseFormButtonLabel ?? '').trim() || 'Submit';
	if (responseType === 'freeText') {
		return {
			kind: 'form',
			buttonLabel,
			fields: [{ label: 'Response', type: 'textarea', required: true }],
		};
	}
	if (responseType === 'customForm') {
		return { kind: 'form', buttonLabel, fields: formFields(node, read) };
	}
	const approval = (read('approvalOptions.values', {}) ?? {}) as IDataObject;
	const approveLabel = String(approval.approveLabel ?? '').trim() || 'Approve';
	if (approval.approvalType === 'double') {
		const declineLabel = String(approval.disapproveLabel ?? '').trim() || 'Decline';
		return { kind: 'approval', approveLabel, declineLabel };
	}
	return { kind: 'approval', approveLabel };
}

/** The custom form's fields, from the node's list or its JSON (n8n's Form node's shape). */
export function formFields(node: INode, read: ParameterReader): PageField[] {
	const fail = (message: string) =>
		new NodeOperationError(node, message, { itemIndex: 0, description: 'Nothing was sent.' });
	let raw: unknown;
	if (read('defineForm', 'fields') === 'json') {
		const json = read('jsonOutput', '[]');
		try {
			raw = typeof json === 'string' ? JSON.parse(json) : json;
		} catch (error) {
			throw fail(`The Form Fields JSON is not valid JSON: ${(error as Error).message}`);
		}
	} else {
		raw = read('formFields.values', []);
	}
	if (!Array.isArray(raw) || raw.length === 0) {
		throw fail('The custom form has no fields: add at least one');
	}
	return raw.map((entry: unknown, index): PageField => {
		const field = (typeof entry === 'object' && entry !== null ? entry : {}) as IDataObject;
		const label = String(field.fieldLabel ?? '').trim();
		if (label === '') throw fail(`Form field ${index + 1} has no fieldLabel`);
		const type = String(field.fieldType ?? 'text') as PageField['type'];
		if (!FIELD_TYPES.some((known) => known.value === type)) {
			throw fail(
				`Form field "${label}" has the type "${type}"; use one of ${FIELD_TYPES.map((known) => known.value).join(', ')}`,
			);
		}
		const optionValues = ((field.fieldOptions as IDataObject | undefined)?.values ??
			[]) as IDataObject[];
		return {
			label,
			type,
			required: field.requiredField === true,
			placeholder: typeof field.placeholder === 'string' ? field.placeholder : undefined,
			options: Array.isArray(optionValues)
				? optionValues
						.map((option) => String(option.option ?? ''))
						.filter((option) => option !== '')
				: [],
		};
	});
}

/** Reads a node parameter in the webhook (item 0, as when the SMS was sent). */
export function webhookReader(ctx: IWebhookFunctions): ParameterReader {
	return (name, fallback) => ctx.getNodeParameter(name, fallback);
}

/** Reads a node parameter of the first item while executing. */
export function executeReader(ctx: IExecuteFunctions): ParameterReader {
	return (name, fallback) => ctx.getNodeParameter(name, 0, fallback);
}
