// The proxy's own page (`GET /`): exchanges and deliveries as they pass, each with its verdict,
// and the rules the upstream broke. It polls GET /__admin/proxy (same origin, no credentials)
// and writes every value as text, never as HTML: the bodies come from the upstream.
export const PROXY_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>so-webhook-mock proxy</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2330; }
  h1 { font-size: 1.2rem; } h2 { font-size: 1rem; margin-top: 1.5rem; }
  table { border-collapse: collapse; width: 100%; }
  td, th { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e3e6ec; vertical-align: top; }
  .bad { color: #b3261e; } .ok { color: #1b7f3b; } code { font-size: 12px; }
</style>
</head>
<body>
<h1>so-webhook-mock proxy <small id="upstream"></small></h1>
<p id="summary">Waiting for the first exchange…</p>
<h2>Rules the upstream broke</h2>
<table><thead><tr><th>Rule</th><th>Operation</th><th>Times</th><th>Example</th><th>Source</th></tr></thead><tbody id="broken"></tbody></table>
<h2>Latest exchanges and deliveries</h2>
<table><thead><tr><th>#</th><th>Request</th><th>Status</th><th>Verdict</th></tr></thead><tbody id="entries"></tbody></table>
<script>
const cell = (row, text, cls) => { const td = row.insertCell(); td.textContent = text; if (cls) td.className = cls; };
let after = 0;
async function poll() {
  try {
    const res = await fetch('/__admin/proxy?after=' + after, { headers: { accept: 'application/json' } });
    const state = await res.json();
    document.getElementById('upstream').textContent = state.upstream ? '→ ' + state.upstream : '(replay)';
    document.getElementById('summary').textContent =
      state.summary.exchanges + ' exchange(s), ' + state.summary.deliveries + ' delivery(ies), ' +
      state.summary.violations + ' violation(s)';
    const broken = document.getElementById('broken');
    broken.replaceChildren();
    for (const b of state.broken) {
      const row = broken.insertRow();
      cell(row, b.rule, 'bad'); cell(row, b.operationId || '-'); cell(row, String(b.count));
      cell(row, b.message); cell(row, b.origin + ': ' + b.source);
    }
    const entries = document.getElementById('entries');
    for (const e of state.entries) {
      after = Math.max(after, e.seq);
      const row = entries.insertRow(0);
      cell(row, String(e.seq));
      cell(row, (e.kind === 'delivery' ? 'delivery ' + (e.event || '') + ' ' : e.method + ' ') + e.url);
      cell(row, String(e.status));
      const verdict = e.violations.length === 0 ? 'matches the contract' : e.violations.map((v) => v.message).join('; ');
      cell(row, verdict + (e.signature ? ' (signature ' + e.signature + ')' : ''), e.violations.length === 0 ? 'ok' : 'bad');
      while (entries.rows.length > 200) entries.deleteRow(-1);
    }
  } catch { /* the proxy is restarting; try again */ }
  setTimeout(poll, 1000);
}
poll();
</script>
</body>
</html>
`;
