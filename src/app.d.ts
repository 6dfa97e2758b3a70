import type { SessionUser } from '$lib/server/auth/session';
import type { Locale } from '$lib/domain/enums';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			locale: Locale;
			/** set on a sign-in posted from another origin: the form says why instead of signing in */
			originRefused?: { origin: string; expected: string };
		}
		interface Error {
			message: string;
			code?: string;
			/** parameters of the message key */
			params?: Record<string, string>;
		}
	}
}

export {};
