/** Password hashing with argon2id (OWASP's first choice), through the maintained Rust binding. */
import { hash, verify } from '@node-rs/argon2';

// OWASP minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, { ...OPTIONS, algorithm: 2 /* Algorithm.Argon2id */ });
}

/** False (never an exception) for a wrong password or a malformed hash. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
	try {
		return await verify(hashed, password);
	} catch {
		return false;
	}
}
