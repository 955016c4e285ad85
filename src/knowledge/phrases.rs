//! Phrases in bounce texts that tell the reason, per sisimai reason name, in the languages
//! bounces come in. Patterns are lower case; `*` stands for up to 48 characters of anything
//! on the same line (so "recipient * not found" matches "recipient address not found").
//!
//! Sources: the fixed error texts of MTAs (Postfix's smtpd/local/virtual, Exim, Sendmail,
//! qmail, Courier, Exchange/Microsoft 365 NDRs, Lotus Domino), the published error pages of
//! the large providers (Gmail, Outlook.com, Yahoo, Apple, Orange, GMX, Mail.ru, Yandex,
//! QQ/Tencent, NetEase), RFC 3463 code titles, and the phrase families of public bounce
//! samples. No entry names one message's unique wording: each is a phrase an MTA or a
//! provider uses for every bounce of that kind.

/// A phrase that points to a reason.
#[derive(Debug, Clone, Copy)]
pub struct Phrase {
    pub reason: &'static str,
    pub pattern: &'static str,
}

macro_rules! phrases {
    ($($reason:literal => [$($p:literal),* $(,)?]),* $(,)?) => {
        &[$($(Phrase { reason: $reason, pattern: $p },)*)*]
    };
}

/// Reasons in the order they are tried: when phrases of several reasons match, the one
/// listed first wins. More specific reasons come before the general ones they overlap with
/// (a full mailbox before an unknown user, a blocklist before a plain rejection). A rate or
/// connection limit comes before a blocked host, as in sisimai's order: "mail sent from your
/// IP address has been temporarily rate limited" is a rate, not a block.
pub const PRIORITY: &[&str] = &[
    "mailboxfull", "exceedlimit", "mesgtoobig", "virusdetected", "suspend", "hasmoved",
    "norelaying", "notcompliantrfc", "authfailure", "requireptr", "notaccept", "hostunknown", "userunknown",
    "filtered", "badreputation", "spamdetected", "contenterror", "rejected", "policyviolation",
    "toomanyconn", "speeding", "blocked", "failedstarttls", "securityerror",
    "systemfull", "mailererror", "networkerror", "expired", "syntaxerror", "systemerror",
    "suppressed",
];

