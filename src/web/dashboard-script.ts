// The dashboard's browser script, served as /__ui/dashboard.js: plain ES2017, no framework.
// The server renders every fragment (src/web/*.tsx) and the feed sends it as HTML, so this
// script only places fragments, and posts the forms and the replay button.
export const DASHBOARD_JS = String.raw`(function () {
  'use strict';
  var webhookRows = document.getElementById('webhook-rows');
  var deliveryList = document.getElementById('delivery-list');
  var inboxList = document.getElementById('inbox-list');
  var requestList = document.getElementById('request-list');
  var picker = document.getElementById('tenant-picker');
  var tenant = picker ? picker.dataset.tenant : '';
  var tenantQuery = tenant ? '?tenant=' + encodeURIComponent(tenant) : '';
  var live = document.getElementById('live-status');
  var flashBox = document.getElementById('flash');
  var MAX_ENTRIES = 200;
  var flashTimer;

  function flash(text, ok) {
    flashBox.textContent = text;
    flashBox.className = 'flash show ' + (ok ? 'ok' : 'bad');
    clearTimeout(flashTimer);
    flashTimer = setTimeout(function () { flashBox.className = 'flash'; }, 3500);
  }

  function localize(root) {
    root.querySelectorAll('time[datetime]').forEach(function (el) {
      var at = new Date(el.getAttribute('datetime'));
      if (!isNaN(at.getTime())) el.textContent = at.toLocaleTimeString();
    });
  }

  function openIds(container) {
    var ids = {};
    container.querySelectorAll('details[open]').forEach(function (d) {
      var owner = d.closest('[id]');
      if (owner) ids[owner.id] = true;
    });
    return ids;
  }

  function reopen(container, ids) {
    Object.keys(ids).forEach(function (id) {
      var el = document.getElementById(id);
      var details = el && el.querySelector('details');
      if (details) details.open = true;
    });
  }

  function dropEmpty(container) {
    var empty = container.querySelector('.empty-row');
    if (empty) empty.remove();
  }

  function replaceAll(container, html) {
    var ids = openIds(container);
    container.innerHTML = html;
    reopen(container, ids);
    localize(container);
  }

  function upsert(container, html, newestFirst) {
    var template = document.createElement('template');
    template.innerHTML = html.trim();
    var el = template.content.firstElementChild;
    if (!el) return;
    localize(el);
    var old = document.getElementById(el.id);
    if (old) {
      var wasOpen = old.querySelector('details[open]');
      if (wasOpen && el.querySelector('details')) el.querySelector('details').open = true;
      old.replaceWith(el);
      return;
    }
    dropEmpty(container);
    if (newestFirst) {
      container.prepend(el);
      el.classList.add('fresh');
    } else {
      container.append(el);
    }
    while (container.children.length > MAX_ENTRIES) container.lastElementChild.remove();
  }

  function setLive(on) {
    live.className = on ? 'live on' : 'live';
    live.textContent = on ? 'live' : 'reconnecting…';
  }

  function connect() {
    var source = new EventSource('/__admin/events' + tenantQuery);
    source.onopen = function () { setLive(true); };
    source.onerror = function () {
      setLive(false);
      // EventSource retries by itself unless the server refused; then start over later.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
    };
    source.addEventListener('webhooks', function (e) { replaceAll(webhookRows, e.data); });
    source.addEventListener('deliveries', function (e) { replaceAll(deliveryList, e.data); });
    source.addEventListener('webhook', function (e) { upsert(webhookRows, e.data, false); });
    source.addEventListener('delivery', function (e) { upsert(deliveryList, e.data, true); });
    source.addEventListener('inbox-records', function (e) { replaceAll(inboxList, e.data); });
    source.addEventListener('inbox', function (e) { upsert(inboxList, e.data, true); });
    if (requestList) {
      source.addEventListener('requests', function (e) { replaceAll(requestList, e.data); });
      source.addEventListener('request', function (e) { upsert(requestList, e.data, true); });
    }
    source.addEventListener('webhook-removed', function (e) {
      var row = document.getElementById('webhook-' + e.data);
      if (row) row.remove();
    });
    source.addEventListener('signal', function (e) {
      var s = JSON.parse(e.data);
      var n = s.Matched.length;
      flash('Signalled ' + s.Event + ' #' + s.PrimaryKey + ': ' + n + ' webhook' +
        (n === 1 ? '' : 's') + ' listening.', true);
    });
    source.addEventListener('reset', function () { location.reload(); });
  }

  async function problem(response) {
    var text = await response.text();
    try { return JSON.parse(text).Message || text; } catch (e) { return text || response.statusText; }
  }

  async function post(url, body, headers) {
    var init = { method: 'POST', headers: Object.assign({ accept: 'application/json' }, headers) };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers['content-type'] = 'application/json';
    }
    var response = await fetch(url, init);
    if (!response.ok) throw new Error(response.status + ': ' + (await problem(response)));
    return response.status === 204 ? null : response.json();
  }

  function signalBody(form) {
    var text = form.elements.data.value.trim();
    var data = null;
    if (text !== '') {
      data = JSON.parse(text);
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new Error('Data must be a JSON object');
      }
    }
    return {
      EventName: form.elements.event.value.trim(),
      PrimaryKey: Number(form.elements.primaryKey.value || 0),
      Data: data,
    };
  }

  document.getElementById('signal-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var form = e.currentTarget;
    var auth = form.dataset.authorization;
    try {
      await post(form.dataset.api + '/Agents/Webhook/SignalEvent', signalBody(form),
        auth ? { authorization: auth } : {});
    } catch (error) {
      flash('Signal failed: ' + error.message, false);
    }
  });

  document.getElementById('reset-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var fixture = e.currentTarget.elements.fixture.value;
    // A reset drops every webhook, delivery and signal: ask first.
    var who = tenant || 'the default tenant';
    if (!confirm('Replace ' + who + "'s webhooks, users and logs with the fixture \"" + fixture + '"?')) return;
    try {
      await post('/__admin/reset?fixture=' + encodeURIComponent(fixture) +
        (tenant ? '&tenant=' + encodeURIComponent(tenant) : ''));
      location.reload();
    } catch (error) {
      flash('Reset failed: ' + error.message, false);
    }
  });

  deliveryList.addEventListener('click', async function (e) {
    var button = e.target.closest('[data-replay]');
    if (!button) return;
    e.preventDefault();
    button.disabled = true;
    try {
      var copy = await post('/__admin/deliveries/' + button.dataset.replay + '/replay' + tenantQuery);
      flash('Replaying #' + button.dataset.replay + ' as #' + copy.DeliveryId + '.', true);
    } catch (error) {
      flash('Replay failed: ' + error.message, false);
    } finally {
      button.disabled = false;
    }
  });

  if (picker) {
    picker.elements.tenant.addEventListener('change', function () { picker.submit(); });
  }

  localize(document);
  connect();
})();
`;
