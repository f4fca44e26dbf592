// The "Check a receiver" card's browser script, served as /__ui/check-receiver.js: posts the
// form as JSON (the control plane refuses form encodings) and lists the report's verdicts. What
// the receiver answered is shown as text only, never as HTML.
export const CHECK_RECEIVER_JS = String.raw`(function () {
  'use strict';
  var form = document.getElementById('check-receiver-form');
  var result = document.getElementById('check-receiver-result');
  if (!form || !result) return;
  var MARKS = { passed: '✓', failed: '✗', error: '!', skipped: '-' };
  var TONES = { passed: 'tone-ok', failed: 'tone-bad', error: 'tone-bad', skipped: 'tone-idle' };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function verdictItem(v) {
    var item = el('li', 'verdict');
    var tone = v.severity === 'warning' ? 'tone-warn' : TONES[v.status];
    var mark = v.severity === 'warning' ? '⚠' : v.severity === 'info' ? 'i' : MARKS[v.status];
    item.append(el('span', 'badge ' + tone, mark + ' ' + v.status), ' ', el('code', '', v.id));
    item.append(el('div', '', v.title));
    if (v.reason) item.append(el('div', 'last-error', v.reason));
    (v.notes || []).forEach(function (n) { item.append(el('div', 'sub', n)); });
    item.append(el('div', 'sub url', 'source: ' + v.source));
    return item;
  }

  function show(report) {
    var s = report.summary;
    result.replaceChildren(
      el('p', '', s.passed + ' passed, ' + s.failed + ' failed, ' + s.error + ' errors, ' +
        s.skipped + ' skipped — ' + report.target),
    );
    var list = el('ul', 'verdicts');
    report.verdicts.forEach(function (v) { list.append(verdictItem(v)); });
    result.append(list);
  }

  form.addEventListener('submit', async function (e) {
    e.preventDefault();
    var button = form.querySelector('button');
    button.disabled = true;
    result.replaceChildren(el('p', 'sub', 'Checking ' + form.elements.url.value + '…'));
    try {
      var response = await fetch('/__admin/check-receiver', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          url: form.elements.url.value,
          secret: form.elements.secret.value,
          events: form.elements.events.value,
          strict: form.elements.strict.checked,
        }),
      });
      var body = await response.json().catch(function () { return {}; });
      if (!response.ok) throw new Error(body.Message || response.status + ' ' + response.statusText);
      show(body);
    } catch (error) {
      result.replaceChildren(el('p', 'last-error', String(error.message || error)));
    } finally {
      button.disabled = false;
    }
  });
})();
`;
