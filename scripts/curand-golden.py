#!/usr/bin/env python3
"""Regenerate cuRAND Philox4_32_10 golden vectors from the real cuRAND host library.

Output: rng-core/src/test/resources/curand/golden.tsv (relative to the repository root).

Every case uses a fresh host generator (curandCreateGeneratorHost with
CURAND_RNG_PSEUDO_PHILOX4_32_10 = 161, default ordering), then
curandSetPseudoRandomGeneratorSeed(key), curandSetGeneratorOffset(offset) and one
generate call of `count` outputs:
  u32            curandGenerate
  uniform        curandGenerateUniform
  uniform-double curandGenerateUniformDouble
  normal         curandGenerateNormal(mean, stddev)        (mean, stddev passed as C float)
  normal-double  curandGenerateNormalDouble(mean, stddev)  (mean, stddev passed as C double)

Case list (fixed, no randomness at run time): for each format, 40 cases built by cycling
independently through
  keys    0, 1, 0xFFFFFFFFFFFFFFFF, 0xDEADBEEF and four fixed 64-bit constants,
  offsets 0, 1, 2, 3, 5, 65535*4+1, 2^18-3, 2^34+7, 2^40, 2^63, 2^64-1-count,
  counts  1, 2, 3, 7, 64, 1000, 4097, 5, 16, 257,
  (normals only) (mean, stddev) in (0,1), (0.5,2.5), (-3,0.1), (0,1),
plus a few explicit cases per format that cross cuRAND's 65536-subsequence boundary
(offsets 2^18-3, 65535*4+1, 2^16*4-2 with longer counts).

Library quirk handled here (cuRAND 10.3.0, see docs/curand-notes.md): on the first
generate call after curandSetGeneratorOffset(o) with o != 0 and o % 4 == 0, the last
count % 4 outputs are neither written nor consumed.  For such cases this script requests
count rounded up to a multiple of 4 and records only the first `count` values (the values
of a larger request agree with the stream; only the unwritten tail differs).  Normal
formats accept odd counts and odd offsets on the host generator (status 0), so no other
padding is done.  Every recorded value is checked to have been written by the library
(two runs with different buffer fill patterns must agree).

Library path/soname: env CURAND_LIB (default libcurand.so.10).
Usage: python3 scripts/curand-golden.py [output-path]
"""
import ctypes
import os
import struct
import sys

RNG_PHILOX = 161
FORMATS = ["u32", "uniform", "uniform-double", "normal", "normal-double"]
KEYS = [0, 1, 0xFFFFFFFFFFFFFFFF, 0xDEADBEEF,
        0x9E3779B97F4A7C15, 0x0123456789ABCDEF, 0xC2B2AE3D27D4EB4F, 0x00005EED00000001]
OFFSETS = [0, 1, 2, 3, 5, 65535 * 4 + 1, (1 << 18) - 3, (1 << 34) + 7, 1 << 40, 1 << 63, None]  # None: 2^64-1-count
COUNTS = [1, 2, 3, 7, 64, 1000, 4097, 5, 16, 257]
MOMENTS = [(0.0, 1.0), (0.5, 2.5), (-3.0, 0.1), (0.0, 1.0)]
EXTRA = [  # (key, offset, count) crossing the subsequence wrap at block 65536
    (0xDEADBEEF, (1 << 18) - 3, 700),
    (0x0123456789ABCDEF, 65535 * 4 + 1, 1500),
    (7, (1 << 18) - 2, 64),
]
U64 = (1 << 64) - 1


def load():
    name = os.environ.get("CURAND_LIB", "libcurand.so.10")
    try:
        return ctypes.CDLL(name)
    except OSError as e:
        sys.stderr.write(f"curand-golden: cannot load cuRAND library '{name}' (set CURAND_LIB): {e}\n")
        sys.exit(2)


def cases():
    out = []
    for f in FORMATS:
        normal = f.startswith("normal")
        for i in range(40):
            key = KEYS[i % len(KEYS)]
            count = COUNTS[(i * 3) % len(COUNTS)]
            off = OFFSETS[i % len(OFFSETS)]
            if off is None:
                off = U64 - count
            mean, sd = MOMENTS[i % len(MOMENTS)] if normal else (0.0, 1.0)
            out.append((f, key, off, count, mean, sd))
        for j, (key, off, count) in enumerate(EXTRA):
            mean, sd = MOMENTS[j % len(MOMENTS)] if normal else (0.0, 1.0)
            out.append((f, key, off, count, mean, sd))
    return out


