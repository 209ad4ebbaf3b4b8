"""Parses a received message the way a mail client does (Python's email
package) and prints what a reader sees, as JSON.

usage: read_mail.py MESSAGE.eml
"""
import email
import email.policy
import json
import sys

with open(sys.argv[1], "rb") as f:
    raw = f.read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
body = msg.get_body(preferencelist=("plain",))
print(json.dumps({
    "subject": str(msg["subject"]),
    "from": [a.addr_spec for a in msg["from"].addresses],
    "from_names": [a.display_name for a in msg["from"].addresses],
    "to": [a.addr_spec for a in msg["to"].addresses],
    "to_names": [a.display_name for a in msg["to"].addresses],
    "message_id": str(msg["message-id"]),
    "date": str(msg["date"]),
    "content_type": msg.get_content_type(),
    "charset": msg.get_content_charset(),
    "transfer_encoding": str(msg["content-transfer-encoding"]),
    # The payload keeps the wire's CRLF; a reader sees lines.
    "body": body.get_content().replace("\r\n", "\n"),
    "defects": [type(d).__name__ for d in msg.defects],
    "max_line": max(len(line) for line in raw.split(b"\r\n")),
    "bare_lf": raw.replace(b"\r\n", b"").count(b"\n"),
}, ensure_ascii=False))
