#!/usr/bin/env bash
# make bench, part 2: the cost of archiving a price feed of
# BENCH_HISTORY_PRICES prices in the history, as a ratio against reading
# the same feed alone (bench/history_bench.c). The default is 300000, the
# size issue 17 asks for; the reader is linear (xmlpos.c), so reading it
# takes seconds.
set -eu
cd "$(dirname "$0")/.."
N=${BENCH_HISTORY_PRICES:-300000}
W=$(mktemp -d /tmp/wk-bench-hist.XXXXXX)
trap 'rm -rf "$W"' EXIT
export WILLAKUY_DATA=$PWD
python3 - "$N" "$W/feed.xml" <<'P'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
prods = ["papa-amarilla", "papa-huayro", "papa-blanca", "maiz-amilaceo",
    "choclo", "haba-verde", "haba-seca", "quinua", "tarwi", "kiwicha", "cuy",
    "queso-fresco", "oca", "olluco", "chuno", "trigo", "arveja-verde",
    "cebolla", "palta", "tuna"]
with open(path, "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<prices date="2026-11-29" currency="PEN">\n')
    k = 0
    m = 0
    while k < n:
        f.write('  <market id="m%d" name="Mercado %d">\n' % (m, m))
        for i, p in enumerate(prods):
            if k == n:
                break
            f.write('    <price product="%s" unit="kg" value="%d.%02d" previous="%d.%02d"/>\n'
                    % (p, 1 + i, k % 100, 1 + i, (k + 7) % 100))
            k += 1
        f.write('  </market>\n')
        m += 1
    f.write('</prices>\n')
P
build/bench_history "$W/feed.xml" "$W/history.sqlite"
