// Gmail (mail.google.com): where opened messages, their sender, subject and body are.
// All of Gmail's selectors live here. Stable attributes first (data-*, role, the `email`
// attribute Gmail puts on sender names), generated class names only as fallbacks.
'use strict';

(() => {
  const bd = (globalThis.bounceDoctor = globalThis.bounceDoctor || {});

  const MESSAGE = ['div[data-message-id]', 'div[data-legacy-message-id]', 'div.adn'];
  const MESSAGE_ANY = MESSAGE.join(',');
  const SENDER = ['[data-hovercard-id][email]', 'span[email][name]', 'span.gD[email]', 'span[email]'];
  const BODY = ['div.a3s', 'div.ii.gt'];
  const SUBJECT = ['h2[data-thread-perm-id]', 'h2[data-legacy-thread-id]', 'h2.hP', '[role="main"] h2'];

  // The outermost message container (Gmail nests data-* holders inside the message).
  const outer = (el) => {
    for (let p = el.parentElement?.closest(MESSAGE_ANY); p; p = p.parentElement?.closest(MESSAGE_ANY)) el = p;
    return el;
  };

  bd.adapter = {
    site: 'gmail',
    // Opened-message containers in or around `node` (an element the page just added).
    messagesIn(node) {
      const around = node.closest(MESSAGE_ANY);
      return around ? [outer(around)] : bd.within(node, MESSAGE_ANY).map(outer);
    },
    sender(msg) {
      const el = bd.first(msg, SENDER);
      if (!el) return '';
      const name = el.getAttribute('name') || el.textContent || '';
      return `${name.trim()} <${el.getAttribute('email') || ''}>`;
    },
    subject(msg) {
      // Searched in the conversation view around the message, not the whole page.
      const view = msg.closest('[role="main"]') || msg.ownerDocument;
      return bd.first(view, SUBJECT)?.textContent?.trim() || '';
    },
    // The body element of an expanded message (collapsed ones have none yet).
    body(msg) {
      return bd.first(msg, BODY);
    },
    key(msg) {
      return msg.getAttribute('data-legacy-message-id') || msg.getAttribute('data-message-id') || null;
    },
  };
})();
