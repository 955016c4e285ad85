// Is this opened message a bounce? A cheap first look at the sender and subject, then the
// body must carry an SMTP code or DSN wording. The diagnosis itself is the core's job; this
// only decides whether to ask it. Patterns cover the wording of common mail systems in
// English, German, French, Spanish, Italian, Portuguese, Dutch, Russian, Japanese, Chinese.
'use strict';

(() => {
  const bd = (globalThis.bounceDoctor = globalThis.bounceDoctor || {});

  // Sender addresses of bounce messages, and display names that are the whole name.
  const SENDER = new RegExp(
    [
      String.raw`\b(?:mailer[-_]?daemon|mail[-_]?daemon|postmaster|mdaemon|mail[-_]?delivery[-_a-z]*)@`,
      String.raw`\bmicrosoftexchange[0-9a-f]{32}@`, // Exchange / Microsoft 365 NDR sender
      // a mailing list's own addresses (GNU Mailman, fml, Majordomo): its refusal of a post
      String.raw`[-_](?:owner|admin|bounces|request|ctl)@`, String.raw`\bowner-[^@\s]+@`,
      String.raw`^\s*"?(?:mail delivery (?:subsystem|system|service)|microsoft outlook|microsoft exchange(?: server)?|mail administrator|mailer-daemon|postmaster|system administrator|mail delivery)"?\s*(?:<|$)`,
    ].join('|'),
    'i'
  );

  // Subjects of bounces (Gmail, Exchange/Outlook, Postfix, Exim, Sendmail, qmail, Yahoo ...).
  const SUBJECT = new RegExp(
    [
      // English
      String.raw`delivery status notification`, String.raw`^\s*undeliverable\b`, String.raw`undelivered mail`,
      String.raw`mail delivery failed`, String.raw`returned mail`, String.raw`delivery failure`,
      String.raw`failure notice`, String.raw`delivery (?:has )?(?:failed|delayed)`, String.raw`could not be delivered`,
      String.raw`not delivered`, String.raw`delivery notification`, String.raw`warning: could not send`,
      String.raw`delayed mail`, String.raw`mail system error`, String.raw`nondeliverable`, String.raw`delivery problem`,
      // German
      String.raw`^\s*unzustellbar`, String.raw`nicht zustellbar`, String.raw`zustellung (?:fehlgeschlagen|verzögert)`,
      String.raw`übermittlungsstatus`, String.raw`unzustellbare`,
      // French
      String.raw`^\s*non remis`, String.raw`non distribuable`, String.raw`échec de (?:la )?remise`,
      String.raw`remise différée`, String.raw`notification d.état de (?:la )?remise`, String.raw`message non délivré`,
      // Spanish
      String.raw`no se puede entregar`, String.raw`no entregad[oa]`, String.raw`notificación de estado de (?:la )?entrega`,
      String.raw`error de entrega`,
      // Italian
      String.raw`non recapitabile`, String.raw`impossibile recapitare`, String.raw`notifica (?:sullo )?stato (?:di|della) consegna`,
      String.raw`mancato recapito`,
      // Portuguese
      String.raw`não (?:é possível )?entreg`, String.raw`falha na entrega`, String.raw`notificação de status de entrega`,
      // Dutch
      String.raw`^\s*onbestelbaar`, String.raw`niet bezorgd`,
      // Russian
      String.raw`недоставл`, String.raw`не доставлено`, String.raw`невозможно доставить`,
      // Japanese, Chinese
      String.raw`配信不能`, String.raw`配信できません`, String.raw`配信失敗`, String.raw`未配信`,
      String.raw`无法传递`, String.raw`无法投递`, String.raw`退信`, String.raw`未送達`, String.raw`無法傳遞`,
    ].join('|'),
    'i'
  );

  // Subjects of forwarded messages ("Fwd:", "FW:", German "WG:", French "TR:", Spanish "RV:",
  // Portuguese "ENC:", Italian "I:", Dutch "Doorst:", Nordic "VB:"/"VS:"): a person may forward
  // a bounce to a help desk, so such a message's body is looked at too.
  const FORWARD = /^\s*(?:fwd?|wg|tr|rv|enc|i|doorst|vb|vs)\s*:/i;
  // ... and it carries one when the bounce's own header lines are in it: a "From:" line naming
  // a mail system (the same senders as above; "<>" is the null sender bounces come from).
  const FORWARDED_FROM = /^[>\s]*(?:from|von|de|da|от|差出人|发件人|寄件者)\s*:.*(?:mailer[-_]?daemon|postmaster|mail delivery|delivery subsystem|microsoftexchange|mail administrator|<>)/im;

  // An SMTP reply with an enhanced status code, a bare enhanced code, or DSN fields / wording.
  const BODY = new RegExp(
    [
      String.raw`\b[245]\d\d[ -]#?[245]\.\d{1,3}\.\d{1,3}\b`,
      String.raw`(?:\bstatus:\s*|#)[45]\.\d{1,3}\.\d{1,3}\b`,
      String.raw`\b(?:diagnostic-code|final-recipient|remote-mta|reporting-mta)\s*:`,
      String.raw`\b(?:remote server returned|response from the remote server|the response was|smtp error|permanent error|temporary error|address not found|delivery has failed|delivery incomplete)\b`,
      String.raw`\b(?:could ?n[o']t be delivered|was ?n[o']t delivered|wasn't delivered|message not delivered|user unknown|mailbox (?:is )?full|over quota)\b`,
      String.raw`\b(?:konnte nicht zugestellt|nicht zugestellt werden|nicht erreicht|remoteserver hat)`,
      String.raw`(?:n'a pas (?:pu être|été) (?:remis|distribué)|impossible de remettre|adresse introuvable|serveur distant)`,
      String.raw`(?:no se (?:pudo|ha podido) entregar|servidor remoto)`,
      String.raw`(?:non è stato (?:possibile )?recapitat|server remoto)`,
      String.raw`(?:não (?:pôde|foi possível) (?:ser )?entreg)`,
      String.raw`(?:kon niet worden bezorgd|niet worden afgeleverd)`,
      String.raw`(?:не (?:может быть|удалось) достав|не доставлено)`,
      String.raw`(?:配信できません|送信できませんでした|无法送达|无法投递|無法傳遞)`,
      // a mailing list refusing a post (the core's knowledge/phrases.rs, LIST_REFUSALS)
      String.raw`(?:you are not allowed to post to this mailing list|not a member of this mailing list|duplicated message-id)`,
      // Outlook's NDR framing in the reader's language ("Delivery has failed to these recipients")
      String.raw`(?:zustellung an folgende empfänger|la remise à ces destinataires|error en la entrega a estos|recapito non riuscito a questi|falha na entrega para estes|bezorging is mislukt|не удалось доставить|配信に失敗しました|传递到这些收件人)`,
    ].join('|'),
    'im'
  );

  const BODY_SCAN_LIMIT = 200_000; // characters; a bounce says what failed near the top

  // A message may be a bounce when sender() or subject() says so, or carry one when
  // forwarded() does (cheap, no body read); it is one when body() agrees and the core finds one.
  bd.detect = {
    sender: (s) => SENDER.test(s || ''),
    subject: (s) => SUBJECT.test(s || ''),
    forwarded: (s) => FORWARD.test(s || ''),
    forwardedBounce: (text) => FORWARDED_FROM.test((text || '').slice(0, BODY_SCAN_LIMIT)),
    body: (text) => BODY.test((text || '').slice(0, BODY_SCAN_LIMIT)),
  };
})();
