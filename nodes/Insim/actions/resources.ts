import type { INodeProperties } from 'n8n-workflow';

import * as account from './account';
import * as call from './call';
import * as campaign from './campaign';
import * as contact from './contact';
import * as list from './list';
import * as qualification from './qualification';
import * as sms from './sms';
import * as stat from './stat';
import * as template from './template';
import type { OperationModule } from './types';

interface ResourceModule {
	description: INodeProperties[];
	operations: Record<string, OperationModule>;
}

/** Every resource of the node: its name in the Resource picker, its operations and their fields. */
export const RESOURCES: Record<string, { name: string; module: ResourceModule }> = {
	account: { name: 'Account', module: account },
	call: { name: 'Call', module: call },
	campaign: { name: 'Campaign', module: campaign },
	contact: { name: 'Contact', module: contact },
	list: { name: 'List', module: list },
	qualification: { name: 'Qualification', module: qualification },
	sms: { name: 'SMS', module: sms },
	stat: { name: 'Stat', module: stat },
	template: { name: 'Template', module: template },
};
