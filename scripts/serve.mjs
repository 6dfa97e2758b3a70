// The production server: adapter-node's request handler (build/handler.js) in a plain node:http
// server, so that a first start over plain http signs in with no variable set.
//
// adapter-node takes every request for https unless ORIGIN or PROTOCOL_HEADER says otherwise, and
// SvelteKit then refuses the browser's `Origin: http://…` on every form. Here, when neither is set,
// the protocol is the socket's own (TLS or not), passed to the handler in a header of ours that is
// overwritten on every request, so a client cannot choose it; the host is the request's Host.
// A client's X-Forwarded-Proto/-Host/-For is only believed when PROTOCOL_HEADER, HOST_HEADER or
// ADDRESS_HEADER names it (the proxy settings, see the README).
import http from 'node:http';
import cluster from 'node:cluster';
import process from 'node:process';
import zlib from 'node:zlib';
import compression from 'compression';
import { SECURITY_HEADERS, HSTS } from '../src/lib/security-headers.js';

const SOCKET_PROTOCOL = 'x-rasd-socket-protocol';
const origin = process.env.ORIGIN;
if (!origin && !process.env.PROTOCOL_HEADER) process.env.PROTOCOL_HEADER = SOCKET_PROTOCOL;
const protocolHeader = process.env.PROTOCOL_HEADER?.toLowerCase();

// Imported after PROTOCOL_HEADER is settled: the handler reads its settings when it loads.
const { handler } = await import(new URL('../build/handler.js', import.meta.url).href);

/** @param {http.IncomingMessage} req */
function servedOverHttps(req) {
	if (origin) return origin.startsWith('https:');
	return req.headers[protocolHeader] === 'https';
}

// Pages and JSON compressed here, so a server without a proxy in front still sends ~15 KB for a
// 175 KB overview. The middleware negotiates brotli or gzip, compresses only compressible types
// above 1 KB, and leaves alone what already has a Content-Encoding — the build's precompressed
// `/_app` assets, which adapter-node serves as .br/.gz. Brotli quality 5 rather than the
// middleware's 4: measured on the national overview, 18.6 KB instead of 20.3 for the same ~2 ms.
const compress = compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } } });

const server = http.createServer((req, res) => {
	if (protocolHeader === SOCKET_PROTOCOL) {
		req.headers[SOCKET_PROTOCOL] = /** @type {import('node:tls').TLSSocket} */ (req.socket).encrypted ? 'https' : 'http';
	}
	// Set before the handler so that assets, refusals and pages all carry them.
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	// Which of npm start's workers answered (1…RASD_WORKERS): for diagnosis behind a proxy, and tests.
	if (cluster.worker) res.setHeader('X-Rasd-Worker', String(cluster.worker.id));
	if (servedOverHttps(req)) res.setHeader('Strict-Transport-Security', HSTS);
	compress(/** @type {any} */ (req), /** @type {any} */ (res), () =>
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		})
	);
});

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
server.listen(port, host, () => {
	const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
	const who = cluster.isWorker ? ` (worker ${cluster.worker?.id}, pid ${process.pid})` : '';
	console.log(`[rasd] serving on http://${shown}:${port}${origin ? ` (public address ${origin})` : ''}${who}`);
});

// Stop taking requests, let those under way finish, then leave (SIGTERM from a service manager, ^C).
let closing = false;
function shutdown() {
	// ^C reaches every worker and the primary, which then asks each worker again: close once.
	if (closing) return;
	closing = true;
	server.close(() => {
		// @ts-expect-error SvelteKit's own event, for code that cleans up on shutdown
		process.emit('sveltekit:shutdown', 'SIGTERM');
		process.exit(0);
	});
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
