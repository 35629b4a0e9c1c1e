#!/usr/bin/env python3
# Independent checks of a decoded segment (raw s16le mono on stdin):
#   pitch.py RATE F0_THRESHOLD  -> share of voiced 40 ms frames whose
#   fundamental (autocorrelation, 70-400 Hz) is above F0_THRESHOLD, their
#   median F0, and the largest sample-to-sample jump over the 99.9th
#   percentile of the jumps (a click stands far above the speech's own).
# No numpy: the input is decoded at 4 kHz for the pitch and read once.
import struct, sys
rate, thr = int(sys.argv[1]), float(sys.argv[2])
raw = sys.stdin.buffer.read()
x = struct.unpack("<%dh" % (len(raw) // 2), raw)
if rate != 4000:
    d = sorted(abs(x[i] - x[i - 1]) for i in range(1, len(x)))
    print("%.2f" % (d[-1] / max(1, d[int(len(d) * 0.999)])))
    sys.exit(0)
n, hop = 160, 80
frames = [x[i:i + n] for i in range(0, len(x) - n, hop)]
en = [sum(v * v for v in f) for f in frames]
top = sorted(en)[int(len(en) * 0.95)] if en else 0
f0s = []
for f, e in zip(frames, en):
    if e < 0.1 * top:
        continue
    cs = [sum(f[i] * f[i + L] for i in range(n - L)) for L in range(10, 58)]
    best = max(cs)
    # The shortest lag nearly as strong as the best: not a subharmonic.
    lag = next(L for L, c in zip(range(10, 58), cs) if c >= 0.85 * best)
    if best > 0.4 * e:
        f0s.append(4000.0 / lag)
hi = sum(1 for f in f0s if f > thr)
f0s.sort()
print("%.3f %.0f %d" % (hi / max(1, len(f0s)), f0s[len(f0s) // 2] if f0s else 0, len(f0s)))
