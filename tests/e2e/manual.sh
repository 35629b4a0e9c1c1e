# The manual and the help agree: every option of the option table is in
# willakuy(1), each command's --help shows its synopsis exactly as the man
# page does, and messages are in Spanish under LANG=es_PE.UTF-8.
. "$(dirname "$0")/lib.sh"
MAN="$TOP/doc/willakuy.1"
MANWIDTH=400 man -l "$MAN" 2>/dev/null >"$TMP/man.txt" || die "man -l"
# Options from the table in src/cli/main.c.
opts=$(sed -n '/^static const struct option options\[\]/,/^};/p' "$TOP/src/cli/main.c" |
    sed -n 's/.*{ "\([a-z]*\)", [a-z_]*, NULL, '"'"'\(.\)'"'"' }.*/\1 \2/p')
[ "$(echo "$opts" | wc -l)" -ge 10 ] || die "could not read the option table"
# The short options getopt_long is given: an option of the table whose
# letter is not among them is long only (--future).
shorts=$(sed -n 's/.*getopt_long(argc, argv, "\([^"]*\)".*/\1/p' "$TOP/src/cli/main.c" | tr -d :)
[ -n "$shorts" ] || die "could not read main.c's short options"
while read -r long short; do
	grep -q -- "--$long" "$TMP/man.txt" || die "willakuy(1) lacks --$long"
	case $shorts in
	*"$short"*)
		grep -q -- "-$short, --$long" "$TMP/man.txt" || die "willakuy(1) lacks -$short"
		"$WK" --help | grep -q -- "-$short, --$long" || die "--help lacks -$short, --$long" ;;
	*)
		"$WK" --help | grep -q -- "^      --$long" || die "--help lacks --$long" ;;
	esac
done <<<"$opts"
# The options of history and import (src/cli/market_cli.c).
opts=$(sed -n '/^static const struct option options\[\]/,/^};/p' "$TOP/src/cli/market_cli.c" |
    sed -n 's/.*{ "\([a-z]*\)", [a-z_]*, NULL, '"'"'\(.\)'"'"' }.*/\1 \2/p')
[ "$(echo "$opts" | wc -l)" -ge 8 ] || die "could not read market_cli.c's option table"
while read -r long short; do
	grep -q -- "-$short, --$long" "$TMP/man.txt" || die "willakuy(1) lacks -$short, --$long"
	"$WK" history --help | grep -q -- "-$short, --$long" || die "history --help lacks -$short, --$long"
done <<<"$opts"
for c in build check preview verbalize history import; do
	line=$("$WK" "$c" --help | sed -n '1s/^usage: //p')
	[ -n "$line" ] || die "$c --help has no usage line"
	grep -qF -- "$line" "$TMP/man.txt" || die "willakuy(1) synopsis lacks: $line"
done
MANWIDTH=400 man -l "$TOP/doc/willakuy.5" >/dev/null 2>&1 || die "willakuy(5)"
# Spanish.
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" check "$TMP/nothere.xml" 2>"$TMP/err.txt"
grep -q "nothere.xml: error: no se puede abrir" "$TMP/err.txt" || { cat "$TMP/err.txt"; die "not in Spanish"; }
printf '<prices date="2026-11-29"><market id="m" name="M"><price product="papa-amarila" unit="kg" value="1"/></market></prices>' >"$TMP/p.xml"
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" check -d "$DATE" "$TMP/p.xml" 2>"$TMP/err.txt"
grep -q "error: 'papa-amarila' no figura en el catálogo como producto; ¿quiso decir 'papa-amarilla'?" "$TMP/err.txt" ||
    { cat "$TMP/err.txt"; die "Spanish check message"; }
# A feed one day old: "1 día", not "1 días".
printf '<prices date="2026-11-28"><market id="nery-garcia" name="M"><price product="papa-amarilla" unit="kg" value="1"/></market></prices>' >"$TMP/p.xml"
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" check -d "$DATE" "$TMP/p.xml" 2>"$TMP/err.txt"
grep -q "es de 1 día antes" "$TMP/err.txt" || { cat "$TMP/err.txt"; die "Spanish singular"; }
# Usage lines in Spanish, aligned.
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" 2>&1 | grep -q "^uso: willakuy build" || die "Spanish usage"
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" 2>&1 | grep -q "^     willakuy check" || die "Spanish usage alignment"
# libxml2's English explained in Spanish.
printf '<prices date="2026-11-29"><market></prices>' >"$TMP/p.xml"
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" check -d "$DATE" "$TMP/p.xml" 2>"$TMP/err.txt"
grep -q "XML mal formado: <market>, abierto en la línea 1, se cierra aquí con </prices>" "$TMP/err.txt" ||
    { cat "$TMP/err.txt"; die "libxml2 message not explained in Spanish"; }
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" build --help | grep -q "fecha de emisión" || die "Spanish help"
env -u LC_ALL LANG=C "$WK" check "$TMP/nothere.xml" 2>"$TMP/err.txt"
grep -q "error: cannot open" "$TMP/err.txt" || die "English under LANG=C"
echo "manual: options and synopses agree; Spanish messages"
