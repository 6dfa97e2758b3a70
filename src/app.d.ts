import type { SessionUser } from '$lib/server/auth/session';
import type { Locale } from '$lib/domain/enums';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			locale: Locale;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
