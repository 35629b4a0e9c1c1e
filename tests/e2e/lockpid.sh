# When the output folder's lock is still held after the wait, the message
# names the holder the system knows (/proc/locks: pid and program), and says
# it is a willakuy run when the lock file names that pid too; a pid in the
# lock file is named only when that process is alive and holds the lock (a
# run killed with SIGKILL leaves its pid behind, and pids are reused).
. "$(dirname "$0")/lib.sh"
[ -r /proc/locks ] || { echo "skip: no /proc/locks"; exit 77; }
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
grep_err "another willakuy run or program \(pid $holder, flock\) holds the lock of o; waited 1 s\. Try again when it ends"
wait $holder

# A live process that does not hold the lock (a reused pid): not named.
sleep 8 & other=$!
printf '%s\n' $other >o/.willakuy.lock
flock o/.willakuy.lock sleep 2 & holder=$!
sleep 0.3
expect_rc 6 run
grep -q "pid $other\b" err.txt && die "a pid that holds nothing was named: $(cat err.txt)"
grep_err "\(pid $holder, flock\)"
wait $holder

# The holder named in the lock file too: a willakuy run, by its pid.
flock o/.willakuy.lock sleep 4 & holder=$!
sleep 0.3
printf '%s\n' $holder >o/.willakuy.lock
expect_rc 6 run
grep_err "another willakuy run \(pid $holder\) is writing to o; waited 1 s"
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" build -q -c st.xml -d $DATE -w 1 -o o t.xml 2>err.txt
grep_err "otra ejecución de willakuy \(pid $holder\) está escribiendo en o"
wait $holder
kill $other 2>/dev/null
wait
exit 0
