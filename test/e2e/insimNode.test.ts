/**
 * The inSIM node inside a real n8n (the pinned n8n 2.40.7 on Node 24), loaded from the packed
 * package as a community package, run by `n8n execute --id`, calling the simulator over loopback.
 * Each test checks what n8n output and what the simulator received.
 */
import type { RecordedRequest } from '../simulator';
import {
	INSIM_NODE_NAME,
	SIMULATOR_ACCESS_KEY,
	SIMULATOR_LOGIN,
	importAndExecute,
	jsonOf,
	rowsToInsimWorkflow,
	setUpE2e,
	simulatorCredential,
} from './harness';

const { context, e2eTest } = setUpE2e('insim-node');

let credentialId: string;
let wrongKeyCredentialId: string;
const WRONG_ACCESS_KEY = 'wrong-access-key-e2e-0000';

beforeAll(async () => {
	credentialId = await context.n8n.importCredential(simulatorCredential(context.sim));
	wrongKeyCredentialId = await context.n8n.importCredential(
		simulatorCredential(context.sim, { name: 'inSIM wrong key', apiKey: WRONG_ACCESS_KEY }),
	);
}, 120000);

beforeEach(() => {
	context.sim?.reset();
	context.sim?.setOptions({ failPhoneNumbers: [], phoneConnected: true });
});

const phoneAt = (index: number): string => `+336100${String(index).padStart(5, '0')}`;

type SendSmsBody = {
	header: Record<string, unknown>;
	messages: Array<Record<string, unknown>>;
};

function expectNoAuthInHttpHeaders(requests: RecordedRequest[]): void {
	for (const request of requests) {
		expect(request.headers.authorization).toBeUndefined();
		expect(JSON.stringify(request.headers)).not.toContain(SIMULATOR_ACCESS_KEY);
		expect(request.headers['content-type']).toMatch(/^application\/json/);
	}
}

const smsParameters = {
	resource: 'sms',
	operation: 'send',
	phoneNumber: '={{ $json.phone }}',
	message: '={{ "Hello " + $json.name + ", confirm here: [link]" }}',
	options: {
		trackedUrl: 'https://example.com/confirm?ref=e2e',
		priority: 2,
		scheduledDate: '2030-12-24T09:30:00',
		timeZone: 'Europe/Paris',
		messageId: '={{ "order-" + $json.n }}',
	},
};

e2eTest('SMS → Send: 250 items go out in 3 requests with the documented bodies', async () => {
	const { n8n, sim } = context;
	const rows = Array.from({ length: 250 }, (_, n) => ({
		n,
		phone: phoneAt(n),
		name: `Client ${n}`,
	}));
	const run = await importAndExecute(
		n8n,
		rowsToInsimWorkflow('e2e: send 250 SMS', rows, { parameters: smsParameters, credentialId }),
	);

	expect(run.error).toBeUndefined();
	expect(run).toMatchObject({ exitCode: 0, status: 'success' });
	expect(run.nodesRun).toEqual(['Start', 'Rows', 'Split Out', INSIM_NODE_NAME]);

	expect(sim.requests.map((request) => [request.method, request.path, request.status])).toEqual([
		['POST', '/v1/sendsms', 200],
		['POST', '/v1/sendsms', 200],
		['POST', '/v1/sendsms', 200],
	]);
	const bodies = sim.requests.map((request) => request.body as SendSmsBody);
	expect(bodies.map((body) => body.messages.length)).toEqual([100, 100, 50]);
	for (const body of bodies) {
		// Auth rides in the JSON body's `header`, and nothing else does.
		expect(body.header).toEqual({ login: SIMULATOR_LOGIN, accessKey: SIMULATOR_ACCESS_KEY });
		expect(Object.keys(body).sort()).toEqual(['header', 'messages']);
	}
	expectNoAuthInHttpHeaders(sim.requests);
	const wireMessages = bodies.flatMap((body) => body.messages);
	expect(wireMessages[0]).toEqual({
		phone_number: phoneAt(0),
		message: 'Hello Client 0, confirm here: [link]',
		url: 'https://example.com/confirm?ref=e2e',
		priorite: 2,
		date_to_send: '2030-12-24 09:30:00',
		id_sms_api: 'order-0',
	});
	expect(wireMessages.map((message) => message.phone_number)).toEqual(rows.map((row) => row.phone));
	expect(wireMessages[249]).toMatchObject({
		id_sms_api: 'order-249',
		message: 'Hello Client 249, confirm here: [link]',
	});
	expect(sim.sentMessages()).toHaveLength(250);

	const items = run.output(INSIM_NODE_NAME);
	expect(items).toHaveLength(250);
	expect(items.map((item) => item.pairedItem)).toEqual(rows.map((_, n) => ({ item: n })));
	expect(items.every((item) => item.json.success === true && item.json.sent === 1)).toBe(true);
	expect(items[7].json).toMatchObject({
		success: true,
		id_sms_api: 'order-7',
		phone_number: phoneAt(7),
		user: SIMULATOR_LOGIN,
		sent: 1,
		priority: 2,
		trackedUrl: 'https://example.com/confirm?ref=e2e',
		scheduledFor: '2030-12-24 09:30:00',
		scheduledForIso: '2030-12-24T09:30:00+01:00',
		scheduleTimeZone: 'Europe/Paris',
		encoding: 'GSM-7',
	});
	// inSIM put its tracked short link where [link] was.
	expect(items[7].json.message).toMatch(
		/^Hello Client 7, confirm here: https:\/\/arsms\.co\/\w{12}$/,
	);
	expect(JSON.stringify(run.execution)).not.toContain(SIMULATOR_ACCESS_KEY);
});

