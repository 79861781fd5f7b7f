# mkrec.py OUT NPROCS NFRAMES CMDLEN: writes a version-2 recording (see
# include/memtop/record.h) of NPROCS processes whose command lines are
# CMDLEN bytes of "a": a keyframe, then delta frames that change nothing.
# Used by tests/e2e/record_stress.sh for a recording that amplifies.
import struct, sys, zlib
def var(v):
    out = bytearray()
    while True:
        b = v & 0x7f; v >>= 7
        out.append(b | (0x80 if v else 0))
        if not v: return bytes(out)
def zz(v): return (v << 1) ^ (v >> 63) if v >= 0 else ((v << 1) ^ -1) & ((1 << 64) - 1)
def s(b): return var(len(b)) + b
def system(t):
    return struct.pack('<d', t) + s(b'h') + struct.pack('<dd', 100.0, 1.7e9) + var(1 << 30) * 9 + var(1) * 3
def full(ppid, cmd):
    return (var(1) + var(zz(ppid)) + var(0) + var(ord('S')) + var(0) + var(zz(1)) + var(5) +
            struct.pack('<d', 1.7e9 + 1) + s(b'root') + s(b'x') + s(cmd) + var(4097) * 7 + var(0) * 2)
def frame(payload, key):
    z = zlib.compress(payload, 9)
    h = struct.pack('<II', len(z) | (0x80000000 if key else 0), len(payload))
    return h + struct.pack('<I', zlib.crc32(z, zlib.crc32(h))) + z
out, n, frames, cmdlen = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
churn = False
host = b'h'
hdr = b'MEMTOPR\0' + struct.pack('<IIq', 2, 26 + len(host) + 4, 1700000000) + struct.pack('<H', len(host)) + host
hdr += struct.pack('<I', zlib.crc32(hdr))
with open(out, 'wb') as f:
    f.write(hdr)
    cmd = b'a' * cmdlen
    for i in range(frames):
        key = i % 60 == 0
        p = bytearray(system(1.7e9 + i) + var(n))
        base = 1000 + (i * n if churn else 0)
        for k in range(n):
            p += var(zz(base if k == 0 else 1))
            p += full(1, cmd) if key or churn else var(0)
        f.write(frame(bytes(p), key))
