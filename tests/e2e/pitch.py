#!/usr/bin/env python3
# Independent checks of a decoded segment (raw s16le mono on stdin):
#   pitch.py RATE F0_THRESHOLD  -> share of voiced 40 ms frames whose
#   fundamental (autocorrelation, 70-400 Hz) is above F0_THRESHOLD, their
#   median F0, and the largest sample-to-sample jump over the 99.9th
#   percentile of the jumps (a click stands far above the speech's own).
#   pitch.py 4000 F0_THRESHOLD steps -> the level steps at the joins of
#   the two pitches (recording above F0_THRESHOLD, synthesis below): for
#   each change of pitch class with 400 ms of mostly one class on either
#   side, the RMS in dB of that class's voiced frames on each side; prints
#   the number of joins, the largest and the median step in dB, then the
#   median step of the same measure at every fifth voiced frame (the
#   speech's own variation). kit.sh counts the joins; levels.py judges
#   their level.
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
track = []     # (frame index, f0, energy) of voiced frames
for j, (f, e) in enumerate(zip(frames, en)):
    if e < 0.1 * top:
        continue
    cs = [sum(f[i] * f[i + L] for i in range(n - L)) for L in range(10, 58)]
    best = max(cs)
    # The shortest lag nearly as strong as the best: not a subharmonic.
    lag = next(L for L, c in zip(range(10, 58), cs) if c >= 0.85 * best)
    if best > 0.4 * e:
        f0s.append(4000.0 / lag)
        track.append((j, 4000.0 / lag, e))
if len(sys.argv) > 3 and sys.argv[3] == "steps":
    import math
    win = 400 // 20    # 400 ms in hops
    steps = []
    for a, b in zip(track, track[1:]):
        ka, kb = a[1] > thr, b[1] > thr
        if ka == kb:
            continue
        left = [t for t in track if b[0] - win <= t[0] < b[0]]
        right = [t for t in track if b[0] <= t[0] < b[0] + win]
        la = [t[2] for t in left if (t[1] > thr) == ka]
        rb = [t[2] for t in right if (t[1] > thr) == kb]
        if len(la) < 4 or len(rb) < 4 or len(la) < 0.75 * len(left) or \
                len(rb) < 0.75 * len(right):
            continue    # a glitch of the pitch track, not a join
        steps.append(abs(10 * math.log10(sum(la) / len(la)) -
                         10 * math.log10(sum(rb) / len(rb))))
    own = []
    for b in track[::5]:
        la = [t[2] for t in track if b[0] - win <= t[0] < b[0]]
        rb = [t[2] for t in track if b[0] <= t[0] < b[0] + win]
        if len(la) >= 4 and len(rb) >= 4:
            own.append(abs(10 * math.log10(sum(la) / len(la)) -
                           10 * math.log10(sum(rb) / len(rb))))
    steps.sort()
    own.sort()
    print("%d %.2f %.2f %.2f" % (len(steps), steps[-1] if steps else 0,
                                 steps[len(steps) // 2] if steps else 0,
                                 own[len(own) // 2] if own else 0))
    sys.exit(0)
hi = sum(1 for f in f0s if f > thr)
f0s.sort()
print("%.3f %.0f %d" % (hi / max(1, len(f0s)), f0s[len(f0s) // 2] if f0s else 0, len(f0s)))
