#!/usr/bin/env python3
"""Golden stream keys for Seedbank key derivation version 1, from a second implementation.

Writes rng-core/src/test/resources/registry/golden-keys-v1.tsv, which GoldenKeysTest checks the Java
implementation (dev.seedbank.rng.registry.KeyDerivation / StreamPath) against. This script follows the
specification in KeyDerivation's class comment, PathSegment.encoding() and StreamPath's text form; it
does not call or translate the Java code. Regenerate only when the specification changes (and then the
derivation version must change too):

    python3 scripts/derive-golden-keys.py

Specification (little-endian throughout):
    key(root)        = le64(SHA-256("seedbank-derive-v1" || 0x00 || le64(rootSeed))[0..8])
    key(path / seg)  = le64(SHA-256(le64(key(path)) || encode(seg))[0..8])
    encode(name)     = 0x01 || le32(utf8 length) || utf8(name)
    encode(index)    = 0x02 || le64(index)
    encode(name=idx) = 0x03 || le32(utf8 length) || utf8(name) || le64(idx)

Text form: segments joined by '/'; an index is its unsigned decimal; a named index is
escape(name) '=' decimal; a name is escape(name) where additionally the first byte of an all-digit
name is escaped. escape() percent-encodes (upper-case hex, per UTF-8 byte) '%', '/', '=', bytes below
0x20 and 0x7F, and leaves every other character as is.
"""

import hashlib
import os
import struct
import sys

VERSION = b"seedbank-derive-v1"
MASK64 = (1 << 64) - 1


def le64(value):
    return struct.pack("<Q", value & MASK64)


def le32(value):
    return struct.pack("<I", value)


def first8(data):
    return struct.unpack("<Q", hashlib.sha256(data).digest()[:8])[0]


def root_key(seed):
    return first8(VERSION + b"\x00" + le64(seed))


# Segments: ("name", str) | ("index", int) | ("named", str, int)
def encode(segment):
    kind = segment[0]
    if kind == "name":
        utf8 = segment[1].encode("utf-8")
        return b"\x01" + le32(len(utf8)) + utf8
    if kind == "index":
        return b"\x02" + le64(segment[1])
    if kind == "named":
        utf8 = segment[1].encode("utf-8")
        return b"\x03" + le32(len(utf8)) + utf8 + le64(segment[2])
    raise ValueError(kind)


def key(seed, segments):
    k = root_key(seed)
    for s in segments:
        k = first8(le64(k) + encode(s))
    return k


def escape(name, standalone):
    all_digits = standalone and name != "" and all("0" <= c <= "9" for c in name)
    out = []
    for pos, ch in enumerate(name):
        utf8 = ch.encode("utf-8")
        if len(utf8) == 1:
            b = utf8[0]
            if ch in "%/=" or b < 0x20 or b == 0x7F or (all_digits and pos == 0):
                out.append("%%%02X" % b)
                continue
        out.append(ch)
    return "".join(out)


def text(segments):
    parts = []
    for s in segments:
        if s[0] == "name":
            parts.append(escape(s[1], True))
        elif s[0] == "index":
            parts.append(str(s[1]))
        else:
            parts.append(escape(s[1], False) + "=" + str(s[2]))
    return "/".join(parts)


def N(name):
    return ("name", name)


def I(index):
    return ("index", index)


def NI(name, index):
    return ("named", name, index)


MAX = MASK64
PAIRS = [
    (0, []),
    (1, []),
    (42, []),
    (MAX, []),
    (0, [N("init"), N("dense_1"), N("W")]),
    (42, [N("init"), N("dense_1"), N("W")]),
    (42, [N("init"), N("dense_1"), N("b")]),
    (MAX, [N("init"), N("dense_1"), N("W")]),
    (42, [N("data"), N("shuffle"), NI("epoch", 3)]),
    (1, [N("data"), N("shuffle"), NI("epoch", 0)]),
    (42, [N("augment"), NI("sample", 1234567)]),
    (42, [N("worker"), I(0)]),
    (42, [N("worker"), I(1)]),
    (42, [N("worker"), I(2)]),
    (42, [N("worker"), I(3)]),
    (0, [I(0)]),
    (0, [I(1 << 32)]),
    (42, [I(MAX)]),
    (42, [N("x"), NI("epoch", MAX)]),
    (42, [N("a/b")]),
    (42, [N("a"), N("b")]),
    (42, [N("100%"), N("k=v")]),
    (42, [N("1")]),
    (42, [I(1)]),
    (42, [N("007")]),
    (42, [N("Gewichte"), N("Schicht_ä"), N("权重")]),
    (7, [N("emoji-\U0001F600"), NI("ß", 9)]),
    (42, [N("tab\there"), N("nl\nx"), N("del\x7f")]),
    (0x0123456789ABCDEF, [N("init"), N("conv"), I(5), NI("kernel", 2)]),
    (0x8000000000000000, [N("spark"), NI("partition", 17), NI("epoch", 2)]),
    (123456789, [N("a" * 300)]),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "rng-core", "src", "test", "resources", "registry", "golden-keys-v1.tsv")
    if len(sys.argv) > 1:
        out = sys.argv[1]
    lines = [
        "# Seedbank key derivation seedbank-derive-v1: golden keys from scripts/derive-golden-keys.py",
        "# (an independent Python implementation of the spec). Columns: root seed (unsigned decimal),",
        "# stream path (canonical text, empty for the root), key (0x-hex, 16 digits). Do not edit by hand.",
        "seed\tpath\tkey",
    ]
    for seed, segments in PAIRS:
        t = text(segments)
        assert "\t" not in t and "\n" not in t and "\r" not in t
        lines.append("%d\t%s\t0x%016x" % (seed, t, key(seed, segments)))
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
