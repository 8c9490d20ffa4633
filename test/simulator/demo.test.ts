import { setUpV2 } from '../engine/v2/support';

// `npm start` runs the simulator with demoData: the pickers and reads must have something to show.
const t = setUpV2({ demoData: true });

test('the demo data fills every picker and the Get Many reads', async () => {
	expect((await t.listSearch('searchLists')).results.map((result) => result.name)).toEqual([
		'Customers',
		'Prospects',
	]);
	expect((await t.listSearch('searchTemplates', 'remind')).results.map((r) => r.name)).toEqual([
		'Appointment reminder',
	]);
	expect(
		(await t.listSearch('searchQualificationOptions')).results.map((result) => result.name),
	).toEqual(['Call back later', 'Interested', 'Not interested']);

	const contacts = await t.run({
		parameters: { resource: 'contact', operation: 'getMany', returnAll: true },
	});
	expect(contacts.output).toHaveLength(5);
	const calls = await t.run({
		parameters: { resource: 'call', operation: 'getMany', returnAll: true },
	});
	expect(calls.output.map((item) => item.json.type)).toEqual(['outgoing', 'missed', 'incoming']);
});

test('a reset brings the demo data back, not an empty account', async () => {
	t.sim.store().lists.length = 0;
	t.sim.reset();
	expect(t.sim.store().lists.map((list) => list.name)).toEqual(['Customers', 'Prospects']);
});
