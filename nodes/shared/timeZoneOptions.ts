import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

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
