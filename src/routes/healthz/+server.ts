import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { getDb } from '$lib/server/db/client';

export const GET = () => {
	getDb().run(sql`SELECT 1`);
	return json({ ok: true });
};
