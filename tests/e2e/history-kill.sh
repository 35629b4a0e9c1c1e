# A run killed (SIGKILL) while it archives leaves a database that PRAGMA
# integrity_check accepts, holding whole feeds only (one transaction per
# feed), and the next run completes.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
N=1000
# Six feeds of 1000 prices (50 markets of 20 catalogue products).
python3 - <<'P'
prods = ["papa-amarilla", "papa-huayro", "papa-blanca", "maiz-amilaceo",
    "choclo", "haba-verde", "haba-seca", "quinua", "tarwi", "kiwicha", "cuy",
    "queso-fresco", "oca", "olluco", "chuno", "trigo", "arveja-verde",
    "cebolla", "palta", "tuna"]
for day in range(1, 7):
    with open("p%d.xml" % day, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<prices date="2026-11-0%d">\n' % day)
        for m in range(50):
            f.write('<market id="m%d" name="M%d">\n' % (m, m))
            for i, p in enumerate(prods):
                f.write('<price product="%s" unit="kg" value="%d.%02d"/>\n' % (p, 1 + i, (m + day) % 100))
            f.write('</market>\n')
        f.write('</prices>\n')
P
FEEDS="p1.xml p2.xml p3.xml p4.xml p5.xml p6.xml"
for delay in 0.4 0.9; do
	rm -rf out
	"$WK" history import -o out $FEEDS 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -f out/history.sqlite ] || die "no archive after $delay s"
	[ "$(sqlite3 out/history.sqlite 'PRAGMA integrity_check')" = ok ] || die "integrity_check after a kill at $delay s"
	rows=$(sqlite3 out/history.sqlite 'SELECT count(*) FROM price')
	[ $((rows % N)) = 0 ] || die "a partial feed after a kill at $delay s: $rows rows"
	[ "$rows" -lt $((6 * N)) ] || echo "note: the run finished before the kill at $delay s" >&2
	expect_rc 0 "$WK" history import -o out $FEEDS
	[ "$(sqlite3 out/history.sqlite 'SELECT count(*) FROM price')" = $((6 * N)) ] || die "the next run"
	[ "$(sqlite3 out/history.sqlite 'PRAGMA integrity_check')" = ok ] || die "integrity_check after the next run"
done
echo "history-kill: consistent after SIGKILL; whole feeds only"
