# News feeds (<news>, RSS, Atom) are read whole into a tree, about 22 times
# their size in memory: one over WK_XML_NEWS_MAX_BYTES (4 MiB) is refused
# with its size, the limit and why (a 32 MB feed took 680 MB before); one
# just under it is read in under 200 MB.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
mk() {	# mk FILE BYTES KIND
	python3 - "$@" <<'P'
import sys
path, size, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if kind == "news":
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<news date="2026-11-29" source="X">\n'
    item = '<item id="i%d" network="agro" date="2026-11-29"><headline xml:lang="es">T.</headline></item>\n'
    tail = '</news>\n'
else:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>x</title><link>http://x.example/</link><description>x</description>\n'
    item = '<item><title>T%d</title><description>x</description></item>\n'
    tail = '</channel></rss>\n'
with open(path, "w") as f:
    n = len(head) + len(tail)
    f.write(head)
    i = 0
    while True:
        s = item % i
        if n + len(s) > size:
            break
        f.write(s)
        n += len(s)
        i += 1
    f.write(tail)
P
}
for k in news rss; do
	mk big-$k.xml $((4 * 1048576 + 100)) $k
	expect_rc 3 "$WK" check -d $DATE big-$k.xml
	grep_err "big-$k\.xml: error: the news feed is 41943[0-9][0-9] bytes, more than the 4194304 bytes willakuy accepts for news \(a news feed is read whole"
	mk ok-$k.xml $((4 * 1048576 - 100)) $k
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o rss.txt "$WK" check -d $DATE ok-$k.xml >out.txt 2>err.txt
		grep -q "accepts for news" err.txt && die "a feed under the limit was refused"
		kb=$(tail -1 rss.txt)
		[ "$kb" -lt 204800 ] || die "$k feed of 4 MiB took $kb kB"
	fi
done
exit 0
