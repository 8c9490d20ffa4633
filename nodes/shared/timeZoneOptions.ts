import type { ILoadOptionsFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The Time Zone option of both nodes (stored as `timeZone`; '' means the workflow's zone), listed
 * by getTimeZones. `placed` says what the zone applies to, as a sentence.
 */
export function timeZoneOption(placed: string): INodeProperties {
	return {
		displayName: 'Time Zone Name or ID',
		name: 'timeZone',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimeZones' },
		default: '',
		description: `${placed} Default: the workflow's time zone. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** The workflow's own zone first (value ''), then every IANA zone this runtime knows. */
export async function getTimeZones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const workflowZone = this.getTimezone();
	const zones = (
		Intl as unknown as { supportedValuesOf?: (key: string) => string[] }
	).supportedValuesOf?.('timeZone') ?? ['UTC'];
	return [
		{
			name: `Workflow Time Zone (${workflowZone})`,
			value: '',
			description: 'The time zone set in the workflow settings',
		},
		...zones.map((zone) => ({ name: zone, value: zone })),
	];
}
