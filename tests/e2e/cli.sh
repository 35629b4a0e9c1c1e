# The command line: help, version, usage errors (exit 2) and verbalize.
. "$(dirname "$0")/lib.sh"
cd "$TOP"

expect_rc 0 "$WK" --help
grep -q "willakuy build" "$TMP/out.txt" || die "--help lacks build"
expect_rc 0 "$WK" --version
grep -Eq "^willakuy [0-9]" "$TMP/out.txt" || die "--version"
expect_rc 2 "$WK"
expect_rc 2 "$WK" frobnicate
grep_err "unknown command 'frobnicate'"
expect_rc 2 "$WK" build -d 2026-13-01 bulletins/precios-manana.xml
grep_err "-d wants a date"
expect_rc 2 "$WK" build -j 0 bulletins/precios-manana.xml
expect_rc 2 "$WK" verbalize
expect_rc 2 "$WK" check -l es bulletins/precios-manana.xml
expect_rc 3 "$WK" verbalize -l xx </dev/null

printf 'S/ 2.50 el kg\n125\n\n2026-11-29\n' | "$WK" verbalize -l es >"$TMP/es.txt" || die "verbalize es"
printf 'dos soles con cincuenta céntimos el kilo\nciento veinticinco\n\ndomingo veintinueve de noviembre de dos mil veintiséis\n' |
    cmp -s - "$TMP/es.txt" || { cat "$TMP/es.txt"; die "verbalize es output"; }
printf '125\nS/ 2.50\n' | "$WK" verbalize -l qu >"$TMP/qu.txt" || die "verbalize qu"
printf 'pachak iskay chunka pichqayuq\niskay sulis pichqa chunka sentimu\n' | cmp -s - "$TMP/qu.txt" ||
    { cat "$TMP/qu.txt"; die "verbalize qu output"; }

# preview prints each language with durations.
expect_rc 0 "$WK" preview -c examples/station.xml -d "$DATE" bulletins/precios-manana.xml
grep -q "^# precios-manana (es)" "$TMP/out.txt" || die "preview es"
grep -q "^# precios-manana (qu)" "$TMP/out.txt" || die "preview qu"
grep -q "Huk kilu: qillu papa, iskay sulis pichqa chunka sentimu" "$TMP/out.txt" || die "preview words"
grep -Eq "^## 02 huamanga  \(~[0-9]+ s\)" "$TMP/out.txt" || die "preview durations"
expect_rc 0 "$WK" preview -l qu -c examples/station.xml -d "$DATE" bulletins/precios-manana.xml
grep -q "(es)" "$TMP/out.txt" && die "preview -l qu printed es"
expect_rc 2 "$WK" preview -l ay -c examples/station.xml -d "$DATE" bulletins/precios-manana.xml

# Every message of the program has its Spanish translation, and the
# catalogue shipped is the one make-es.py writes (after `make pot`).
xgettext --keyword=_ --keyword=N_ --language=C --from-code=UTF-8 \
    --package-name=willakuy -o "$TMP/w.pot" "$TOP"/src/*/*.c || die "xgettext"
python3 "$TOP/po/make-es.py" "$TMP/w.pot" "$TMP/es.po" 2>"$TMP/po.err" ||
    die "messages without a Spanish translation (add them to po/make-es.py, then make pot): $(cat "$TMP/po.err")"
diff <(grep -v '^"POT-Creation-Date\|^"Project-Id-Version\|^#' "$TMP/es.po") \
    <(grep -v '^"POT-Creation-Date\|^"Project-Id-Version\|^#' "$TOP/po/es.po") >/dev/null ||
    die "po/es.po is out of date: run make pot"
exit 0
