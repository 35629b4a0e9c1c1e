#!/usr/bin/env python3
# levels.py A.raw B.raw: the level of each phrase of A against the same
# phrase of B. Both are raw s16le mono at 16 kHz of the same words (A with
# recordings spliced in, B the voice alone), K-weighted roughly by the
# decoder (ffmpeg highpass + high shelf). A phrase is speech between
# pauses of 150 ms or more (10 ms frames 35 dB under the loud ones); its
# level is the power of its voiced frames. Prints the number of phrases of
# A and of B and, when they agree, the largest and the median deviation
# of a phrase from the median difference (what mastering shifts both by),
# in dB. A recording that is not as loud as the words it replaces shows
# as a phrase out of line.
import math, struct, sys

RATE, HOP, GAP = 16000, 160, 15


def phrases(path):
    raw = open(path, "rb").read()
    x = struct.unpack("<%dh" % (len(raw) // 2), raw)
    en = [sum(v * v for v in x[i:i + HOP]) / HOP
          for i in range(0, len(x) - HOP, HOP)]
    if not en:
        return []
    thr = sorted(en)[int(len(en) * 0.95)] * 10 ** (-35 / 10)
    out, cur, gap = [], None, 0
    for j, e in enumerate(en):
        if e >= thr:
            if cur is None:
                cur = [j, j]
            cur[1], gap = j, 0
        elif cur is not None:
            gap += 1
            if gap >= GAP:
                out.append(cur)
                cur, gap = None, 0
    if cur is not None:
        out.append(cur)
    lv = []
    for a, b in out:
        fr = [en[j] for j in range(a, b + 1) if en[j] >= thr * 10]
        if fr:
            lv.append(10 * math.log10(sum(fr) / len(fr)))
    return lv


a, b = phrases(sys.argv[1]), phrases(sys.argv[2])
if len(a) != len(b) or not a:
    print("%d %d" % (len(a), len(b)))
    sys.exit(0)
d = sorted(p - q for p, q in zip(a, b))
m = d[len(d) // 2]
dev = sorted(abs(v - m) for v in d)
print("%d %d %.2f %.2f" % (len(a), len(b), dev[-1], dev[len(dev) // 2]))
