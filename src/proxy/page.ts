// The proxy's live page (`GET /`), in the dashboard's look (its stylesheet, served here at
// /__ui/app.css): the rules the upstream broke, and every exchange and delivery as it passes
// with its verdict, the source of each rule and the exchange itself. Pushed over
// GET /__admin/proxy/events (server-sent events, same origin, no credentials); the browser
// resumes after a restart from the last entry it has. Every value is written as text, never as
// HTML: the bodies come from the upstream.
export const PROXY_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Proxy · so-webhook-mock</title>
<link rel="icon" href="/__ui/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/__ui/app.css">
</head>
<body>
<header class="topbar">
  <div class="brand"><span class="logo">SO</span><span>so-webhook-mock proxy <small id="upstream"></small></span></div>
  <nav>
    <a class="active" href="/">Live page</a>
    <a href="/__admin/proxy">Verdicts (JSON)</a>
    <a href="/__admin/proxy/report?format=console">Report</a>
  </nav>
</header>
<main>
<section class="card">
  <header><h2>Rules the upstream broke</h2><span class="hint" id="summary">Waiting for the first exchange…</span></header>
  <div class="body">
    <table><thead><tr><th>Rule</th><th>Operation</th><th class="num">Times</th><th>First example</th><th>Source</th></tr></thead>
    <tbody id="broken"><tr><td colspan="5" class="empty">None so far.</td></tr></tbody></table>
  </div>
</section>
<section class="card">
  <header>
    <h2>Exchanges and deliveries</h2>
    <span class="live" id="live">live</span>
    <label class="end"><input type="checkbox" id="only-bad"> only those that broke a rule</label>
  </header>
  <div class="body"><div class="deliveries" id="entries"><p class="empty" id="no-entries">Nothing has passed yet.</p></div></div>
</section>
</main>
<script>
const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
const SHOWN = 200;
function brokenRows(broken) {
  const body = $('broken');
  body.replaceChildren();
  if (broken.length === 0) { const row = body.insertRow(); const td = row.insertCell(); td.colSpan = 5; td.className = 'empty'; td.textContent = 'None so far.'; }
  for (const b of broken) {
    const row = body.insertRow();
    row.insertCell().append(el('code', b.rule));
    row.insertCell().textContent = b.operationId || '-';
    const times = row.insertCell(); times.className = 'num'; times.textContent = String(b.count);
    row.insertCell().textContent = b.message;
    const source = row.insertCell();
    source.append(el('span', b.origin, 'badge ' + (b.origin === 'vendor' ? 'tone-bad' : 'tone-warn')), ' ', b.source);
  }
}
function entryItem(e) {
  const item = el('details', undefined, 'delivery');
  item.dataset.bad = String(e.violations.length > 0);
  const summary = el('summary');
  const what = e.kind === 'delivery' ? 'delivery ' + (e.event || '') + ' → ' + e.url : e.method + ' ' + e.url;
  const verdict = e.violations.length === 0 ? 'matches the contract' : e.violations.length + ' rule(s) broken';
  summary.append(el('span', '#' + e.seq, 'id'), ' ', el('span', what, 'event'), ' ',
    el('span', String(e.status), 'badge ' + (e.status < 400 ? 'tone-ok' : 'tone-warn')), ' ',
    el('span', verdict + (e.signature ? ' · signature ' + e.signature : ''), 'badge ' + (e.violations.length === 0 ? 'tone-ok' : 'tone-bad')),
    ' ', el('time', e.at.slice(11, 23)));
  const detail = el('div', undefined, 'detail');
  for (const v of e.violations) {
    const p = el('p');
    p.append(el('code', v.rule), ' ', v.message, ' ', el('span', v.origin + ': ' + v.source, 'sub'));
    detail.append(p);
  }
  for (const u of e.unchecked) detail.append(el('p', 'Not checked: ' + u, 'sub'));
  if (e.requestProblems.length > 0) detail.append(el('p', 'The request breaks the contract: ' + e.requestProblems.join('; '), 'sub'));
  detail.append(el('h4', 'Exchange (redacted)'), el('pre', JSON.stringify(e.evidence, null, 2)));
  item.append(summary, detail);
  return item;
}
function filter() {
  const only = $('only-bad').checked;
  for (const item of $('entries').children) if (item.dataset.bad !== undefined) item.hidden = only && item.dataset.bad !== 'true';
}
$('only-bad').addEventListener('change', filter);
const events = new EventSource('/__admin/proxy/events');
events.addEventListener('open', () => $('live').classList.add('on'));
events.addEventListener('error', () => $('live').classList.remove('on'));
events.addEventListener('entry', (message) => {
  const list = $('entries');
  $('no-entries')?.remove();
  list.prepend(entryItem(JSON.parse(message.data)));
  while (list.children.length > SHOWN) list.lastElementChild.remove();
  filter();
});
events.addEventListener('summary', (message) => {
  const state = JSON.parse(message.data);
  $('upstream').textContent = state.upstream ? '→ ' + state.upstream : '(replay of a recording)';
  $('summary').textContent = state.summary.exchanges + ' exchange(s), ' + state.summary.deliveries +
    ' delivery(ies), ' + state.summary.violations + ' violation(s) since ' + state.startedAt;
  brokenRows(state.broken);
});
</script>
</body>
</html>
`;