pub static PHRASES: &[Phrase] = phrases! {
    // ---- the recipient's mailbox is full
    "mailboxfull" => [
        // as in sisimai's reason lists (MailboxFull): French, docomo's 'too much mail data', and quota
        // wordings of other MTAs
        "exceeding receiving limits", "destinataire pleine", "exceed maximum allowed storage",
        "not sufficient disk space", "too much mail data", "exceeded quota",
        "too many messages on the server", "space has been used up", "account is * quota",
        "mailbox * full", "mailbox * quota", "maildir * quota",
        "messages in recipient's mailbox exceeded",
        "mailbox full", "mailbox quota", "quota exceeded", "over quota",
        "overquota", "over its quota", "exceeded storage allocation", "mailbox size limit exceeded",
        "exceeded his/her quota", "exceeds quota",
        "quota full", "mailbox has exceeded", "inbox full",
        "is full", "user's disk quota", "not enough space",
        "insufficient disk space on the mailbox", "mailbox storage", "storage quota", "quota violation",
        "mail quota", "exceeded the quota", "size limit for user", "mailbox exceeds", "out of storage",
        "has exceeded the maximum mailbox size", "full mailbox", "mailbox is over", "mailbox too full",
        "too many messages in mailbox", "volume full",
        // Exchange's store driver names a full mailbox by its exception only ("554 5.2.0
        // STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded")
        "quotaexceededexception", "mapiexceptionquotaexceeded", "mapiexceptionshutoffquotaexceeded",
        // German / French / Spanish / Italian / Portuguese
        "postfach voll", "postfach ist voll", "speicherplatz", "quota überschritten", "mailbox voll",
        // (GMX and WEB.DE: "Benutzer hat zuviele Mails auf dem Server")
        "zuviele mails auf dem server", "zu viele mails auf dem server",
        "boîte aux lettres pleine", "boite aux lettres pleine", "boîte pleine", "quota dépassé", "quota * dépassé",
        "quota depasse", "espace disque insuffisant",
        "buzón lleno", "buzon lleno", "buzón está lleno", "cuota excedida", "cuota superada",
        "casella piena", "casella di posta piena", "quota superata", "superato la quota", "spazio esaurito",
        "лимит почтового ящика",
        "caixa postal cheia", "caixa de correio cheia", "caixa cheia", "cota excedida", "quota excedida",
        // (with words between: "el buzón del destinatario está lleno", "la casella del destinatario è piena")
        "buzón * lleno", "casella * piena", "caixa * cheia", "boîte * pleine",
        // (Outlook's "the recipient's mailbox is full": "Das Postfach des Empfängers ist voll",
        // "La cassetta postale del destinatario è piena", "Het postvak van de ontvanger is vol")
        "postfach * voll", "cassetta postale * piena", "postvak * vol",
        // Russian / Japanese / Chinese
        "переполнен", "превышен размер ящика", "превышена квота", "нет места",
        "容量オーバー", "容量超過", "メールボックスがいっぱい", "容量が不足", "容量がいっぱい",
        "邮箱已满", "空间不足", "信箱已满", "郵箱已滿", "容量已满", "邮箱容量",
        // Dutch
        "mailbox is vol",
    ],
    // ---- the message is bigger than the receiving system accepts
    "mesgtoobig" => [
        // as in sisimai's reason lists (MesgTooBig)
        "maximum inbound message size", "maximum incoming message size", "max message size",
        "size limit", "taille limite du message",
        "line limit exceeded",
        "message too large", "message too big", "message is too large", "message is too big",
        "message size exceeds", "size exceeds the maximum",
        "maximum message size",
        "too big for system", "email is too large", "message exceeds", "message length exceeds",
        "message file too big", "message size is too big",
        "size of the message", "taille du message", "nachricht ist zu groß",
        "nachricht zu groß", "mensaje demasiado grande", "messaggio troppo grande", "trop volumineux",
        // (with words between: "die Nachricht an ... ist zu groß")
        "nachricht * zu groß", "mensaje * demasiado grande", "messaggio * troppo grande", "mensagem * muito grande",
        "mensagem muito grande", "слишком большое", "слишком большой размер", "サイズが大き",
        "邮件过大", "邮件大小超过", "サイズが制限",
        // Mimecast's "554 Maximum email size exceeded"
        "maximum email size",
    ],
    // ---- the message is bigger than this recipient's own limit (RFC 3463 X.2.3)
    "exceedlimit" => [
        "limit set by recipient", "recipsizelimit", "too large for this recipient",
        "message length exceeds administrative limit", "exceeds administrative limit",
        "message too large for this recipient",
    ],
    // ---- a virus or malware was found
    "virusdetected" => [
        "virus", "malware", "infected", "trojan", "worm detected", "malicious content",
        "ウイルス", "病毒",
    ],
    // ---- the mailbox exists but is disabled
    "suspend" => [
        // as in sisimai's reason lists (Suspend): archived, terminated and suspended mailboxes
        "currently suspended", "has been suspended", "archived recipient", "destinataire archivee",
        "user is terminated", "unavailable or access denied", "temporarily inactive",
        "suspend the service", "no longer accepts mail",
        // (not "temporarily suspended" alone: Postfix says "delivery temporarily suspended")
        "account has been temporarily suspended", "user or domain is disabled",
        "tried to reach is disabled", "tried to reach is inactive", "account is inactive",
        // (a mailbox closed for lack of use: "This mailbox has been blocked due to inactivity")
        "due to inactivity",
        "temporary locked", "temporarily locked", "disabled recipient",
        "account disabled", "account has been disabled", "account is disabled", "mailbox disabled",
        "mailbox is disabled", "mailbox has been disabled", "mailbox is inactive", "mailbox inactive",
        "account inactive", "inactive account", "inactive user",
        "account suspended", "account is suspended", "suspended account",
        "mailbox suspended", "user suspended", "recipient suspended", "account is locked",
        "account locked", "account has been locked", "deactivated", "account expired",
        "account has expired", "mailbox unavailable or has been disabled", "temporarily disabled",
        "is not active", "no longer active", "has been frozen", "account frozen", "disabled mailbox",
        "mailbox is frozen", "discontinued", "konto gesperrt", "konto deaktiviert", "compte désactivé",
        "compte suspendu", "cuenta suspendida", "cuenta desactivada", "account sospeso",
        "conta desativada", "conta suspensa", "заблокирован", "отключен", "停止", "已冻结", "已停用",
        "cuenta deshabilitada", "account disabilitato", "casella disabilitata", "postfach deaktiviert",
        "已被冻结",
        // (with words between: "das Konto des Empfängers ist deaktiviert")
        "konto * deaktiviert", "konto * gesperrt", "compte * désactivé", "compte * suspendu", "cuenta * desactivada",
        "cuenta * suspendida", "account * disattivato", "account * sospeso", "conta * desativada", "conta * suspensa",
    ],
    // ---- the address has moved away
    "hasmoved" => [
        // as in sisimai's reason lists (HasMoved): 'a@x has been replaced by b@y', with the new address
        "has been replaced by *@",
        "has moved", "has been moved", "address moved", "mailbox moved", "no longer with",
        "is no longer at", "new address", "changed their email address", "address has changed",
    ],
    // ---- relaying refused
    "norelaying" => [
        // as in sisimai's reason lists (NoRelaying): qmail's 'isn't in my list of allowed rcpthosts'
        // (relaying refused, not an unknown domain), MailEnable, and other MTAs' relay refusals
        "allowed rcpthosts", "as a relay", "insecure mail relay",
        "send to a non-local e-mail address", "not an open relay", "not local host",
        "specified domain is not allowed", "we don't handle mail for",
        "not configured to relay", "configured to relay mail",
        "relay access denied", "relaying denied", "relay denied", "relay not permitted",
        "relaying not permitted", "relaying not allowed", "relay not allowed", "unable to relay",
        "we do not relay", "not permitted to relay", "no relaying", "relaying disallowed",
        "relay prohibited", "relaying prohibited", "is not permitted to relay", "not allowed to relay",
        "relay access is denied", "does not relay", "relay rejected", "cannot relay",
        "can't relay", "not a gateway", "relaying mail to * is not allowed",
        // the same in the other languages ("Relaying nicht erlaubt", "relais non autorisé")
        "relaying * nicht erlaubt", "relay * nicht erlaubt", "relais non autorisé", "relais * refusé",
        "relay no permitido", "no se permite el reenvío", "inoltro non consentito", "relay non consentito",
        "relay não permitido", "пересылка запрещена",
    ],
    // ---- SPF / DKIM / DMARC failed
    "authfailure" => [
        // as in sisimai's reason lists (AuthFailure): pobox's SPF pages, Microsoft's 5322.From
        // authentication requirements
        "spf.pobox.com", "spf settings", "required authentication level",
        "authentication requirements",
        "is unauthenticated",
        // bare "SPF"/"DKIM" also appear in advice ("set up SPF records"): only with a result
        "spf fail", "spf check", "spf validation", "spf softfail", "spf=fail", "spf=softfail",
        "failed spf", "spf authentication", "spf record", "bad spf", "fails spf", "spf policy", "spf (sender",
        "dkim fail", "dkim check", "dkim=fail", "dkim signature", "dkim signatures", "dkim validation", "failed dkim",
        "fails dkim", "dkim authentication", "dkim-signature",
        "dmarc", "sender policy framework", "domainkeys", "unauthenticated email",
        "not authenticated", "authentication checks", "sender authentication", "does not pass",
        "failed to pass", "arc validation", "domain authentication",
        // SPF/DKIM checks that failed, in the other languages ("Die SPF-Prüfung ist fehlgeschlagen")
        "spf-prüfung", "dkim-prüfung", "vérification spf", "vérification dkim", "échec spf",
        "verificación spf", "verifica spf", "verificação spf", "проверка spf",
    ],
    // ---- missing or wrong reverse DNS of the sending IP
    "requireptr" => [
        // as in sisimai's reason lists (RequirePTR): Google's and others' PTR requirements
        "missing ptr", "forward dns entry", "ptr-records",
        "bad dns ptr", "ptr resource record",
        "mismatches client ip",
        "reverse dns", "reverse lookup", "reverse hostname", "reverse host name", "ptr record",
        "no ptr", "rdns", "reverse-dns", "cannot find your hostname", "cannot resolve your address",
        "ip name lookup failed", "no reverse", "reverse mapping", "hostname does not match",
        "does not resolve to your ip", "unresolvable", "resolve your ip", "ptr lookup",
        "client host name", "lookup of your ip",
        // the sending IP's name does not verify (forward-confirmed reverse DNS), in both spellings seen
        "unverifiable sending", "unverifyable sending",
    ],
    // ---- the recipient's domain does not exist / has no mail host
    "hostunknown" => [
        // as in sisimai's reason lists (HostUnknown)
        "domain must exist", "domain mentioned in email address is unknown",
        "dns server returned answer with no data",
        "routing.nonexistentdomain",
        // DragonFly Mail Agent, when DNS says the domain does not exist
        "dns lookup failure: host * not found",
        "unrouteable address", "unroutable address", "domain is not reachable",
        "host unknown", "unknown host", "host not found", "domain not found", "domain does not exist",
        "no such domain", "unrouteable mail domain", "unroutable mail domain", "name or service not known",
        "nxdomain", "domain name not found", "unknown domain",
        "domain * does not exist", "domain is not valid", "invalid domain",
        "unable to resolve", "couldn't find any host named", "dns type 'mx' lookup", "bad destination system",
        "domain couldn't be found", "no valid mx", "hostname unknown",
        "unknown mail domain", "domain unknown", "domain isn't in my list", "illegal host/domain",
        "no route to host",
        // Gmail's "Address not found" for a domain that does not resolve: "... because the domain
        // example.com couldn't be found" (and so in its other languages, below)
        "domain * couldn't be found", "domain * could not be found", "domain * was not found",
        // the same in the other languages bounces come in (webmail and MTA wordings: "Die Domain
        // example.de wurde nicht gefunden", "le domaine est introuvable")
        "domain * nicht gefunden", "domäne * nicht gefunden", "domain existiert nicht", "unbekannte domain",
        "domaine introuvable", "domaine * introuvable", "domaine inexistant", "domaine * n'existe pas",
        "dominio no encontrado", "dominio * no existe", "dominio inexistente", "dominio desconocido",
        "no se ha encontrado el dominio", "dominio non trovato", "dominio * non esiste", "dominio sconosciuto",
        "dominio * non è stato trovato", "domínio não encontrado", "domínio * não existe", "domínio inexistente",
        "domínio desconhecido", "domínio * não foi encontrado", "домен не найден", "домен * не найден",
        "домен не существует", "несуществующий домен",
        "ドメインが見つかりません", "ドメインが存在しません", "域名不存在", "找不到域名",
    ],
    // ---- the recipient address does not exist
    "userunknown" => [
        // as in sisimai's reason lists (UserUnknown): qmail's badrcptto/validrcptto patches, vpopmail,
        // Domino's name directory, Exchange's resolver, and MTAs' other wordings of a missing mailbox
        "address invalid", "5.1.0 address rejected", "not present in directory",
        "can't accept user", "addresses were unknown", "destination server rejected recipients",
        "address could not be found", "not an active address", "mailbox invalid",
        "mailbox is unavailable", "mailbox not present", "mailbox unavaiable",
        "nessun utente simile", "no mail box available", "rejected: account unavailable",
        "not a valid recipient", "not a local address", "rejected: invalid user",
        "invalid-recipient", "rejected: userunknown", "recipient is not accepted",
        "recipient is not local", "recipient not ok", "recipient refuses to accept your mail",
        "recipient notfound", "badrcptto", "badrecipientto", "validrcptto",
        "envelope recipient has been denied", "email name is not found",
        "there is no one at this address", "unknown mailbox", "user missing home directory",
        "user not active", "user not known", "unknown virtual user", "adresse nicht gefunden",
        "bad recipient", "in name directory", "nonexistent user", "non-existent user",
        "unknown email address", "unknown e-mail address", "unknown local-part",
        "user * was not found", "user ( * ) unknown",
        "recipient * not found", "recipientnotfound", "exrecipnotfound", "address you entered couldn't be found", "address you entered could not be found",
        "recipient address rejected: access denied",
        "invalid final delivery userid", "check if address is correct",
        "user unknown", "unknown user", "no such user", "no such mailbox", "no such recipient",
        "no such address", "no such person", "no such account", "user not found", "recipient not found",
        "mailbox not found", "address not found", "addressee unknown", "unknown recipient",
        "recipient unknown", "invalid recipient", "invalid mailbox", "not a valid mailbox",
        "mailbox unavailable", "does not exist", "doesn't exist", "is not a known user",
        "unknown local part", "unknown address", "address unknown", "bad destination mailbox",
        "not listed in domino directory", "not listed in public name",
        "recipient name is not recognized", "recipnotfound", "address couldn't be found",
        "no account by that name", "not our customer",
        "invalid address", "recipient rejected", "no mailbox", "mailbox name not allowed",
        "unknown or illegal alias", "address is not valid", "no valid recipients", "user invalid",
        "does not have an account", "doesn't have a * account", "no longer valid", "not a valid user",
        "no such local user", "mailbox unknown", "recipient invalid", "not exist",
        "mailbox is not available", "destination address rejected", "is unknown", "unknown account",
        "mailbox currently unavailable", "recipient verification failed",
        // German / French / Spanish / Italian / Portuguese / Dutch
        "benutzer unbekannt", "unbekannter benutzer", "empfänger unbekannt", "unbekannter empfänger",
        "adresse unbekannt", "existiert nicht", "mailbox nicht gefunden", "postfach nicht gefunden",
        "empfaenger unbekannt", "unbekannter empfaenger",
        "utilisateur inconnu", "destinataire inconnu", "adresse inconnue", "n'existe pas",
        "adresse introuvable", "boîte aux lettres inexistante", "boite aux lettres inexistante",
        "usuario desconocido", "destinatario desconocido", "no existe", "dirección no encontrada",
        "utente sconosciuto", "destinatario sconosciuto", "indirizzo inesistente", "non esiste",
        "destinatario inesistente", "utente inesistente", "casella inesistente",
        // (Gmail's "Address not found" notice in Spanish, Italian and Chinese; Outlook's "The email
        // address you entered couldn't be found" in Russian and Chinese)
        "no se ha encontrado la dirección", "indirizzo non trovato", "找不到地址", "找不到该地址",
        "найти введенный адрес", "找不到你输入的电子邮件地址",
        "usuário desconhecido", "usuario desconhecido", "utilizador desconhecido", "não existe",
        "destinatário desconhecido", "onbekende gebruiker", "bestaat niet", "gebruiker onbekend",
        // (with words between: "l'adresse du destinataire est introuvable", "adresse email
        // inconnue", "indirizzo email inesistente", "dirección de correo no encontrada")
        "adresse * introuvable", "adresse * inconnue", "indirizzo * inesistente", "dirección * no encontrada", "endereço * não encontrado",
        // Microsoft 365 / Outlook NDRs, localized "The email address you entered couldn't be found"
        "e-mail-adresse wurde nicht gefunden", "adresse de messagerie que vous avez entrée est introuvable",
        "no se encontró la dirección de correo", "impossibile trovare l'indirizzo di posta",
        "endereço de email que você inseriu não foi encontrado", "e-mailadres dat u hebt ingevoerd, is niet gevonden",
        // Russian / Japanese / Chinese
        "пользователь не найден", "нет такого пользователя", "такого пользователя нет", "не существует", "адрес не найден",
        "неизвестный пользователь", "получатель не найден",
        "存在しない", "宛先不明", "ユーザが見つかりません", "ユーザーが見つかりません", "存在しません",
        "ユーザーはいません",
        "アドレスが見つかりません",
        "用户不存在", "收件人不存在", "帐户不存在", "账户不存在", "邮箱不存在", "地址不存在", "用戶不存在",
    ],
    // ---- the destination accepts no mail at all
    "notaccept" => [
        // as in sisimai's reason lists (NotAccept)
        "mail receiving disabled",
        "find a mail exchanger",
        "does not accept mail", "doesn't accept mail", "not accepting mail", "accepts no mail",
        "null mx", "does not receive mail", "no mx", "mx or srv record",
        "doesn't receive email", "does not receive email", "no mail is accepted", "mail is not accepted",
        "domain does not accept",
    ],
    // ---- the recipient's own rules refused it
    "filtered" => [
        // as in sisimai's reason lists (Filtered): the recipient's own settings refuse the sender
        // (AT&T's SMS gateway, Willcom, AOL, mail.ru)
        "account is protected by", "has restricted sms e-mail", "is not accepting any mail",
        "due to user rules", "not found recipient account", "refuse to receive mail",
        "refuses to receive", "only accepting mail from",
        "recipient preferences",
        "filtered", "message refused by recipient", "rejected by recipient",
        "recipient has blocked", "refused by the recipient", "not authorized to send to",
        "not allowed to send to", "accepts mail only from", "only accepts mail from",
        "sender is not on the allowed list", "restricted to", "does not accept messages from",
        "blocked by the recipient", "recipient's rules", "not in the allow list", "whitelist",
        "domain filter", "content filter", "rejected by filter", "mail rule",
        // the recipient's refusal settings (Japanese carriers' 受信拒否, Chinese 拒收)
        "受信拒否", "拒收",
    ],
    // ---- not following the email standards
    "notcompliantrfc" => [
        // as in sisimai's reason lists (NotCompliantRFC): Gmail's help page name
        "rfcmessagenoncompliant",
        "multiple addresses in from", "duplicate header",
        "rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "rfc 822", "rfc822 compliant", "not rfc compliant",
        "not compliant with rfc", "multiple from", "multiple date", "multiple message-id",
        "multiple subject", "header field is missing", "missing date header", "missing from header",
        // (Gmail: "Messages missing a valid Message-ID header are not accepted")
        "missing * message-id", "not conform", "does not comply with rfc", "violates rfc",
    ],
    // ---- poor reputation of the sending IP or domain
    "badreputation" => [
        // as in sisimai's reason lists (BadReputation): Yahoo's TS01 deferral
        "unexpected volume or user complaints",
        "reputation", "sender score", "senderscore", "poor sending history",
    ],
    // ---- judged as spam
    "spamdetected" => [
        // as in sisimai's reason lists (SpamDetected): NetEase's spam help page, MailMarshal /
        // Trustwave SpamProfiler, Cloudmark's recurrent pattern detection, QQ's 'mail content denied'
        "help_spam_16", "mail content denied", "spamprofiler", "unacceptable content",
        "bulk.advertising", "bulk email", "banned content", "rejecting mail content", "spamming",
        "recurrent pattern detection", "blocked by our filter", "antispam checks",
        "blacklisted url", "uribl",
        "spam", "unsolicited", "bulk mail",
        "content rejected", "suspicious", "scam", "phishing",
        "high probability of being", "spamassassin", "uce", "junk",
        "垃圾邮件", "スパム", "迷惑メール", "спам", "nicht erwünscht",
    ],
    // ---- the format or content of the message was refused
    "contenterror" => [
        // as in sisimai's reason lists (ContentError): Microsoft's MIME and encoding refusals
        "mime complexity", "improperly-formatted", "unnecessary base64",
        "header error", "invalid header", "illegal header", "bad header", "mime error",
        "invalid mime", "8-bit", "8bit", "encoding error", "message header", "header line",
        "content error", "invalid character", "bare lf", "bare linefeed", "line too long",
        "header size exceeds", "headers too large", "too many headers", "nested too deep",
    ],
    // ---- the sender (MAIL FROM) was refused
    "rejected" => [
        // as in sisimai's reason lists (Rejected): BATV and backscatter checks on the bounce's
        // return path, Exchange's sender filter, and other refusals of the envelope sender
        "sender blacklisted", "administrative prohibition", "batv", "backscatter protection",
        "bogus mail from", "bouncedeny", "delivery not authorized, message refused",
        "senderfilterconfig", "emetteur invalide", "empty envelope senders", "envelope blocked",
        "no third-party dsns", "from: domain is invalid", "fully qualified email address required",
        "not a registered gateway user", "sender email address rejected",
        "sender is in my black list", "sender is spammer", "sender not pre-approved",
        "sender was rejected", "unroutable sender address",
        "not allowed to post to this mailing list", "access to submit messages",
        "sender isn't on the recipient's list of senders",
        "purported responsible address",
        "address that has been blacklisted", "address has been blacklisted", "address is blacklisted",
        "sender address rejected", "sender rejected", "sender denied", "sender is rejected",
        "sender verification failed", "sender not allowed",
        // the envelope sender's domain on a domain blocklist ("MailFrom domain is listed in
        // Spamhaus"): the sender is refused, not the sending host
        // ("sender domain", below, already says so for "sender domain is listed")
        "mailfrom domain is listed", "mail from domain is listed",
        // (not "bad sender" alone: "bad sender ip address" is about the sending host)
        "bad sender's", "bad sender address",
        "invalid sender", "unknown sender", "sender unknown", "sender domain", "domain of sender address",
        "sender address is not valid", "mail from address", "envelope sender", "envelope from",
        "from address rejected", "rejected sender", "sender blocked", "blocked sender",
        "your address has been blocked", "sender is blocked",
        // (not "address is blocked" alone: "your ip address is blocked" is about the host)
        "email address is blocked", "mail address is blocked", "sender address is blocked",
        "returned mail not accepted", "sender address does not exist", "your domain",
        "sender mx", "sender not permitted", "blacklisted sender", "sender is on",
        "sender verify", "sender check", "null sender",
        // the sender refused, in the other languages ("Absender abgelehnt", "expéditeur refusé";
        // a gap may be empty)
        "absender * abgelehnt", "absenderadresse * abgelehnt", "expéditeur * refusé", "remitente * rechazado",
        "mittente * rifiutato", "remetente * rejeitado", "remetente recusado", "отправитель * отклонен", "发件人被拒绝",
    ],
    // ---- the sending host (IP or name) was refused
    "blocked" => [
        // as in sisimai's reason lists (Blocked): refusals of the sending host or its IP address
        "dynamic ips", "bad sender ip", "bad ip profile", "confirm this mail server",
        // Gmail refusing an IP that should send through its provider's relay ("The IP you're using
        // to send mail is not authorized to send email directly to our servers")
        "not authorized to send email directly",
        // Gmail's refusal of an IP (or domain) that sends much unwanted mail ("Our system has
        // detected an unusual rate of unsolicited mail originating from your IP address"): the
        // sending host is refused, not this message's content; sisimai's Google rules say blocked;
        // so is what follows it ("To protect our users from spam, mail sent from your IP address
        // has been blocked"), whose "spam" is no verdict on the message (Gmail's refusals for
        // other causes end so too: their own words decide)
        "unusual rate of unsolicited mail", "protect our users from spam",
        // a blocklist query that named its list ("blocked using Barracuda Reputation"): a
        // listing of the sending host, whatever the list's name says
        "blocked using * reputation",
        // Exchange's connection filtering holding off a sending host ("421 4.7.1 Intrusion
        // prevention active for [192.0.2.1]")
        "intrusion prevention",
        // greylisting (a first attempt from an unknown sending host deferred, retried later), as
        // sisimai's Zoho rules call its "Greylisted, try again after some time"
        "greylist", "graylist", "greylisted", "graylisted", "greylisting", "graylisting",
        "your server requires confirmation", "no access from mail server", "refused - see http",
        "has not passed validation", "open proxy", "sender ip address rejected",
        "too many unwanted messages", "deferred due to user complaints", "listed as abusive",
        "service refused, please try later", "your access ip", "helo command rejected",
        "access denied",
        // the sending server is refused as an open relay (open-relay lists), not a relay request
        "open relay",
        "not accepting connections", "invalid ip for sending",
        "blocked", "blacklisted", "blocklisted", "black list", "blacklist", "blocklist", "block list",
        "block listed",
        // Barracuda's list is the "Barracuda Reputation Block List" (BRBL): a listing, whose
        // "reputation" is its name
        "reputation block list",
        "listed in", "listed on", "is listed", "rbl", "dnsbl", "dnsbls", "spamhaus", "spamcop", "barracuda",
        "sorbs", "uceprotect", "client host blocked",
        "your ip", "not allowed to send mail from", "dynamic ip",
        "dial-up", "dialup", "residential", "use the smtp server of your isp",
        "connection refused by", "connection rejected", "rejected connection", "host rejected",
        "banned", "service unavailable; client host", "mail server temporarily rejected",
        "too many invalid recipients", "not allowed to connect",
        "refused to talk",
        // a blocklist or a blocked sending IP, in the other languages ("steht auf einer
        // Sperrliste", "liste noire", "lista negra", "черном списке")
        "sperrliste", "schwarze liste", "schwarzen liste", "blockliste", "ip-adresse * gesperrt",
        "liste noire", "adresse ip * bloquée", "lista negra", "dirección ip * bloqueada", "lista nera",
        "indirizzo ip * bloccato", "endereço ip * bloqueado", "черном списке", "черный список",
        "ip-адрес * заблокирован", "黑名单",
    ],
    // ---- sending too fast / too much
    "speeding" => [
        // as in sisimai's reason lists (Speeding)
        "try again slower",
        "receiving mail at a rate", "at a rate that prevents",
        "rate limit", "ratelimit", "rate-limit", "rate limited", "too many messages", "sending too fast",
        "exceeded the rate", "throttled", "throttling", "sending rate", "message rate",
        "unusual rate", "too many emails", "exceeded the maximum number of",
        "too much mail", "sending limit", "hourly limit", "daily limit",
        // Exchange Online's sending limits (the sender's, not a mailbox's)
        "submission quota exceeded",
        // "User is receiving mail too quickly" (Yahoo, Gmail's 4.2.1); iCloud's "deferred due to
        // excessive volume"; Gmail's "daily user sending quota exceeded"
        "receiving mail too quickly", "excessive volume", "sending quota", "sending quota exceeded",
        // too many messages, in the other languages ("zu viele Nachrichten", "trop de messages")
        "zu viele nachrichten", "zu viele e-mails", "trop de messages", "demasiados mensajes", "troppi messaggi",
        "muitas mensagens", "слишком много сообщений", "слишком много писем", "频率过快",
    ],
    // ---- too many connections
    "toomanyconn" => [
        // as in sisimai's reason lists (TooManyConn): per-hour caps, Free.fr, Sendmail's session
        // limit
        "max emails per hour", "too many errors from your ip", "trop de connexions",
        "too many smtp sessions",
        "too many recipients",
        "too many connections", "too many concurrent", "connection limit", "too many sessions",
        "too many simultaneous", "concurrent connections", "connection rate limit",
        "too many open connections",
        // QQ Mail (Tencent): "ip frequency limited", "connection frequency limited"
        "frequency limited",
        // too many connections, in the other languages
        "zu viele verbindungen", "demasiadas conexiones", "troppe connessioni", "muitas conexões",
        "слишком много соединений",
    ],
    // ---- STARTTLS problems
    "failedstarttls" => [
        "support tls", "tls not available",
        "starttls", "tls required", "tls is required", "encryption required",
        "requires tls", "tls negotiation failed", "tls handshake", "require tls", "tls connection",
        // the receiving server's TLS could not be verified as its domain requires: MTA-STS
        // (RFC 8461) and DANE (RFC 7672) failures, as Exchange Online words them
        // ("5.7.5 Remote certificate failed MTA-STS validation", "5.7.323 tlsa-invalid",
        // "5.7.325 certificate-host-mismatch")
        "mta-sts", "tlsa", "certificate",
    ],
    // ---- authentication or other security refusals
    "securityerror" => [
        // as in sisimai's reason lists (SecurityError): SMTP AUTH failures (RFC 4954's X.7.8 title),
        // Amazon SES's account and IAM refusals, Orange's French wording
        "authentication credentials invalid", "authentication failure",
        "authentication turned on in your email client", "account not subscribed to ses",
        "ses:sendrawemail", "authentification invalide", "authentification requise",
        "smtp authentication", "unauthenticated senders",
        "authentication required", "authentication is required", "must authenticate",
        "authentication failed", "auth failed", "smtp auth", "not authenticated to send",
        "please authenticate", "invalid credentials", "access denied, please authenticate",
        "not owned by user", "authorization required",
        "unauthorized", "security policy",
        // Exim's refusal of a wrong SMTP AUTH password: "535 Incorrect authentication data"
        "incorrect authentication data",
    ],
    // ---- site policy
    "policyviolation" => [
        // as in sisimai's reason lists (PolicyViolation): mailing lists closed to non-members,
        // organisation settings, attachment and mass-mail policies
        "illegal attachment", "members-only list", "closed mailing list", "security policies",
        "header are not accepted", "organizational settings", "message given low priority",
        "messages with multiple addresses", "not subscribed to this group",
        "content presents a potential", "containing images or other attachments", "mass mailer",
        "without solving a captcha",
        "network not allowed",
        // ("Die Nachricht verstößt gegen die Richtlinien des Empfängers")
        "verstößt gegen",
        "protocol violation", "potential security issue",
        "policy", "not permitted", "prohibited", "forbidden", "banned attachment",
        // (not "attachment" alone: reports say "the attachment contains the original message")
        "attachment type", "attachment not allowed", "attachment is not allowed", "attachments are not allowed",
        "attachments not allowed", "blocked attachment",
        "executable", "file type", "not allowed by", "violates our", "terms of service",
        "acceptable use", "richtlinie", "politique", "política", "politica",
        // Exchange and Microsoft 365: a rule the recipient's admin made ("Message rejected by
        // transport rule", "A custom mail flow rule created by an admin at ... has blocked your
        // message")
        "transport rule", "mail flow rule",
    ],
    // ---- storage of the receiving system is full
    "systemfull" => [
        "insufficient disk space",
        "insufficient system storage", "system full", "disk full", "no space left", "out of disk space",
        "insufficient storage",
    ],
    // ---- a local delivery program failed
    "mailererror" => [
        "procmail", "command output", "pipe to |", "mailer error", "delivery to program",
        "exited with", "x-unix", "local delivery failed", "command died",
        "program failed", "mail filter failed", "maildrop", "command failed", "service unavailable. command",
    ],
    // ---- network / DNS trouble
    "networkerror" => [
        // as in sisimai's reason lists (NetworkError): Exchange's missing DNS records, forwarding
        // loops, failed host lookups
        "destination computer could not be found", "host is unreachable",
        // DNS servers not reached, connections not made, loops counted by hops
        "could not contact dns servers", "establish an smtp connection",
        "maximum hop count",
        "host name lookup failure", "mail forwarding loop", "forwarding loop count", "message looping",
        "network error",
        "connection refused", "network is unreachable", "timed out",
        "lost connection", "connection reset", "mail loop", "loop detected", "loops back to myself",
        "too many hops", "hop count exceeded", "routing loop", "temporary lookup failure",
        "name server", "dns lookup", "dns error", "dns failure", "dns query failed", "host lookup did not complete",
        "unable to connect", "could not connect", "couldn't connect", "no answer", "connect to",
        "server failure", "timeout",
        "conversation with", "remote host closed", "did not accept our requests to connect",
        "host not reachable", "socket error", "name service error",
    ],
    // ---- gave up after retrying
    "expired" => [
        // as in sisimai's reason lists (Expired): queue lifetimes that ran out, in MTAs' words
        "could not find a gateway for", "failed to deliver to domain",
        "has not been collected after", "server did not respond",
        "after multiple retries", "allowed queue period",
        // (not qmail's closing "this message has been in the queue too long": a qmail bounce
        // names the cause before it, and sisimai reads that cause)
        "been failing for a long time",
        "delivery failed * attempts",
        "retry timeout exceeded",
        "could not be delivered within", "have been unable to deliver", "gave up", "has been delayed",
        "retry time not reached for any host after a long failure period", "too long in queue",
        "expired", "deferred for too long",
        "could not deliver for", "unable to deliver for",
        // Sendmail's queue timeout: "Message could not be delivered for 5 days", "... deleted from queue"
        "could not be delivered for", "will be deleted from queue",
        "retry limit", "maximum time", "delivery attempts", "giving up",
        // the time to deliver ran out, in the other languages
        "zeitlimit * überschritten", "délai * expiré", "délai imparti",
    ],
    // ---- a command was refused as malformed
    "syntaxerror" => [
        "sequence of commands",
        "malformed address",
        "syntax error", "command unrecognized", "command not recognized", "unrecognized command",
        "bad command", "command not implemented", "invalid command",
        "parameter not implemented", "line too long",
    ],
    // ---- the receiving system failed
    "systemerror" => [
        // as in sisimai's reason lists (SystemError): failures of the receiving system itself
        // (Exchange's missing mailbox database, Sendmail's output file, broken alias loops)
        "aliasing/forwarding loop broken", "can't create user output file", "could not load drd",
        "interrupted system call", "error while being processed", "there is no mdb",
        "server is misconfigured", "system config error",
        "queue file write error", "ldap server", "mail transport unavailable",
        // a proxy in front of the mail store that could not reach it (Cloudflare Email
        // Routing's "421 4.3.0 Upstream error, please check")
        "upstream error",
        "currently unavailable", "service unavailable",
        "system error", "internal error", "server error",
        "configuration error", "resources temporarily unavailable", "mail system configuration",
        "transaction failed", "unexpected error", "system problem",
        "temporary local problem", "requested action aborted", "local error", "service not available",
        "i/o error", "database error",
    ],
    // ---- the sending service suppressed the address (did not try)
    "suppressed" => [
        "suppression list", "suppressed", "on the suppression",
    ],
};

