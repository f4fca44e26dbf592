// startProxy(): the validating proxy on a port — in front of an upstream (`upstream`) or serving
// a recording (`replay`) — with its verdict log, its report, and a close that writes the
// recording's fixture. The library entry and the CLI both start it here.
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CONFIG } from '../config.js';
import { isLoopbackAddress } from '../delivery/listening-address.js';
import { answerClientError } from '../http/client-error.js';
import { loadContract } from '../http/contract.js';
import type { CorsPolicy } from '../http/cors.js';
import { httpOrigin } from '../platform/http-origin.js';
import { splitTenantPath } from '../tenants/tenant-id.js';
import { adminAuthorizer } from '../web/admin-authorizer.js';
import { DeliveryChecker } from './delivery-check.js';
import { ExchangeChecker } from './exchange-check.js';
import { createProxyApp } from './proxy-app.js';
import { Recorder } from './recorder.js';
import { Redactor } from './redact.js';
import { Replay } from './replay.js';
import { renderReport, reportVerdicts, type ReporterName } from './report.js';
import { loadStatusSources } from './rule-sources.js';
import { VerdictLog, type BrokenRule, type LogEntry } from './verdict-log.js';
import { SequenceChecker } from './sequence-check.js';
import { SeenState } from './seen-state.js';
import { RetryWatch } from './retry-watch.js';
import { reportMissingRetry } from './delivery-relay.js';
import { WebhooksSeen } from './webhooks-seen.js';
import type { Verdict } from '../../conformance/types.js';

export interface ProxyOptions {
  /** The upstream API root, e.g. `https://sod.superoffice.com/Cust12345/api`. */
  upstream?: string;
  /** A recording directory to answer from instead of an upstream. */
  replay?: string;
  port?: number;
  host?: string;
  /** Turn every violation into a 502 in the SuperOffice error shape. */
  errors?: boolean;
  /** Where deliveries received at `/__inbox/<name>` are passed on to, byte for byte. */
  forward?: string;
  /** A directory to record exchanges, deliveries and the fixture into. */
  record?: string;
  /** Keep Secrets and custom header values in the recorded fixture. */
  keepSecrets?: boolean;
  /** scheme://host[:port] the upstream reaches the proxy's receiver at (a tunnel). */
  publicUrl?: string;
  cors?: CorsPolicy;
  allowedHosts?: string[];
  adminToken?: string;
  maxBodyBytes?: number;
  timeoutMs?: number;
  /** The factor the upstream's retry delays are scaled by (the mock's `--time-scale`; 1). */
  timeScale?: number;
  onViolation?: (line: string) => void;
}

export interface RunningProxy {
  url: string;
  port: number;
  /** The receiver URL to use as a webhook's TargetUrl: `<public url>/__inbox/<name>`. */
  receiverUrl(name: string): string;
  entries(): LogEntry[];
  broken(): BrokenRule[];
  violationCount(): number;
  verdicts(): Verdict[];
  report(format: ReporterName): string;
  /** Stops listening, then writes the recording's fixture. */
  close(): Promise<void>;
}

function upstreamOf(options: ProxyOptions): URL | undefined {
  if (options.upstream === undefined) return undefined;
  const url = new URL(options.upstream);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`--upstream must be an http(s) URL, got "${options.upstream}"`);
  }
  return url;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  if ((options.upstream === undefined) === (options.replay === undefined)) {
    throw new Error(
      'Give exactly one of upstream (a server to forward to) or replay (a recording).',
    );
  }
  const upstream = upstreamOf(options);
  const host = options.host ?? '127.0.0.1';
  const limits = {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_CONFIG.limits.maxBodyBytes,
    maxAnswerBytes: 64 * 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 30_000,
  };
  const [contract, statuses] = await Promise.all([loadContract(), loadStatusSources()]);
  const redactor = new Redactor();
  const seen = new WebhooksSeen();
  const log = new VerdictLog();
  const contextIdentifier = upstream ? splitTenantPath(upstream.pathname)?.tenant : undefined;
  const recorder = options.record
    ? await Recorder.open({
        dir: options.record,
        keepSecrets: options.keepSecrets === true,
        redactor,
        ...(contextIdentifier ? { contextIdentifier } : {}),
      })
    : undefined;
  const replay = options.replay ? await Replay.load(options.replay, redactor) : undefined;
  const startedAt = new Date();
  const timeScale = options.timeScale ?? 1;
  if (!(Number.isFinite(timeScale) && timeScale >= 0))
    throw new Error(`timeScale must be a number of 0 or more, got ${timeScale}`);
  const retries = new RetryWatch(timeScale, (missing) =>
    reportMissingRetry({ log, onViolation: options.onViolation }, missing),
  );
  const publicUrl = options.publicUrl;
  const app = createProxyApp({
    upstream,
    replay,
    checker: new ExchangeChecker(contract, statuses, {
      maxBodyBytes: limits.maxBodyBytes,
      maxJsonDepth: DEFAULT_CONFIG.limits.maxJsonDepth,
    }),
    deliveries: new DeliveryChecker(seen),
    forwardTo: options.forward === undefined ? undefined : new URL(options.forward),
    seen,
    sequence: new SequenceChecker(new SeenState(), (id, at) => retries.cancel(id, at)),
    retries,
    log,
    redactor,
    recorder,
    errors: options.errors === true,
    limits,
    ...(options.onViolation ? { onViolation: options.onViolation } : {}),
    cors: options.cors ?? DEFAULT_CONFIG.cors,
    allowedHosts: [
      ...(options.allowedHosts ?? []),
      ...(publicUrl ? [new URL(publicUrl).hostname] : []),
    ],
    controlPlane: {
      requireCredentials: !isLoopbackAddress(host),
      authorized: adminAuthorizer(options.adminToken),
    },
    startedAt,
    upstreamLabel: upstream ? upstream.href : null,
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = httpOrigin(host, port);
  const reportOptions = () => ({
    upstream: upstream?.href ?? `replay of ${options.replay}`,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  });
  return {
    url,
    port,
    receiverUrl: (name) => `${publicUrl ?? url}/__inbox/${encodeURIComponent(name)}`,
    entries: () => log.entries(),
    broken: () => log.broken(),
    violationCount: () => log.violationCount,
    verdicts: () => reportVerdicts(log),
    report: (format) => renderReport(log, format, reportOptions()),
    async close() {
      retries.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await recorder?.close(seen.all());
    },
  };
}