const fiveRows = [
	{ n: 0, phone: phoneAt(0), name: 'A' },
	{ n: 1, phone: phoneAt(1), name: 'B' },
	{ n: 2, phone: phoneAt(2), name: 'C' }, // the simulator answers sent: 0 for it
	{ n: 3, phone: '06 12', name: 'D' }, // not a number: never sent
	{ n: 4, phone: phoneAt(4), name: 'E' },
];

e2eTest(
	'Continue On Fail: a refused and an invalid item fail alone, the others are sent',
	async () => {
		const { n8n, sim } = context;
		sim.setOptions({ failPhoneNumbers: [phoneAt(2)] });
		const run = await importAndExecute(
			n8n,
			rowsToInsimWorkflow('e2e: continue on fail', fiveRows, {
				parameters: smsParameters,
				credentialId,
				onError: 'continueRegularOutput',
			}),
		);

		expect(run).toMatchObject({ exitCode: 0, status: 'success' });
		expect(sim.requests).toHaveLength(1);
		const sent = (sim.requests[0].body as SendSmsBody).messages.map(
			(message) => message.phone_number,
		);
		expect(sent).toEqual([phoneAt(0), phoneAt(1), phoneAt(2), phoneAt(4)]);

		const items = run.output(INSIM_NODE_NAME);
		expect(items.map((item) => [item.pairedItem, item.json.success])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, true],
			[{ item: 2 }, false],
			[{ item: 3 }, false],
			[{ item: 4 }, true],
		]);
		expect(items[2].json).toMatchObject({ itemIndex: 2, phone_number: phoneAt(2) });
		expect(items[2].json.error).toMatch(/sent: 0/);
		expect(items[3].json).toMatchObject({ itemIndex: 3 });
		expect(items[3].json.error).toMatch(/^Item 3: "Phone Number" "06 12" is not valid/);
		expect(items[3].json.errorDescription).toMatch(/Nothing was sent for this item/);
	},
);

e2eTest(
	'On Error → Continue (using error output): failed items leave by the error output',
	async () => {
		const { n8n, sim } = context;
		sim.setOptions({ failPhoneNumbers: [phoneAt(2)] });
		const run = await importAndExecute(
			n8n,
			rowsToInsimWorkflow('e2e: error output', fiveRows, {
				parameters: smsParameters,
				credentialId,
				onError: 'continueErrorOutput',
			}),
		);

		expect(run).toMatchObject({ exitCode: 0, status: 'success' });
		const succeeded = run.output(INSIM_NODE_NAME, 0);
		const failed = run.output(INSIM_NODE_NAME, 1);
		expect(succeeded.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 4 },
		]);
		expect(jsonOf(succeeded).every((json) => json.success === true)).toBe(true);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 2 }, { item: 3 }]);
		// n8n 2.40.7 keeps only the message in an error-output item's json (the input item stays
		// reachable through pairedItem); the node's description and item index are in `error`.
		expect(failed[0].json).toEqual({ error: expect.stringMatching(/sent: 0/) });
		expect(failed[0].error).toMatchObject({
			description: expect.stringMatching(/other messages of the same request are not affected/),
			context: { itemIndex: 2 },
		});
		expect(failed[1].json).toEqual({ error: expect.stringMatching(/^Item 3: "Phone Number"/) });
		expect(sim.sentMessages().map((message) => message.phone_number)).toEqual([
			phoneAt(0),
			phoneAt(1),
			phoneAt(4),
		]);
	},
);