/// Providers' own wording that means something other than it says, with the reason it
/// means there. Applied only when the provider was recognised (by host or domain).
pub static PROVIDER_PHRASES: &[(&str, &str, &str)] = &[
    // KDDI au (ezweb.ne.jp, au.com) answers "550 : User unknown", without echoing the
    // address, when the recipient's own domain filter refuses the sender; an address that
    // really does not exist is echoed ("550 <addr>: User unknown").
    ("kddi", "550 : user unknown", "filtered"),
    ("kddi", "550: : user unknown", "filtered"),
    ("kddi", "550 < * >: user unknown", "userunknown"),
    ("kddi", "550: < * >: user unknown", "userunknown"),
    // Zoho's "541 5.4.1 Mail rejected by destination domain": the recipient domain's policy
    // refused this sender (sisimai's Zoho rules: rejected), not a network failure as 5.4.1 says
    ("zoho", "mail rejected by destination domain", "rejected"),
    // Yahoo's "554 delivery error: dd a@yahoo.com is no longer valid": an account it closed
    // (sisimai's Yahoo rules: suspend), not an address that never existed
    ("yahoo", "is no longer valid", "suspend"),
];

/// Auto-reply (out of office) wording, for telling an auto-reply from a bounce.
pub static VACATION: &[&str] = &[
    "out of office", "out of the office", "away from the office", "on vacation", "on holiday",
    "on leave", "automatic reply", "auto-reply", "autoreply", "auto reply", "i am away", "i'm away",
    "i am currently out", "i'm currently out", "i will be back", "back in the office",
    "limited access to email", "annual leave", "currently away", "abwesenheit", "abwesend", "nicht im büro", "absent du bureau",
    "réponse automatique", "fuera de la oficina", "respuesta automática", "fuori ufficio",
    "risposta automatica", "fora do escritório", "resposta automática", "нет на месте",
    "автоответ", "不在", "自动回复",
];

