#!/usr/bin/env python3
"""Reads a settlement CSV as a Swedish spreadsheet import would, checks it and
prints what it read as JSON.

usage: csv_check.py FILE TABLE   (TABLE: shares, balances, transfers, differences)

Independent of the C code: Python's csv module with delimiter ';', the BOM
dropped by the 'utf-8-sig' codec, amounts read with a decimal comma. Exits
non-zero, with the reason on stderr, when the file breaks the format or the
books do not balance."""
import csv
import json
import re
import sys
from decimal import Decimal

AMOUNT = re.compile(r"^-?\d+,\d{2}$")
AMOUNT_COLUMNS = {
    "Andel", "Betalt", "Netto", "Saldo", "Belopp", "Andel före", "Andel efter",
    "Betalt före", "Betalt efter", "Saldo före", "Saldo efter", "Skillnad",
}


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def amount(text, where):
    if not AMOUNT.match(text):
        fail(f"{where}: {text!r} is not an amount with a decimal comma")
    return Decimal(text.replace(",", "."))


def main():
    path, table = sys.argv[1], sys.argv[2]
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail("no UTF-8 byte order mark")
    if not raw.endswith(b"\r\n") or raw.count(b"\n") != raw.count(b"\r\n") or \
            raw.count(b"\r") != raw.count(b"\r\n"):
        fail("every line break must be CRLF, inside quoted fields too")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header, body = rows[0], rows[1:]
    for n, row in enumerate(body, 2):
        if len(row) != len(header):
            fail(f"line {n}: {len(row)} fields, header has {len(header)}")
    records = [dict(zip(header, row)) for row in body]
    for n, r in enumerate(records, 2):
        for col in AMOUNT_COLUMNS & r.keys():
            r[col] = amount(r[col], f"line {n} {col}")

    if table == "shares":
        per_item = {}
        for r in records:
            if r["Netto"] != r["Betalt"] - r["Andel"]:
                fail(f"item {r['Kostnadspost']}: net is not paid minus share")
            s, p = per_item.get(r["Kostnadspost"], (Decimal(0), Decimal(0)))
            per_item[r["Kostnadspost"]] = (s + r["Andel"], p + r["Betalt"])
        for item, (s, p) in per_item.items():
            if s != p:
                fail(f"item {item}: shares {s} but paid {p}")
    elif table == "balances":
        if sum(r["Saldo"] for r in records) != 0:
            fail("balances do not add up to zero")
        for r in records:
            if r["Saldo"] != r["Betalt"] - r["Andel"]:
                fail(f"{r['Part']}: balance is not paid minus share")
    elif table == "transfers":
        for r in records:
            if r["Belopp"] <= 0:
                fail("a transfer must be positive")
            if header.count("Organisationsnummer") != 2:
                fail("payer and payee need an organisation number each")
        for row in body:
            if row[3] == row[5]:
                fail("a transfer within one organisation")
    elif table == "differences":
        for r in records:
            if r["Skillnad"] != r["Saldo efter"] - r["Saldo före"]:
                fail(f"{r['Part']}: difference is not after minus before")
        if sum(r["Skillnad"] for r in records) != 0:
            fail("differences do not add up to zero")
    else:
        fail(f"unknown table {table}")

    def plain(v):
        return f"{v:.2f}" if isinstance(v, Decimal) else v

    totals = {c: plain(sum(r[c] for r in records)) for c in AMOUNT_COLUMNS & set(header)}
    print(json.dumps({"header": header, "rows": body, "totals": totals}, ensure_ascii=False))


if __name__ == "__main__":
    main()
