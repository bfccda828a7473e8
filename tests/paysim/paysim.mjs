#!/usr/bin/env node
// Payment simulator for Member Desk's demo and tests: one HTTP server playing both WeChat Pay
// (API v3, Native) and Alipay (当面付), plus the pay page a demo user opens and a control API for
// tests. Written independently of the daemon's payment code, so that a misreading of a protocol in
// one is not silently mirrored in the other. Never for production: the keys are test keys.
//
//   node tests/paysim/paysim.mjs --port 0 --host 127.0.0.1 --keys tests/fixtures/pay [--quiet]
//
// The first line on stdout is `paysim listening on http://HOST:PORT`; request logs go to stderr.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { loadKeys, forgeryKey } from './keys.mjs';
import { State } from './state.mjs';
import { makeWechat } from './wechat.mjs';
import { makeAlipay } from './alipay.mjs';
import { makeNotifier } from './notify.mjs';
import { makePayPage } from './pay_page.mjs';
import { makeControl } from './control.mjs';
import { readBody, sendJson } from './util.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    keys: { type: 'string', default: 'tests/fixtures/pay' },
    quiet: { type: 'boolean', default: false },
  },
});

const ctx = { state: new State(), keys: loadKeys(args.keys), holds: new Set() };
ctx.gateways = { wechat: makeWechat(ctx), alipay: makeAlipay(ctx) };
ctx.notifier = makeNotifier(ctx);
const payPage = makePayPage(ctx);
const control = makeControl(ctx);
forgeryKey(); // generate now rather than in the middle of a test's first forged notification

function route(pathname) {
  if (pathname.startsWith('/v3/')) return ctx.gateways.wechat;
  if (pathname === '/gateway.do') return ctx.gateways.alipay;
  if (pathname.startsWith('/pay/')) return payPage;
  if (pathname.startsWith('/_sim/')) return control;
  return null;
}

const server = http.createServer(async (req, res) => {
  const started = Date.now();
  if (!args.quiet) {
    res.on('close', () => {
      process.stderr.write(`paysim ${new Date().toISOString()} ${req.method} ${req.url} -> ${res.writableEnded ? res.statusCode : 'aborted'} ${Date.now() - started}ms\n`);
    });
  }
  try {
    const url = new URL(req.url, 'http://paysim.invalid');
    const handler = route(url.pathname);
    const body = await readBody(req);
    if (!handler) return sendJson(res, 404, { code: 'NOT_FOUND', message: `${url.pathname} is not served here` });
    await handler.handle(req, res, url, body);
  } catch (e) {
    if (!res.headersSent) sendJson(res, 500, { code: 'SYSTEM_ERROR', message: `paysim: ${e.message}` });
    else res.destroy();
    process.stderr.write(`paysim error: ${e.stack}\n`);
  }
});

server.listen(Number(args.port), args.host, () => {
  const { address, port } = server.address();
  ctx.state.baseUrl = `http://${address}:${port}`;
  process.stdout.write(`paysim listening on ${ctx.state.baseUrl}\n`);
});

function shutdown() {
  for (const t of ctx.holds) clearTimeout(t);
  server.close(() => process.exit(0));
  server.closeAllConnections(); // held ("timeout") requests and keep-alive sockets end now
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
