/**
 * Shared bits of the bench scripts: `--flag value` / `--flag=value` argv parsing validated by zod, with a
 * usage message and exit code 2 on a bad flag, and the fixed "today" every bench uses.
 *
 * Relative imports only: the scripts run under tsx, outside Vite's `$lib` alias.
 */
import { z } from 'zod';

/** The bench's "today": generated data is anchored to it and the list bench computes flags against it. */
export const BENCH_TODAY = '2026-07-20';

/** Turns `['--a', '1', '--b=2']` into `{ a: '1', b: '2' }`; `--help` alone becomes `{ help: 'true' }`. */
function tokens(argv: readonly string[]): { values: Record<string, string>; errors: string[] } {
	const values: Record<string, string> = {};
	const errors: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (!arg.startsWith('--') || arg === '--') {
			errors.push(`unexpected argument "${arg}"`);
			continue;
		}
		const eq = arg.indexOf('=');
		const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
		if (name in values) errors.push(`--${name} given twice`);
		if (name === 'help') {
			values.help = 'true';
		} else if (eq >= 0) {
			values[name] = arg.slice(eq + 1);
		} else {
			const next = argv[i + 1];
			if (next === undefined || next.startsWith('--')) errors.push(`--${name} needs a value`);
			else {
				values[name] = next;
				i++;
			}
		}
	}
	return { values, errors };
}

/**
 * Parses `argv` (without node and the script) against `shape`; prints `usage` and exits 0 on `--help`,
 * prints the problems and `usage` and exits 2 on anything invalid or unknown.
 */
export function parseArgs<S extends z.ZodRawShape>(argv: readonly string[], shape: S, usage: string): z.infer<z.ZodObject<S>> {
	const { values, errors } = tokens(argv);
	if (values.help) {
		console.log(usage);
		process.exit(0);
	}
	const parsed = z.strictObject(shape).safeParse(values);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			if (issue.code === 'unrecognized_keys') errors.push(`unknown option ${issue.keys.map((k) => `--${k}`).join(', ')}`);
			else errors.push(`--${String(issue.path[0])}: ${issue.message}`);
		}
	}
	if (errors.length || !parsed.success) {
		for (const e of errors) console.error(`error: ${e}`);
		console.error('');
		console.error(usage);
		process.exit(2);
	}
	return parsed.data;
}

/** A positive integer flag with a default (`--measures 5000`). */
export const count = (def: number, min = 1, max = 50_000_000) =>
	z.coerce
		.number({ error: 'expected a whole number' })
		.int('expected a whole number')
		.min(min, `expected at least ${min}`)
		.max(max, `expected at most ${max}`)
		.default(def);

/** Prints `message` and `usage` to stderr and exits 2 (a bad combination of otherwise valid flags). */
export function usageError(message: string, usage: string): never {
	console.error(`error: ${message}`);
	console.error('');
	console.error(usage);
	process.exit(2);
}
