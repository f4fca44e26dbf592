// The mutation run of the tenant router (stryker.tenants.config.json): the same suite as
// vitest.mutation.config.ts, aimed at a tenant's path, where the router's code runs on every
// request.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.mutation.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: { provide: { mutationTenant: 'Cust12345' } },
  }),
);
