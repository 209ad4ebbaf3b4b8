#!/usr/bin/env python3
"""Reads an SIE 4I file the way an accounting system would, checks it and
prints what it read as JSON.

usage: sie_check.py FILE ORGNR

Independent of the C code: the bytes are decoded as CP437 (#FORMAT PC8),
each line is split into fields (quoted fields with \\" inside, object lists
in braces), and every voucher (#VER with its {...} of #TRANS rows) must add
up to zero. Exits non-zero, with the reason on stderr, on any deviation."""
import json
import re
import sys
from decimal import Decimal


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def fields(line):
    out, i, n = [], 0, len(line)
    while i < n:
        c = line[i]
        if c in " \t":
            i += 1
        elif c == '"':
            i += 1
            buf = []
            while i < n and line[i] != '"':
                if line[i] == "\\" and i + 1 < n and line[i + 1] == '"':
                    i += 1
                buf.append(line[i])
                i += 1
            if i >= n:
                fail(f"unterminated quote: {line}")
            i += 1
            out.append("".join(buf))
        elif c == "{":
            j = line.index("}", i)
            out.append(fields(line[i + 1:j]))
            i = j + 1
        else:
            j = i
            while j < n and line[j] not in " \t":
                j += 1
            out.append(line[i:j])
            i = j
    return out


DATE = re.compile(r"^\d{8}$")
AMOUNT = re.compile(r"^-?\d+(\.\d{1,2})?$")


def main():
    path, orgnr = sys.argv[1], sys.argv[2]
    raw = open(path, "rb").read()
    text = raw.decode("cp437")
    lines = [l for l in text.split("\r\n")]
    if lines[-1] != "":
        fail("the file must end with CRLF")
    lines = lines[:-1]
    if any("\n" in l or "\r" in l for l in lines):
        fail("lines must end with CRLF")
    if lines[0] != "#FLAGGA 0":
        fail("the first post must be #FLAGGA 0")
    posts = {}
    for l in lines:
        if l.strip() in ("{", "}"):
            continue
        f = fields(l)
        if f and isinstance(f[0], str) and f[0].startswith("#"):
            posts.setdefault(f[0], []).append(f[1:])
    for need in ("#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#FNAMN", "#ORGNR"):
        if need not in posts:
            fail(f"{need} is missing")
    if posts["#FORMAT"][0] != ["PC8"]:
        fail("#FORMAT must be PC8")
    if posts["#SIETYP"][0] != ["4"]:
        fail("#SIETYP must be 4")
    if posts["#ORGNR"][0][0] != orgnr:
        fail(f"#ORGNR is {posts['#ORGNR'][0][0]}, expected {orgnr}")
    if not DATE.match(posts["#GEN"][0][0]):
        fail("#GEN needs a date YYYYMMDD")
    konto = {k[0]: k[1] for k in posts.get("#KONTO", [])}
    dims = {d[0]: d[1] for d in posts.get("#DIM", [])}
    objekt = {}
    for o in posts.get("#OBJEKT", []):
        if o[0] not in dims:
            fail(f"#OBJEKT in undeclared dimension {o[0]}")
        objekt[f"{o[0]}:{o[1]}"] = o[2]

    vouchers, cur, inside = [], None, False
    for l in lines:
        f = [l.strip()] if l.strip() in ("{", "}") else fields(l)
        if not f:
            continue
        if f[0] == "#VER":
            if inside:
                fail("#VER inside a voucher")
            series, number, date, vtext = f[1], f[2], f[3], f[4]
            if not DATE.match(date):
                fail(f"#VER date {date}")
            cur = {"series": series, "number": number, "date": date, "text": vtext, "rows": []}
        elif f[0] == "{":
            if cur is None:
                fail("{ without #VER")
            inside = True
        elif f[0] == "}":
            if not inside:
                fail("} without {")
            total = sum(Decimal(r["amount"]) for r in cur["rows"])
            if total != 0:
                fail(f"voucher {cur['text']} does not balance: {total}")
            if not cur["rows"]:
                fail("an empty voucher")
            vouchers.append(cur)
            cur, inside = None, False
        elif f[0] == "#TRANS":
            if not inside:
                fail("#TRANS outside a voucher")
            account, objs, amount = f[1], f[2], f[3]
            if account not in konto:
                fail(f"account {account} has no #KONTO")
            if not isinstance(objs, list) or len(objs) % 2:
                fail("bad object list")
            pairs = [[objs[i], objs[i + 1]] for i in range(0, len(objs), 2)]
            for d, o in pairs:
                if f"{d}:{o}" not in objekt:
                    fail(f"object {d}:{o} has no #OBJEKT")
            if not AMOUNT.match(amount):
                fail(f"amount {amount}")
            if len(f) > 4 and not DATE.match(f[4]):
                fail(f"#TRANS date {f[4]}")
            cur["rows"].append({"account": account, "objects": pairs, "amount": amount,
                                "text": f[5] if len(f) > 5 else ""})
    if inside:
        fail("unterminated voucher")
    print(json.dumps({"fnamn": posts["#FNAMN"][0][0], "orgnr": orgnr,
                      "program": posts["#PROGRAM"][0], "gen": posts["#GEN"][0],
                      "konto": konto, "dims": dims, "objekt": objekt, "vouchers": vouchers},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
