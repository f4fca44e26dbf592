// SuperOffice Online serves each customer under its own path, `https://<host>/Cust12345/api/v1/…`
// (docs/sources.md §0.3: "the tenant/customer id, e.g. Cust12345"). The mock accepts the same prefix.
import { basename, dirname, extname, join } from 'node:path';

/** Hono route segment for a tenant; paths are matched lower-cased (app.ts). */
export const TENANT_ROUTE = '/:tenant{cust[0-9]{1,10}}';

const TENANT_SEGMENT = /^\/(cust)(\d{1,10})(?=\/)/i;

/** The tenant a path names, spelled `Cust` + digits as SuperOffice writes it, with the rest. */
export function splitTenantPath(path: string): { tenant: string; rest: string } | undefined {
  const match = TENANT_SEGMENT.exec(path);
  if (!match) return undefined;
  return { tenant: `Cust${match[2]}`, rest: path.slice(match[0].length) };
}

/** `data/webhooks.json` → `data/webhooks.Cust12345.json`: one store file per tenant, beside it. */
export function tenantStoreFile(db: string, tenant: string): string {
  const ext = extname(db);
  const stem = basename(db, ext);
  return join(dirname(db), `${stem}.${tenant}${ext || '.json'}`);
}
