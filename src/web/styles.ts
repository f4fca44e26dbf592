// The dashboard's and docs page's stylesheet, served as /__ui/app.css. It lives in a module,
// not a .css file, because the published package ships dist/ and not src/.
export const APP_CSS = `
:root {
  --bg: #f4f6fa; --card: #fff; --ink: #1d2433; --muted: #5f6b7e; --line: #e3e7ee;
  --brand: #2454d6; --brand-ink: #fff; --head: #111a2e;
  --ok: #127a3e; --ok-bg: #e3f5ea; --bad: #b42318; --bad-bg: #fdecea;
  --warn: #8a5a00; --warn-bg: #fff4d6; --idle: #4b5565; --idle-bg: #eceff4;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
  --radius: 10px;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
}
a { color: var(--brand); }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
.topbar {
  display: flex; align-items: center; gap: 24px; padding: 0 24px; height: 56px;
  background: var(--head); color: #e8ecf5;
}
.brand { display: flex; align-items: center; gap: 10px; font-weight: 650; font-size: 16px; }
.brand .logo {
  width: 28px; height: 28px; border-radius: 7px; display: grid; place-items: center;
  background: linear-gradient(135deg, #3b6cf6, #22b3a6); color: #fff; font-size: 13px;
}
.brand small { color: #93a0b8; font-weight: 400; font-size: 12px; }
.topbar nav { display: flex; gap: 4px; margin-left: auto; }
.topbar nav a {
  color: #c9d2e3; text-decoration: none; padding: 6px 12px; border-radius: 6px;
}
.topbar nav a:hover { background: #1f2a44; color: #fff; }
.topbar nav a.active { background: #26345a; color: #fff; }
main { max-width: 1440px; margin: 0 auto; padding: 24px; }
.grid { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 20px; align-items: start; }
@media (max-width: 1280px) {
  .grid { grid-template-columns: 1fr; }
  .grid > aside.stack { grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); }
}
.stack { display: grid; gap: 20px; }
.card {
  background: var(--card); border: 1px solid var(--line); border-radius: var(--radius);
  box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04);
}
.card > header {
  display: flex; align-items: center; gap: 12px; padding: 14px 18px;
  border-bottom: 1px solid var(--line);
}
.card > header h2 { margin: 0; font-size: 15px; font-weight: 650; }
.card > header .hint { color: var(--muted); font-size: 12.5px; }
.card > header .end { margin-left: auto; display: flex; align-items: center; gap: 10px; }
.card .body { padding: 16px 18px; }
table { width: 100%; border-collapse: collapse; }
th {
  text-align: left; font-weight: 600; color: var(--muted); font-size: 12px;
  text-transform: uppercase; letter-spacing: 0.03em; padding: 10px 12px;
  border-bottom: 1px solid var(--line); background: #fafbfd; white-space: nowrap;
}
td { padding: 10px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
tr:last-child td { border-bottom: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
th.num { text-align: right; }
.name { font-weight: 600; }
.sub { color: var(--muted); font-size: 12.5px; }
.url { font-family: var(--mono); font-size: 12px; overflow-wrap: anywhere; color: #334155; }
table.webhooks th { text-transform: none; letter-spacing: 0; font-size: 12.5px; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; }
.chip {
  font-family: var(--mono); font-size: 11.5px; padding: 1px 7px; border-radius: 999px;
  background: #eef2ff; color: #3730a3; white-space: nowrap;
}
.badge {
  display: inline-block; font-size: 12px; font-weight: 600; padding: 2px 9px;
  border-radius: 999px; white-space: nowrap;
}
.tone-ok { background: var(--ok-bg); color: var(--ok); }
.tone-bad { background: var(--bad-bg); color: var(--bad); }
.tone-warn { background: var(--warn-bg); color: var(--warn); }
.tone-idle, .tone-none { background: var(--idle-bg); color: var(--idle); }
.errors-hot { color: var(--bad); font-weight: 650; }
.last-error { font-family: var(--mono); font-size: 12px; color: var(--bad); }
.empty { color: var(--muted); text-align: center; padding: 28px 12px; }
.live { display: inline-flex; align-items: center; gap: 6px; font-size: 12.5px; color: var(--muted); }
.live::before {
  content: ''; width: 8px; height: 8px; border-radius: 50%; background: #a0a9b8;
}
.live.on { color: var(--ok); }
.live.on::before { background: #22a35a; box-shadow: 0 0 0 3px rgba(34, 163, 90, 0.18); }
.deliveries { list-style: none; margin: 0; padding: 0; }
.delivery { border-bottom: 1px solid var(--line); }
.delivery:last-child { border-bottom: 0; }
.delivery.fresh { animation: fresh 1.6s ease-out; }
@keyframes fresh { from { background: #fff8db; } to { background: transparent; } }
.delivery summary {
  display: grid; align-items: center; gap: 12px; padding: 10px 18px; cursor: pointer;
  grid-template-columns: 44px 92px minmax(140px, 1.3fr) minmax(120px, 1fr) 92px 56px 64px 80px 72px;
  list-style: none;
}
.delivery summary::-webkit-details-marker { display: none; }
.delivery summary:hover { background: #f8fafc; }
.delivery .id { color: var(--muted); font-variant-numeric: tabular-nums; }
.delivery time { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
.delivery .event { font-family: var(--mono); font-size: 12.5px; font-weight: 600; }
.delivery .hook { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.delivery .latency, .delivery .tries { color: var(--muted); font-variant-numeric: tabular-nums; }
.delivery .uncounted { display: block; font-size: 11px; line-height: 1.2; color: var(--warn); }
.legend { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; padding: 10px 18px 14px; }
.legend dt { font-family: var(--mono); font-size: 12px; }
.legend dd { margin: 0; }
.detail { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; padding: 4px 18px 18px; }
@media (max-width: 1200px) { .detail { grid-template-columns: 1fr; } }
.detail h4 { margin: 10px 0 6px; font-size: 12px; text-transform: uppercase; color: var(--muted); }
.detail h4 code.target { text-transform: none; color: var(--ink); margin-left: 6px; font-weight: 500; }
.detail pre {
  margin: 0; padding: 10px 12px; background: #0f172a; color: #e2e8f0; border-radius: 8px;
  max-height: 320px; overflow: auto; white-space: pre-wrap; word-break: break-word;
}
.kv { width: 100%; font-family: var(--mono); font-size: 12px; }
.kv td { padding: 3px 8px; border: 0; }
.kv td:first-child { color: var(--muted); white-space: nowrap; width: 1%; }
.kv td:last-child { word-break: break-all; }
.attempts td, .attempts th { padding: 6px 8px; font-size: 12.5px; }
button, .button {
  font: inherit; font-weight: 600; border-radius: 7px; padding: 7px 14px; cursor: pointer;
  border: 1px solid var(--brand); background: var(--brand); color: var(--brand-ink);
}
button:hover { filter: brightness(1.08); }
button.secondary { background: #fff; color: var(--ink); border-color: #cfd6e2; }
button.small { padding: 3px 10px; font-size: 12.5px; }
button.danger { background: #fff; color: var(--bad); border-color: #f1b5ae; }
button:disabled { opacity: 0.55; cursor: default; }
form.stacked { display: grid; gap: 12px; }
label { display: grid; gap: 4px; font-weight: 600; font-size: 12.5px; color: #344054; }
input, select, textarea {
  font: inherit; font-weight: 400; padding: 7px 10px; border: 1px solid #cfd6e2;
  border-radius: 7px; background: #fff; color: var(--ink); width: 100%;
}
textarea { font-family: var(--mono); font-size: 12.5px; min-height: 96px; resize: vertical; }
input:focus, select:focus, textarea:focus {
  outline: 2px solid rgba(36, 84, 214, 0.25); border-color: var(--brand);
}
.row { display: flex; gap: 10px; align-items: end; }
.row > * { flex: 1; }
.creds { display: grid; gap: 8px; margin: 0; }
.creds dt { font-size: 12px; color: var(--muted); font-weight: 600; }
.creds dd { margin: 0 0 6px; font-family: var(--mono); font-size: 12.5px; word-break: break-all; }
.flash {
  position: fixed; right: 24px; bottom: 24px; max-width: 420px; padding: 12px 16px;
  border-radius: 8px; box-shadow: 0 8px 24px rgba(16, 24, 40, 0.18); opacity: 0;
  transform: translateY(8px); transition: opacity 0.2s, transform 0.2s; pointer-events: none;
}
.flash.show { opacity: 1; transform: none; }
.flash.ok { background: #0f5132; color: #fff; }
.flash.bad { background: #8c1d18; color: #fff; }
.docs-intro { margin-bottom: 20px; }
.docs-intro .body { display: grid; grid-template-columns: 1.2fr 1fr; gap: 24px; }
@media (max-width: 1000px) { .docs-intro .body { grid-template-columns: 1fr; } }
.docs-intro p { margin: 0 0 8px; }
.swagger-host { padding: 4px 0; }
.swagger-host .swagger-ui .information-container { display: none; }
.swagger-host .swagger-ui .scheme-container { box-shadow: none; border-bottom: 1px solid var(--line); }
`;
