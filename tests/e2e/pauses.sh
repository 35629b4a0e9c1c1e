# A segment's <pause> elements add up to at most 60 s (each is at most
# 10 s): one more is an error at its file:line:col in check and in build,
# where unlimited pauses once gave minutes of dead air; 60 s exactly passes.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
printf '<station id="r" name="R"><feeds dir="."/><cache size-mb="0"/></station>\n' >st.xml
mk() {	# mk FILE N: a segment with N pauses of 10 s
	{ printf '<bulletin id="t" languages="es">\n<segment id="x">\n<say xml:lang="es">Hola.</say>\n'
	  for i in $(seq "$2"); do printf '<pause ms="10000"/>\n'; done
	  printf '<say xml:lang="es">Chau.</say>\n</segment>\n</bulletin>\n'; } >"$1"
}
mk six.xml 6
expect_rc 0 "$WK" check -c st.xml six.xml
mk seven.xml 7
expect_rc 3 "$WK" check -c st.xml seven.xml
grep_err "^willakuy: seven\.xml:10:1: error: the pauses of this segment add up to 70000 ms, more than the 60000 ms a segment may be silent"
expect_rc 3 "$WK" build -q -c st.xml -d $DATE -o out seven.xml
grep_err "seven\.xml:10:1: error: the pauses of this segment add up to 70000 ms"
[ ! -e out/$DATE/t-es.mp3 ] || die "a bulletin of 70 s of pauses was published"
mk many.xml 1000
expect_rc 3 "$WK" check -c st.xml many.xml
grep_err "many\.xml:10:1: error"
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" check -c st.xml seven.xml 2>err.txt
grep_err "las pausas de este segmento suman 70000 ms"
exit 0
