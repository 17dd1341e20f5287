"""Writes the email part of the sample case (deterministic).

* ``email/sam-inbox.mbox``: Sam's mailbox export (Thunderbird style mbox): Alex's emails
  before and after Sam's "Please stop contacting me" (10 March 2024), Sam's own reply, and
  Alex writing from a second address.
* ``email/alex-to-hr.eml``: the email Alex sent to Sam's employer (hr@carterco.example) on
  20 March 2024, which HR passed to Sam with its full headers (Received chain, DKIM).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
ALEX = "Alex Morgan <alex.morgan@example.com>"
SAM = "Sam Carter <sam.carter@example.org>"

MAILS = [
    # (envelope date, Date header, from, to, subject, body)
    ("Tue Feb 20 22:41:07 2024", "Tue, 20 Feb 2024 22:41:07 +0000", ALEX, SAM, "us",
     "Sam,\n\nI can't sleep. Three years and you won't even talk to me?\nJust one coffee. "
     "That's all I'm asking.\n\nA\n"),
    ("Fri Mar  8 23:02:55 2024", "Fri, 08 Mar 2024 23:02:55 +0000", ALEX, SAM,
     "saw you tonight",
     "You were at the Crown with Jo. Blue scarf. You looked happy.\nFunny how you have time "
     "for everyone except me.\n"),
    ("Sun Mar 10 20:20:31 2024", "Sun, 10 Mar 2024 20:20:31 +0000", SAM, ALEX,
     "Re: saw you tonight",
     "Alex,\n\nPlease stop contacting me. Do not email, text, call or come to my home or "
     "work.\nIf you contact me again I will go to the police.\n\nSam\n"),
    ("Mon Mar 11 06:58:12 2024", "Mon, 11 Mar 2024 06:58:12 +0000", ALEX, SAM,
     "Re: Re: saw you tonight",
     "You don't get to decide that on your own.\nThe police? After everything I did for "
     "you? Go ahead. I'll tell them the truth about you.\n"),
    ("Fri Mar 15 01:12:40 2024", "Fri, 15 Mar 2024 01:12:40 +0000",
     "A.M. <alex.m.84@example.net>", SAM, "new address",
     "Blocked me again? This is a new address. I have plenty more.\n"
     "I know your new shift starts at 8. =F0=9F=99=82\n"),
]


def message(date_hdr: str, frm: str, to: str, subject: str, body: str, n: int) -> str:
    qp = "quoted-printable" if "=F0" in body else "8bit"
    return (f"Return-Path: <{frm.split('<')[-1].rstrip('>')}>\n"
            f"Received: from mail.example.com (mail.example.com [192.0.2.{10 + n}])\n"
            f"\tby mx.example.org with ESMTPS id s{n:04d}; {date_hdr}\n"
            f"From: {frm}\nTo: {to}\nSubject: {subject}\nDate: {date_hdr}\n"
            f"Message-ID: <sample-{n:03d}@{frm.split('@')[-1].rstrip('>')}>\n"
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
            f"Content-Transfer-Encoding: {qp}\n\n{body}")


HR = """Return-Path: <alex.morgan@example.com>
Received: from mail.example.com (mail.example.com [192.0.2.7])
\tby mx.carterco.example with ESMTPS id 4TzQ1b; Wed, 20 Mar 2024 09:31:02 +0000
Received: from [10.0.0.5] (unknown [198.51.100.23])
\tby mail.example.com with ESMTPSA; Wed, 20 Mar 2024 09:31:00 +0000
DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel1; h=from:to:subject:date;
\tbh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
\tb=U2FtcGxlIHNpZ25hdHVyZSwgbm90IGEgcmVhbCBvbmUu
Authentication-Results: mx.carterco.example;
\tdkim=pass header.d=example.com;
\tspf=pass smtp.mailfrom=alex.morgan@example.com
From: Alex Morgan <alex.morgan@example.com>
To: HR <hr@carterco.example>
Subject: Concerns about an employee (Sam Carter)
Date: Wed, 20 Mar 2024 09:31:00 +0000
Message-ID: <hr-complaint-20240320@example.com>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=UTF-8

To whom it may concern,

I feel you should know that Sam Carter is not who you think. Sam is unstable,
lies constantly and has been violent towards me. I have screenshots.

You might want to check what Sam does on company time.

A concerned former partner
--b1
Content-Type: text/html; charset=UTF-8

<p>To whom it may concern,</p><p>I feel you should know that Sam Carter is not who you think.</p>
--b1--
"""


def main() -> None:
    out = HERE / "email"
    out.mkdir(exist_ok=True)
    parts = []
    for n, (env, date_hdr, frm, to, subject, body) in enumerate(MAILS, start=1):
        sender = frm.split("<")[-1].rstrip(">")
        parts.append(f"From {sender} {env}\n" + message(date_hdr, frm, to, subject, body, n) + "\n")
    (out / "sam-inbox.mbox").write_bytes("".join(parts).encode("utf-8"))
    (out / "alex-to-hr.eml").write_bytes(HR.replace("\n", "\r\n").encode("utf-8"))


if __name__ == "__main__":
    main()