e2eTest('Contact → Create: one request, `adress` on the wire, #004 is a warning', async () => {
	const { n8n, sim } = context;
	const contacts = [
		{
			phone: '+33 6 12 34 56 78',
			first: 'John',
			last: 'Doe',
			email: 'john@example.com',
			address: '1 Main St',
		},
		{ phone: '+33612345679', first: 'Ann', last: 'Lee', email: 'not-an-email', address: '' },
		{ phone: '+14155550100', first: 'Bo', last: 'Ng', email: '', address: '' },
	];
	const run = await importAndExecute(
		n8n,
		rowsToInsimWorkflow('e2e: add contacts', contacts, {
			credentialId,
			parameters: {
				resource: 'contact',
				operation: 'create',
				phoneNumber: '={{ $json.phone }}',
				firstName: '={{ $json.first }}',
				lastName: '={{ $json.last }}',
				additionalFields: { email: '={{ $json.email }}', address: '={{ $json.address }}' },
			},
		}),
	);

	expect(run.error).toBeUndefined();
	expect(sim.requests.map((request) => request.path)).toEqual(['/v1/contact']);
	const body = sim.requests[0].body as {
		header: unknown;
		contacts: Array<Record<string, unknown>>;
	};
	expect(body.header).toEqual({ login: SIMULATOR_LOGIN, accessKey: SIMULATOR_ACCESS_KEY });
	expect(body.contacts[0]).toEqual({
		firstname: 'John',
		lastname: 'Doe',
		phone_number: '+33612345678',
		email: 'john@example.com',
		adress: '1 Main St',
	});
	expect(body.contacts.map((contact) => contact.phone_number)).toEqual([
		'+33612345678',
		'+33612345679',
		'+14155550100',
	]);
	expectNoAuthInHttpHeaders(sim.requests);
	expect(sim.contacts).toHaveLength(3);

	const items = jsonOf(run.output(INSIM_NODE_NAME));
	expect(items.map((json) => json.success)).toEqual([true, true, true]);
	expect(items[0].warnings).toEqual([]);
	expect(items[1].warnings).toEqual([expect.stringMatching(/#004 invalid email/)]);
});

const callParameters = {
	resource: 'call',
	operation: 'clickToCall',
	phoneNumber: '={{ $json.phone }}',
};

e2eTest('Call → Click-to-Call: the number and the login ride in `header`', async () => {
	const { n8n, sim } = context;
	const run = await importAndExecute(
		n8n,
		rowsToInsimWorkflow('e2e: click-to-call', [{ phone: '+33 6 12 34 56 78' }], {
			parameters: callParameters,
			credentialId,
		}),
	);

	expect(run.error).toBeUndefined();
	expect(sim.requests.map((request) => [request.path, request.status])).toEqual([
		['/v1/clictocall', 200],
	]);
	expect(sim.requests[0].body).toEqual({
		header: {
			login: SIMULATOR_LOGIN,
			accessKey: SIMULATOR_ACCESS_KEY,
			type: 'clicToCall',
			phone_number: '+33612345678',
		},
	});
	expectNoAuthInHttpHeaders(sim.requests);
	expect(sim.calls.map((call) => call.phone_number)).toEqual(['+33612345678']);
	expect(run.output(INSIM_NODE_NAME)[0].json).toMatchObject({
		success: true,
		result: 'success',
		phone_number: '+33612345678',
	});
});

e2eTest(
	'Call → Click-to-Call with the phone offline: the workflow fails and says why',
	async () => {
		const { n8n, sim } = context;
		sim.setOptions({ phoneConnected: false });
		const run = await importAndExecute(
			n8n,
			rowsToInsimWorkflow('e2e: click-to-call, phone offline', [{ phone: '+33612345678' }], {
				parameters: callParameters,
				credentialId,
			}),
		);

		expect(run).toMatchObject({ exitCode: 1, status: 'error' });
		expect(run.error?.nodeName).toBe(INSIM_NODE_NAME);
		expect(run.error?.message).toMatch(/#002/);
		expect(run.error?.description).toMatch(/not connected or the inSIM app is not running/);
		expect(sim.calls).toHaveLength(0);
	},
);

e2eTest('a wrong access key: the run fails with a clear error and nothing is sent', async () => {
	const { n8n, sim } = context;
	const run = await importAndExecute(
		n8n,
		rowsToInsimWorkflow('e2e: wrong access key', fiveRows.slice(0, 2), {
			parameters: smsParameters,
			credentialId: wrongKeyCredentialId,
		}),
	);

	expect(run).toMatchObject({ exitCode: 1, status: 'error' });
	expect(run.error?.nodeName).toBe(INSIM_NODE_NAME);
	expect(run.error?.message).toMatch(/inSIM rejected the login or access key/);
	expect(run.stdout).toMatch(/inSIM rejected the login or access key/);
	expect(sim.requests).toHaveLength(1);
	expect((sim.requests[0].body as SendSmsBody).header).toEqual({
		login: SIMULATOR_LOGIN,
		accessKey: WRONG_ACCESS_KEY,
	});
	expect(sim.requests[0].status).toBe(401);
	expect(sim.sentMessages()).toHaveLength(0);
	// Neither the error nor anything else in the execution repeats the key.
	expect(JSON.stringify(run.execution)).not.toContain(WRONG_ACCESS_KEY);
});
