// The dashboard's "Check a receiver" card: sends a receiver URL the deliveries SuperOffice sends
// (POST /__admin/check-receiver, the check-receiver command's cases) and lists the verdicts,
// each with its source. The browser side is check-receiver-script.ts.

const STYLE = `
ul.verdicts { list-style: none; padding: 0; margin: 10px 0 0; display: grid; gap: 10px;
  max-height: 520px; overflow: auto; }
ul.verdicts code { font-weight: 600; }
label.inline { display: flex; gap: 6px; align-items: center; font-weight: 500; }
`;

export function CheckReceiverPanel() {
  return (
    <section class="card">
      <style>{STYLE}</style>
      <header>
        <h2>Check a receiver</h2>
        <span class="hint">the deliveries SuperOffice sends, judged one by one</span>
      </header>
      <div class="body">
        <form id="check-receiver-form" class="stacked">
          <label>
            Receiver URL
            <input name="url" type="url" required placeholder="http://127.0.0.1:4000/webhook" />
          </label>
          <label>
            Secret (the webhook's; signs the deliveries, enables the signature cases)
            <input name="secret" type="text" autocomplete="off" spellcheck={false} />
          </label>
          <label>
            Events (comma-separated; empty for one of each documented shape)
            <input name="events" placeholder="contact.created,person.changed" />
          </label>
          <label class="inline">
            <input name="strict" type="checkbox" /> Strict: accepting a forged delivery fails
          </label>
          <button type="submit">Check receiver</button>
          <p class="sub">
            Sends about 25 POSTs, one at a time, each waiting up to 10 s. The same check runs from a
            terminal as <code>so-webhook-mock check-receiver --url …</code>.
          </p>
        </form>
        <div id="check-receiver-result" aria-live="polite"></div>
      </div>
    </section>
  );
}