def generate(lib, fmt, key, off, n, mean, sd, fill):
    size = 8 if fmt.endswith("double") else 4
    buf = (ctypes.c_ubyte * (n * size))(*([fill] * (n * size)))
    g = ctypes.c_void_p()
    st = lib.curandCreateGeneratorHost(ctypes.byref(g), RNG_PHILOX)
    if st != 0:
        sys.exit(f"curand-golden: curandCreateGeneratorHost failed with status {st}")
    try:
        for fn, arg in (("curandSetPseudoRandomGeneratorSeed", key), ("curandSetGeneratorOffset", off)):
            st = getattr(lib, fn)(g, ctypes.c_ulonglong(arg))
            if st != 0:
                sys.exit(f"curand-golden: {fn} failed with status {st}")
        p, cn = ctypes.cast(buf, ctypes.c_void_p), ctypes.c_size_t(n)
        if fmt == "u32":
            st = lib.curandGenerate(g, p, cn)
        elif fmt == "uniform":
            st = lib.curandGenerateUniform(g, p, cn)
        elif fmt == "uniform-double":
            st = lib.curandGenerateUniformDouble(g, p, cn)
        elif fmt == "normal":
            st = lib.curandGenerateNormal(g, p, cn, ctypes.c_float(mean), ctypes.c_float(sd))
        else:
            st = lib.curandGenerateNormalDouble(g, p, cn, ctypes.c_double(mean), ctypes.c_double(sd))
        if st != 0:
            sys.exit(f"curand-golden: {fmt} generate (key {key:#x}, offset {off:#x}, count {n}) failed with status {st}")
    finally:
        lib.curandDestroyGenerator(g)
    code = "<Q" if size == 8 else "<I"
    return [struct.unpack_from(code, bytes(buf), i * size)[0] for i in range(n)]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "rng-core", "src", "test", "resources", "curand", "golden.tsv")
    lib = load()
    ver = ctypes.c_int()
    lib.curandGetVersion(ctypes.byref(ver))
    lines = [
        "# cuRAND Philox4_32_10 host-generator golden vectors; cuRAND version "
        f"{ver.value}; regenerate with scripts/curand-golden.py. Columns (tab-separated): "
        "format key offset count mean stddev values. format: u32|uniform|uniform-double|normal|"
        "normal-double. key: seed passed to curandSetPseudoRandomGeneratorSeed; offset: value passed "
        "to curandSetGeneratorOffset on a fresh generator; count: outputs requested in one call; "
        "mean/stddev: Python float repr (passed as C float for normal, C double for normal-double; "
        "0 and 1 for other formats); values: comma-separated raw bit patterns in hex, 8 digits for "
        "u32/uniform/normal, 16 for uniform-double/normal-double. Odd normal counts are accepted by "
        "cuRAND and recorded as generated. When offset%4==0, offset!=0 and count%4!=0 the library "
        "leaves the last count%4 outputs of the first call unwritten, so those cases were generated "
        "with count rounded up to a multiple of 4 and only the first count values are recorded. "
        "normal-double values depend on the glibc libm variant (FMA vs SSE2 ifunc) of the generating "
        "machine in about 7e-4 of outputs; these were produced with the FMA variants."
    ]
    for fmt, key, off, n, mean, sd in cases():
        req = n
        if off != 0 and off % 4 == 0 and n % 4 != 0:
            req = n + (4 - n % 4)
        a = generate(lib, fmt, key, off, req, mean, sd, 0xA5)[:n]
        b = generate(lib, fmt, key, off, req, mean, sd, 0x5A)[:n]
        if a != b:
            sys.exit(f"curand-golden: library left outputs unwritten for {fmt} key {key:#x} offset {off:#x} count {n}")
        width = 16 if fmt.endswith("double") else 8
        vals = ",".join(f"{v:0{width}x}" for v in a)
        fm = (lambda x: repr(float(x)) if x not in (0.0, 1.0) else str(int(x)))
        lines.append(f"{fmt}\t0x{key:016x}\t0x{off:016x}\t{n}\t{fm(mean)}\t{fm(sd)}\t{vals}")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 1} cases to {path}")


if __name__ == "__main__":
    main()