/// A mailing-list manager's notice refusing a post (not a mail server's bounce: the list
/// took the message and will not pass it on).
pub struct ListRefusal {
    pub phrase: &'static str,
    /// sisimai's reason for it.
    pub reason: &'static str,
    /// The detail flag that explains it (`advice::DETAILS`).
    pub flag: &'static str,
    /// The words count only in a message whose headers come from a list manager
    /// (`LIST_MANAGER_HEADERS`), being too short to tell on their own.
    pub needs_manager: bool,
}

const fn lr(phrase: &'static str, reason: &'static str, flag: &'static str, needs_manager: bool) -> ListRefusal {
    ListRefusal { phrase, reason, flag, needs_manager }
}

pub static LIST_REFUSALS: &[ListRefusal] = &[
    // GNU Mailman 2: a non-member's post rejected ("You are not allowed to post to this
    // mailing list, and your message has been automatically rejected.")
    lr("you are not allowed to post to this mailing list", "rejected", "list_members_only", false),
    // fml 4: "You are not a member of this mailing list <list@...>"
    lr("not a member of this mailing list", "rejected", "list_members_only", false),
    // fml 4's loop check: a post whose Message-ID the list has seen already ("Loop Alert:
    // Duplicated Message-ID")
    lr("duplicated message-id", "systemerror", "list_duplicate", true),
];

/// Header fields (lower case, with their colon) that mailing-list managers write: fml's
/// X-MLServer / X-ML-Name, Mailman's X-Mailman-Version, ezmlm's Mailing-List, RFC 2369 /
/// RFC 2919 List-* fields.
pub static LIST_MANAGER_HEADERS: &[&str] = &["x-mlserver:", "x-ml-name:", "x-mailman-version:", "mailing-list:", "list-id:", "list-post:"];
