// A server nobody on this project wrote: Prism (`@stoplight/prism-cli`) mocking the vendor's
// own Swagger files (spec/vendor/, copied unchanged with their provenance), the REST and Agent
// documents merged into one, on 127.0.0.1. Stateless and example-driven, it is what a QA user
// meets when they point the runner at "some other mock".
//
// One change to the vendor's documents, made in memory: each operation lists its two schemes in
// ONE security requirement, which OpenAPI reads as "both at once" (Basic and a Bearer token in
// one Authorization header, which no client can send); the schemes' own descriptions say either
// one is accepted, so the merged document lists them as alternatives.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from './toy-api-server.js';

type Swagger = {
  paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
  definitions: Record<string, unknown>;
} & Record<string, unknown>;

const VENDOR = ['Swagger-v1-Webhook.json', 'Swagger-v1-WebhookAgent.json'];

async function vendorDocument(name: string): Promise<Swagger> {
  const text = await readFile(new URL(`../../spec/vendor/${name}`, import.meta.url), 'utf8');
  return JSON.parse(text) as Swagger;
}

/** The REST and Agent documents as one, the security requirements made alternatives. */
export async function mergedVendorSwagger(): Promise<Swagger> {
  const [rest, agent] = await Promise.all(VENDOR.map(vendorDocument));
  if (!rest || !agent) throw new Error('spec/vendor/ lacks a Swagger file');
  const merged: Swagger = {
    ...rest,
    paths: { ...rest.paths, ...agent.paths },
    definitions: { ...rest.definitions, ...agent.definitions },
  };
  for (const item of Object.values(merged.paths)) {
    for (const operation of Object.values(item)) {
      if (!operation.security) continue;
      operation.security = operation.security.flatMap((all) =>
        Object.entries(all).map(([scheme, scopes]) => ({ [scheme]: scopes })),
      );
    }
  }
  return merged;
}

export interface PrismTarget {
  url: string;
  close(): Promise<void>;
}

const STARTUP_MS = 30_000;

function waitForListening(child: ChildProcess, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      reject(new Error(`Prism did not start within ${STARTUP_MS / 1000} s:\n${output}`));
    }, STARTUP_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes(`Prism is listening on ${url}`)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}) before listening:\n${output}`));
    });
  });
}

export async function startPrismTarget(): Promise<PrismTarget> {
  const dir = await mkdtemp(join(tmpdir(), 'soconf-prism-'));
  const file = join(dir, 'vendor-webhook.json');
  await writeFile(file, JSON.stringify(await mergedVendorSwagger()));
  const port = await closedPort();
  const cli = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const args = [cli, 'mock', '-h', '127.0.0.1', '-p', String(port), file];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  const close = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForListening(child, url);
  } catch (error) {
    await close();
    throw error;
  }
  // Prism logs every request; nobody reads it once it listens.
  child.stdout?.resume();
  child.stderr?.resume();
  return { url, close };
}
