import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

/** What one input item became. Every operation returns exactly one outcome per input item. */
export type ItemOutcome =
	| {
			itemIndex: number;
			/** One record, or several (a Get Many gives one output item per record, none when empty). */
			json: IDataObject | IDataObject[];
			/** inSIM acted on it (SMS accepted, contact created, call started): never redo blindly. */
			accepted: boolean;
	  }
	| {
			itemIndex: number;
			error: NodeApiError | NodeOperationError;
			/** API fields worth keeping on the error item (phone number, message id …). */
			json?: IDataObject;
	  };

export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<ItemOutcome[]>;
}
