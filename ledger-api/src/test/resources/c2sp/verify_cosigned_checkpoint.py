#!/usr/bin/env python3
"""An implementation of C2SP signed-note (Ed25519, type 0x01), tlog-checkpoint and tlog-cosignature
(Ed25519 cosignature/v1, type 0x04) apart from the ledger's Java code, with Python's `cryptography`.

usage: verify_cosigned_checkpoint.py NOTE_FILE LOG_VKEY [WITNESS_VKEY]...
Verifies the log's signature and every given witness's cosignature on the note; prints one line
each and "OK <size> <root>"; exit 0 when all hold, 1 otherwise.
"""
import base64
import hashlib
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def parse_vkey(vkey, key_type):
    name, key_id, key = vkey.strip().split("+", 2)
    raw = base64.b64decode(key, validate=True)
    if len(raw) != 33 or raw[0] != key_type:
        raise ValueError("key %s is not of type 0x%02x" % (name, key_type))
    expected = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    if expected.hex() != key_id:
        raise ValueError("key id of %s does not match" % name)
    return name, expected, Ed25519PublicKey.from_public_bytes(raw[1:])


def split_note(note):
    body, sep, sigs = note.rpartition("\n\n")
    if not sep or not note.endswith("\n"):
        raise ValueError("not a signed note")
    return body + "\n", sigs[:-1].split("\n")


def signatures_of(lines, name, key_id):
    for line in lines:
        if not line.startswith("\u2014 "):
            raise ValueError("malformed signature line")
        line_name, b64 = line[2:].split(" ", 1)
        sig = base64.b64decode(b64, validate=True)
        if line_name == name and sig[:4] == key_id:
            yield sig[4:]


def main(argv):
    note = open(argv[1], encoding="utf-8").read()
    body, lines = split_note(note)
    ok = True
    name, key_id, key = parse_vkey(argv[2], 0x01)
    found = False
    for sig in signatures_of(lines, name, key_id):
        try:
            key.verify(sig, body.encode())
            found = True
        except InvalidSignature:
            ok = False
    print("log %s: %s" % (name, "signed" if found and ok else "NOT SIGNED"))
    ok = ok and found
    for vkey in argv[3:]:
        name, key_id, key = parse_vkey(vkey, 0x04)
        found = False
        for sig in signatures_of(lines, name, key_id):
            if len(sig) != 72:
                ok = False
                continue
            (timestamp,) = struct.unpack(">Q", sig[:8])
            message = b"cosignature/v1\ntime %d\n" % timestamp + body.encode()
            try:
                key.verify(sig[8:], message)
                found = timestamp > 0
            except InvalidSignature:
                ok = False
        print("witness %s: %s" % (name, "cosigned" if found else "NOT COSIGNED"))
        ok = ok and found
    origin, size, root = body[:-1].split("\n")[:3]
    if ok:
        print("OK %s %s" % (size, root))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
