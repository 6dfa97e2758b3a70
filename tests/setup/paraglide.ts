import { spawnSync } from 'node:child_process';

// paraglide's compiler leaves handles open that keep vitest from exiting: compile in a child process.
export default function setup() {
	const r = spawnSync(process.execPath, ['scripts/compile-messages.mjs'], { stdio: 'inherit' });
	if (r.status !== 0) throw new Error('paraglide could not compile messages/*.json');
}
