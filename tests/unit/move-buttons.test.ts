/**
 * The plan editor's move up / down (issue 16): one form per item whose two buttons send `direction`
 * (two forms each were 25 KB of an opened objective's page), still a plain POST that works without
 * JavaScript, the edge's button disabled.
 */
import { describe, it, expect } from 'vitest';
import { render } from 'svelte/server';
import MoveButtons from '../../src/routes/(app)/admin/plan/MoveButtons.svelte';

describe('MoveButtons', () => {
	it('is one POST form to ?/reorder with the item, and two submit buttons naming the direction', () => {
		const { body } = render(MoveButtons, { props: { level: 'measures', code: 'A1.1.2', version: 3, first: true, last: false } });
		expect(body.match(/<form/g)).toHaveLength(1);
		expect(body).toMatch(/<form[^>]*method="POST"[^>]*action="\?\/reorder"/);
		for (const [name, value] of [
			['level', 'measures'],
			['code', 'A1.1.2'],
			['version', '3']
		])
			expect(body).toContain(`<input type="hidden" name="${name}" value="${value}"/>`);
		const buttons = [...body.matchAll(/<button([^>]*)>/g)].map((b) => b[1]!);
		expect(buttons).toHaveLength(2);
		expect(buttons[0]).toMatch(/name="direction" value="up"[^>]*disabled/);
		expect(buttons[0]).toContain('data-testid="plan-move-up"');
		expect(buttons[1]).toMatch(/name="direction" value="down"/);
		expect(buttons[1]).not.toContain('disabled');
		expect(buttons[1]).toMatch(/aria-label="[^"]+ A1\.1\.2"/);
		expect(body).not.toContain('name="direction" value="up"/>');
	});
});
