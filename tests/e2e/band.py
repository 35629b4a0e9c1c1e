#!/usr/bin/env python3
# Which voiced frames of a decoded segment come from recordings, when the
# recordings were made without their low end (kit.sh passes every take of
# its kit through a 400 Hz high-pass: the same speaker, through another
# microphone, that the voice check accepts). Raw s16le mono at 4 kHz on
# stdin:
#   band.py THRESHOLD -> the share of voiced 40 ms frames (autocorrelation
#   at 70-400 Hz, as pitch.py) whose power under 200 Hz is less than
#   THRESHOLD of their power (a voice's fundamental is there: about 0.04
#   of it for espeak-ng's male voice, under 0.001 for the kit), the median
#   of that ratio, and the number of voiced frames.
#   band.py THRESHOLD steps -> the level steps at the joins of recording
#   and synthesis, as pitch.py's steps: the number of joins, the largest
#   and the median step in dB, and the speech's own median step.
# No numpy: the input is read once, at 4 kHz.
import math, struct, sys

RATE, N, HOP = 4000, 160, 80
thr = float(sys.argv[1])
raw = sys.stdin.buffer.read()
x = struct.unpack("<%dh" % (len(raw) // 2), raw)


def lowpass(x, f0):
    """RBJ biquad low-pass, Q 0.707."""
    w = 2 * math.pi * f0 / RATE
    a, c = math.sin(w) / (2 * 0.7071), math.cos(w)
    a0 = 1 + a
    b0, b1, b2 = (1 - c) / 2 / a0, (1 - c) / a0, (1 - c) / 2 / a0
    a1, a2 = -2 * c / a0, (1 - a) / a0
    y, x1, x2, y1, y2 = [], 0.0, 0.0, 0.0, 0.0
    for v in x:
        o = b0 * v + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        x2, x1, y2, y1 = x1, v, y1, o
        y.append(o)
    return y


low = lowpass(lowpass(x, 200), 200)
starts = list(range(0, len(x) - N, HOP))
en = [sum(v * v for v in x[i:i + N]) for i in starts]
top = sorted(en)[int(len(en) * 0.95)] if en else 0
track = []     # (frame index, recorded?, energy, low share) of voiced frames
for j, (i, e) in enumerate(zip(starts, en)):
    if e < 0.1 * top:
        continue
    f = x[i:i + N]
    if max(sum(f[k] * f[k + L] for k in range(N - L))
           for L in range(10, 58)) <= 0.4 * e:
        continue
    share = sum(v * v for v in low[i:i + N]) / e
    track.append((j, share < thr, e, share))
if len(sys.argv) > 2 and sys.argv[2] == "steps":
    win = 400 // 20    # 400 ms in hops

    def step(left, right, ka, kb):
        la = [t[2] for t in left if t[1] == ka]
        rb = [t[2] for t in right if t[1] == kb]
        if len(la) < 4 or len(rb) < 4 or len(la) < 0.75 * len(left) or \
                len(rb) < 0.75 * len(right):
            return None     # a glitch of the classes, not a join
        return abs(10 * math.log10(sum(la) / len(la)) -
                   10 * math.log10(sum(rb) / len(rb)))
    steps, own = [], []
    for a, b in zip(track, track[1:]):
        if a[1] == b[1]:
            continue
        s = step([t for t in track if b[0] - win <= t[0] < b[0]],
                 [t for t in track if b[0] <= t[0] < b[0] + win], a[1], b[1])
        if s is not None:
            steps.append(s)
    for b in track[::5]:
        left = [t for t in track if b[0] - win <= t[0] < b[0]]
        right = [t for t in track if b[0] <= t[0] < b[0] + win]
        if len(left) >= 4 and len(right) >= 4:
            own.append(abs(10 * math.log10(sum(t[2] for t in left) / len(left)) -
                           10 * math.log10(sum(t[2] for t in right) / len(right))))
    steps.sort()
    own.sort()
    print("%d %.2f %.2f %.2f" % (len(steps), steps[-1] if steps else 0,
                                 steps[len(steps) // 2] if steps else 0,
                                 own[len(own) // 2] if own else 0))
    sys.exit(0)
shares = sorted(t[3] for t in track)
print("%.3f %.4f %d" % (sum(1 for t in track if t[1]) / max(1, len(track)),
                        shares[len(shares) // 2] if shares else 0, len(track)))
