# When the output folder's lock is still held after the wait, the message
# names the pid in the lock file only when that process is alive (a run
# killed with SIGKILL leaves its pid behind); else the holder the system
# knows (/proc/locks: pid and program), else no pid at all.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
printf '<station id="r" name="R"><feeds dir="."/><cache size-mb="0"/></station>\n' >st.xml
printf '<bulletin id="t" languages="es"><segment id="x"><say xml:lang="es">Hola.</say></segment></bulletin>\n' >t.xml
run() { "$WK" build -q -c st.xml -d $DATE -w 1 -o o t.xml; }
mkdir -m 755 o
# A pid that is surely dead: a process that has ended and been reaped.
sh -c 'exit 0' & dead=$!; wait $dead
while kill -0 $dead 2>/dev/null; do sh -c 'exit 0' & dead=$!; wait $dead; done

# The stale pid of a killed run, the lock held by another program.
printf '%s\n' $dead >o/.willakuy.lock
flock o/.willakuy.lock sleep 3 & holder=$!
sleep 0.3
expect_rc 6 run
grep -q "pid $dead\b" err.txt && die "a dead pid was named: $(cat err.txt)"
if [ -r /proc/locks ]; then
	grep_err "another willakuy run or program \(pid $holder, flock\) holds the lock of o; waited 1 s\. Try again when it ends"
fi
wait $holder

# A live willakuy run's pid is named.
sleep 6 & live=$!
printf '%s\n' $live >o/.willakuy.lock
flock o/.willakuy.lock sleep 4 & h2=$!
sleep 0.3
expect_rc 6 run
grep_err "another willakuy run \(pid $live\) is writing to o; waited 1 s"
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" build -q -c st.xml -d $DATE -w 1 -o o t.xml 2>err.txt
grep_err "\(pid $live\)"
wait $h2; kill $live 2>/dev/null; wait
exit 0
