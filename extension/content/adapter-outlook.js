// Outlook on the web (outlook.office.com, outlook.office365.com, outlook.live.com and
// outlook.cloud.microsoft, the new address of Microsoft 365 accounts): where
// opened messages, their sender, subject and body are. All of Outlook's selectors live here.
// Outlook's class names are generated, so this goes by roles, ids and aria: the reading pane,
// each message body (role=document), and the message item around it.
'use strict';

(() => {
  const bd = (globalThis.bounceDoctor = globalThis.bounceDoctor || {});

  const PANE = ['#ReadingPaneContainerId', '[data-app-section="MailReadCompose"]', '[role="main"]'];
  const BODY = ['div[role="document"]', 'div[aria-label="Message body"]', 'div[id^="UniqueMessageBody"]', 'div.allowTextSelection'];
  const BODY_ANY = BODY.join(',');
  // The item holding one message of the conversation (header + body).
  const ITEM = ['[role="listitem"]', '[data-item-id]', '[aria-label][tabindex="-1"][data-convid]'];
  const SUBJECT = ['[role="heading"][aria-level="2"]', '#ReadingPaneContainerId [role="heading"]', '[role="main"] [role="heading"]'];
  const FROM = ['[data-testid="SenderPersona"] [title*="@"]', '[aria-label^="From"] [title*="@"]', '[title*="@"]'];

  const inPane = (el) => bd.closest(el, PANE) !== null;

  // The message item around a body: the closest item element, else the nearest ancestor
  // (up to a few levels) that also holds a sender address.
  function itemOf(body) {
    const item = bd.closest(body, ITEM);
    if (item) return item;
    let el = body.parentElement;
    for (let i = 0; el && i < 6; i++, el = el.parentElement) {
      if (el.querySelector('[title*="@"]')) return el;
    }
    return body.parentElement;
  }

  bd.adapter = {
    site: 'outlook',
    messagesIn(node) {
      const inside = node.closest(BODY_ANY);
      const bodies = inside ? [inside] : bd.within(node, BODY_ANY);
      if (!bodies.length) {
        // The header of an item may arrive before or after its body.
        const item = bd.closest(node, ITEM);
        const b = item && item.querySelector(BODY_ANY);
        if (b) bodies.push(b);
      }
      return bodies.filter(inPane).map(itemOf);
    },
    sender(msg) {
      const body = bd.first(msg, BODY);
      for (const sel of FROM) {
        for (const el of msg.querySelectorAll(sel)) {
          if (body && body.contains(el)) continue; // an address quoted in the body is no sender
          return `${(el.textContent || '').trim()} <${el.getAttribute('title')}>`;
        }
      }
      return '';
    },
    subject(msg) {
      const doc = msg.ownerDocument;
      const pane = bd.first(doc, PANE) || doc;
      return bd.first(pane, SUBJECT)?.textContent?.trim() || '';
    },
    body(msg) {
      return bd.first(msg, BODY);
    },
    key(msg) {
      return msg.getAttribute('data-item-id') || msg.getAttribute('data-convid') || null;
    },
  };
})();
