/**
 * One workflow that chains every API v2 operation of the inSIM node, each node running once on
 * the output of the previous ones (ids flow through expressions, as a user would wire them).
 * Between them, the chain calls every one of the 45 v2 endpoints.
 */
import type { WorkflowToImport } from '../../scripts/n8n';

export interface ChainStep {
	name: string;
	parameters: Record<string, unknown>;
}

const id = (node: string, field = 'id') => `={{ $('${node}').first().json.${field} }}`;
const locator = (node: string, field = 'id') => ({
	__rl: true,
	mode: 'id',
	value: id(node, field),
});
const pickFromList = (value: string) => ({ __rl: true, mode: 'list', value });

export const CHAIN_PHONE = '+33600000001';
export const CHAIN_SECOND_PHONE = '+33600000002';

/** The steps, in run order; `resource`/`operation` first in every parameter set. */
export function v2ChainSteps(options: { webhookUrl: string; seededOptionId: string }): ChainStep[] {
	const step = (name: string, resource: string, operation: string, rest = {}): ChainStep => ({
		name,
		parameters: { resource, operation, ...rest },
	});
	return [
		step('Account Get', 'account', 'get'),
		step('Account Update Webhooks', 'account', 'updateWebhooks', {
			webhookUrls: { incomingSms: options.webhookUrl },
		}),
		step('Account Get Webhooks', 'account', 'getWebhooks'),

		step('Contact Upsert', 'contact', 'upsert', {
			phoneNumber: CHAIN_PHONE,
			firstName: 'Chain',
			lastName: 'Tester',
			additionalFields: { email: 'chain@example.com', address: '1 Rue de la Paix' },
		}),
		step('Contact Find', 'contact', 'findByPhone', { phoneNumber: '0600000001' }),
		step('Contact Get', 'contact', 'get', { contactId: id('Contact Find') }),
		step('Contact Get Many', 'contact', 'getMany', {
			returnAll: true,
			filters: { search: 'Chain' },
		}),
		step('Contact Search', 'contact', 'search', { name: 'Tester Chain' }),
		step('Contact Sharing', 'contact', 'updateSharing', {
			contactId: id('Contact Find'),
			sharing: 'team',
		}),
		step('Contact Tags', 'contact', 'updateTags', {
			contactId: id('Contact Find'),
			tagsToAdd: 'vip, chain',
		}),
		step('Contact Custom Fields', 'contact', 'getCustomFields'),

		step('List Create', 'list', 'create', { name: 'Chain list', listDescription: 'made by e2e' }),
		step('List Add Contacts', 'list', 'addContacts', {
			listId: locator('List Create'),
			contactIds: id('Contact Find'),
		}),
		step('List Add All', 'list', 'addAllContacts', { listId: locator('List Create') }),
		step('List Get', 'list', 'get', { listId: locator('List Create') }),
		step('List Update', 'list', 'update', {
			listId: locator('List Create'),
			updateFields: { name: 'Chain list (renamed)' },
		}),
		step('List Get Many', 'list', 'getMany', { returnAll: true }),

		step('Template Create', 'template', 'create', {
			name: 'Chain template',
			message: 'Hello {firstname}, your code is {code}',
		}),
		step('Template Update', 'template', 'update', {
			templateId: locator('Template Create'),
			updateFields: { message: 'Hi {firstname}, your code is {code}' },
		}),
		step('Template Get Many', 'template', 'getMany', { returnAll: true }),
		step('Template Send', 'template', 'send', {
			templateId: locator('Template Create'),
			phoneNumber: CHAIN_PHONE,
			variablesInput: 'fields',
			variables: { variable: [{ name: 'code', value: '4242' }] },
		}),

		step('SMS Send v2', 'sms', 'send', {
			phoneNumber: CHAIN_SECOND_PHONE,
			message: 'Sent through API v2: [link]',
			options: { apiVersion: 'v2', trackedUrl: 'https://example.com/chain' },
		}),
		step('SMS Get Many', 'sms', 'getMany', { limit: 5, filters: { direction: 'outbound' } }),
		step('SMS Get', 'sms', 'get', { smsId: id('SMS Get Many') }),
		step('SMS Conversation', 'sms', 'getConversation', { phoneNumber: CHAIN_PHONE }),
		step('SMS Delivery Status', 'sms', 'getDeliveryStatus', { smsId: id('SMS Get Many') }),

		step('Campaign Create', 'campaign', 'create', {
			name: 'Chain campaign',
			message: 'Campaign for {firstname}',
			phoneNumbers: CHAIN_SECOND_PHONE,
		}),
		step('Campaign Get', 'campaign', 'get', { campaignId: locator('Campaign Create') }),
		step('Campaign Get Many', 'campaign', 'getMany', { returnAll: true }),
		step('Campaign Start', 'campaign', 'start', { campaignId: locator('Campaign Create') }),
		step('Campaign Create Empty', 'campaign', 'create', {
			name: 'Chain campaign to cancel',
			message: 'Never sent',
		}),
		step('Campaign Cancel', 'campaign', 'cancel', {
			campaignId: locator('Campaign Create Empty'),
		}),

		step('Option Create', 'qualification', 'createOption', { label: 'Chain interested' }),
		step('Option Update', 'qualification', 'updateOption', {
			qualificationOptionId: locator('Option Create'),
			label: 'Chain very interested',
		}),
		step('Options Get Many', 'qualification', 'getManyOptions', { returnAll: true }),
		step('Call Get Many', 'call', 'getMany', { returnAll: true }),
		step('Call Qualify', 'call', 'qualify', {
			callId: id('Call Get Many'),
			qualificationOptionId: pickFromList(options.seededOptionId),
			notes: 'qualified by the e2e chain',
		}),
		step('Qualifications Get Many', 'qualification', 'getMany', { returnAll: true }),
		step('Qualification Stats', 'qualification', 'getStats'),
		step('Option Delete', 'qualification', 'deleteOption', {
			qualificationOptionId: locator('Option Create'),
		}),
		step('Click-to-Call v2', 'call', 'clickToCall', {
			phoneNumber: CHAIN_PHONE,
			options: { apiVersion: 'v2' },
		}),

		step('Stats Overview', 'stat', 'getOverview'),
		step('Stats Clicks', 'stat', 'getClicks', { returnAll: true }),

		step('Template Delete', 'template', 'delete', { templateId: locator('Template Create') }),
		step('List Remove Contacts', 'list', 'removeContacts', {
			listId: locator('List Create'),
			contactIds: id('Contact Find'),
		}),
		step('List Delete', 'list', 'delete', { listId: locator('List Create') }),
		step('Contact Delete', 'contact', 'delete', { contactId: id('Contact Find') }),
	];
}

/** Manual Trigger → every step in a line; each inSIM node runs once and always passes an item on. */
export function v2ChainWorkflow(steps: ChainStep[], credentialId: string): WorkflowToImport {
	const nodes: unknown[] = [
		{
			id: 'chain-start',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Record<string, unknown> = {};
	let previous = 'Start';
	steps.forEach((chainStep, index) => {
		nodes.push({
			id: `chain-${index}`,
			name: chainStep.name,
			type: 'n8n-nodes-insim.insim',
			typeVersion: 1,
			position: [220 * (index + 1), 0],
			parameters: chainStep.parameters,
			credentials: { insimApi: { id: credentialId, name: 'inSIM' } },
			executeOnce: true,
			alwaysOutputData: true,
		});
		connections[previous] = { main: [[{ node: chainStep.name, type: 'main', index: 0 }]] };
		previous = chainStep.name;
	});
	return {
		name: 'e2e: every API v2 operation',
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
	};
}
