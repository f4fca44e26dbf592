// Which tenant the dashboard shows: the default one or an open `Cust<digits>` tenant. A plain
// GET form (`/?tenant=Cust12345`), so it works without the script; the script submits it on
// change. The page's forms and live feed follow the tenant it names.
export interface TenantPickerProps {
  /** The tenant shown; undefined for the default one. */
  tenant: string | undefined;
  /** Every tenant the mock serves, the default one first. */
  tenants: readonly string[];
}

export function TenantPicker({ tenant, tenants }: TenantPickerProps) {
  const [fallback, ...others] = tenants;
  return (
    <form id="tenant-picker" class="row" method="get" action="/" data-tenant={tenant ?? ''}>
      <label>
        Tenant
        <select name="tenant">
          <option value="" selected={tenant === undefined}>
            {fallback ?? 'Default'} (/api/v1)
          </option>
          {others.map((id) => (
            <option value={id} selected={id === tenant}>
              {id} (/{id}/api/v1)
            </option>
          ))}
        </select>
      </label>
      <button type="submit" style="flex: 0 0 auto">
        Show
      </button>
    </form>
  );
}

/** The API base the page's signal form posts to. */
export const apiBase = (tenant: string | undefined) => (tenant ? `/${tenant}/api/v1` : '/api/v1');
