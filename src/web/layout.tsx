// The page frame shared by the dashboard and the API reference: head, top bar, navigation.
// Every asset is served by this server (src/web/assets.ts): the pages work offline.
import type { Child } from 'hono/jsx';

export type Section = 'dashboard' | 'docs';

export interface LayoutProps {
  title: string;
  section: Section;
  styles?: string[];
  scripts?: string[];
  children?: Child;
}

const NAV: Array<{ href: string; label: string; section?: Section }> = [
  { href: '/', label: 'Dashboard', section: 'dashboard' },
  { href: '/docs', label: 'API reference', section: 'docs' },
  { href: '/openapi.yaml', label: 'openapi.yaml' },
  { href: '/__admin/deliveries', label: 'Delivery log (JSON)' },
];

export function Layout(props: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · so-webhook-mock</title>
        <link rel="icon" href="/__ui/favicon.svg" type="image/svg+xml" />
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <link rel="stylesheet" href="/__ui/app.css" />
      </head>
      <body>
        <header class="topbar">
          <div class="brand">
            <span class="logo">SO</span>
            <span>
              so-webhook-mock <small>SuperOffice Webhook API mock</small>
            </span>
          </div>
          <nav>
            {NAV.map((link) => (
              <a href={link.href} class={link.section === props.section ? 'active' : undefined}>
                {link.label}
              </a>
            ))}
          </nav>
        </header>
        <main>{props.children}</main>
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer></script>
        ))}
      </body>
    </html>
  );
}
