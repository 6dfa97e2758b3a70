// Compiles messages/*.json with paraglide, outside Vite (type checks and tests need the output).
// The compiler leaves timers running for ~30 s after it is done, hence the explicit exit.
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.config.js';

await compile(paraglideOptions);
process.exit(0);
