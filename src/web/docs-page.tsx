// The API reference at /docs: Swagger UI rendered from spec/ with "Try it out" aimed at this
// server, and the default credentials explained above it.
import type { Credentials } from './credentials.js';
import { ASSET_PREFIX } from './assets.js';
import { Layout } from './layout.js';
import { DOCS_SPEC_PATH } from './openapi-routes.js';

export interface DocsProps {
  credentials: Credentials | undefined;
  auth: 'on' | 'none';
}

function CredentialList({ credentials: cr }: { credentials: Credentials }) {
  return (
    <dl class="creds">
      <dt>Basic (onsite)</dt>
      <dd>
        {cr.userName} / {cr.password}
      </dd>
      {cr.ticket ? <dt>SOTicket (credential ticket)</dt> : null}
      {cr.ticket ? <dd>SOTicket {cr.ticket}</dd> : null}
      {cr.token ? <dt>Bearer (Online access token)</dt> : null}
      {cr.token ? <dd>Bearer {cr.token}</dd> : null}
    </dl>
  );
}

function HowTo({ credentials, auth }: DocsProps) {
  if (auth === 'none') {
    return <p>This server runs with --auth none: every call is accepted without credentials.</p>;
  }
  return (
    <>
      <p>
        Every <code>/api/v1</code> call needs one of the credentials on the right.{' '}
        {credentials
          ? `The page has already authorized Basic as ${credentials.userName}, so "Try it out" → "Execute" works at once.`
          : 'The loaded fixture has no users, so every call answers 401.'}
      </p>
      <p>
        To use another scheme, open <b>Authorize</b>, log out of Basic and enter the SOTicket header
        value (the whole <code>SOTicket 7T:…</code> text) or the Bearer token (the part after{' '}
        <code>Bearer </code>).
      </p>
      <p class="sub">
        Calls go to this server (<code>servers</code> in <a href="/openapi.yaml">openapi.yaml</a> is
        set to the origin you are browsing). Deliveries they cause show on the{' '}
        <a href="/">dashboard</a>.
      </p>
    </>
  );
}

export function DocsPage(props: DocsProps) {
  const cr = props.credentials;
  return (
    <Layout
      title="API reference"
      section="docs"
      styles={[`${ASSET_PREFIX}/swagger/swagger-ui.css`]}
      scripts={[`${ASSET_PREFIX}/swagger/swagger-ui-bundle.js`, `${ASSET_PREFIX}/docs.js`]}
    >
      <section class="card docs-intro">
        <header>
          <h2>SuperOffice WebAPI — Webhook</h2>
          <span class="hint">
            rendered from spec/webhook.openapi.yaml · <a href="/openapi.yaml">YAML</a> ·{' '}
            <a href="/openapi.json">JSON</a>
          </span>
        </header>
        <div class="body">
          <div>
            <HowTo {...props} />
          </div>
          <div>{cr ? <CredentialList credentials={cr} /> : null}</div>
        </div>
      </section>
      <section class="card swagger-host">
        <div
          id="swagger-ui"
          data-spec={DOCS_SPEC_PATH}
          data-user={props.auth === 'on' ? cr?.userName : undefined}
          data-password={props.auth === 'on' ? cr?.password : undefined}
        ></div>
      </section>
    </Layout>
  );
}
