// Built-in examples for the page: short, realistic bounces (addresses and IPs are reserved
// example values). Each is diagnosed by the real core when chosen.

export const EXAMPLES = [
  {
    id: 'postfix-user-unknown',
    title: 'Address does not exist (Postfix bounce)',
    text: `Return-Path: <>
Received: by mail.example.org (Postfix) id 4Y1a2b3c4d; Tue, 12 Nov 2024 10:15:03 +0100 (CET)
Date: Tue, 12 Nov 2024 10:15:03 +0100 (CET)
From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: anna@example.org
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"
Message-Id: <20241112091503.4Y1a2b3c4d@mail.example.org>

--B1
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.example.org.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<jon.smith@example.net>: host mx1.example.net[198.51.100.25] said: 550 5.1.1
    <jon.smith@example.net>: Recipient address rejected: User unknown in
    virtual mailbox table (in reply to RCPT TO command)

--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.org
Arrival-Date: Tue, 12 Nov 2024 10:15:01 +0100 (CET)

Final-Recipient: rfc822; jon.smith@example.net
Original-Recipient: rfc822;jon.smith@example.net
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx1.example.net
Diagnostic-Code: smtp; 550 5.1.1 <jon.smith@example.net>: Recipient address
    rejected: User unknown in virtual mailbox table

--B1
Content-Type: text/rfc822-headers

From: Anna <anna@example.org>
To: jon.smith@example.net
Subject: Meeting on Thursday
Message-ID: <a1b2c3@example.org>
Date: Tue, 12 Nov 2024 10:14:58 +0100

--B1--
`,
  },
  {
    id: 'gmail-address-not-found',
    title: 'Gmail: "Address not found" (copied from webmail)',
    text: `Address not found
Your message wasn't delivered to no.such.person@example.com because the address couldn't be found, or is unable to receive mail.
LEARN MORE
The response from the remote server was:
550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7-7f4a1c2b3d5si1234567a12.345 - gsmtp
`,
  },
  {
    id: 'outlook-recipient-not-found',
    title: 'Outlook / Microsoft 365: recipient not found',
    text: `Your message to mark@example.com couldn't be delivered.
mark wasn't found at example.com.
anna     Office 365     mark
Action Required                     Recipient
Unknown To address

How to Fix It
The address may be misspelled or may not exist. Try one or more of the following:
Retype the recipient's address, then resend the message.

Diagnostic information for administrators:
Generating server: AM0PR01MB1234.eurprd01.prod.exchangelabs.com
mark@example.com
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient mark@example.com not found by SMTP address lookup'
`,
  },
  {
    id: 'mailbox-full',
    title: 'Mailbox full (over quota)',
    text: `<kim@example.net>: host mx.example.net[203.0.113.7] said: 552 5.2.2 <kim@example.net>:
    Mailbox full: user is over quota (in reply to RCPT TO command)
`,
  },
  {
    id: 'spamhaus-blocked',
    title: 'Blocked: sending IP on a blocklist (Spamhaus)',
    text: `<sales@example.com>: host mx.example.com[192.0.2.10] said: 554 5.7.1 Service unavailable;
    Client host [198.51.100.77] blocked using zen.spamhaus.org;
    https://www.spamhaus.org/query/ip/198.51.100.77 (in reply to RCPT TO command)
`,
  },
  {
    id: 'gmail-dmarc',
    title: 'Gmail: message not authenticated (SPF/DKIM/DMARC)',
    text: `550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's
550-5.7.26 DMARC policy. Please contact the administrator of example.org domain if
550-5.7.26 this was a legitimate mail. To learn about the DMARC initiative, go to
550 5.7.26  https://support.google.com/mail/?p=DmarcRejection d75a77b69052e-4631a1b2c3dsi12345678qt.123 - gsmtp
`,
  },
  {
    id: 'greylisted',
    title: 'Greylisting: temporary, retried automatically',
    text: `Nov 12 10:20:41 mail postfix/smtp[23012]: 4Y1B2C3D4E: to=<team@example.net>, relay=mx.example.net[203.0.113.9]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=4.7.1, status=deferred (host mx.example.net[203.0.113.9] said: 450 4.7.1 <team@example.net>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.net.html (in reply to RCPT TO command))
`,
  },
  {
    id: 'yahoo-tss04',
    title: 'Yahoo: deferred for volume or complaints (TSS04)',
    text: `421 4.7.0 [TSS04] Messages from 198.51.100.33 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes
`,
  },
];
