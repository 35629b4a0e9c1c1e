# Helpers of the bench scripts (run.sh, network.sh), sourced after $W is
# set: each measurement is a file $W/m-NAME of "wall user system maxrss".
measure() {	# name command...: wall, cpu, rss into $W/m-name
	local name=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$W/m-$name" "$@"
}
field() { awk -v k="$2" '{ print $k }' "$W/m-$1"; }
cpu() { awk '{ printf "%.2f", $2 + $3 }' "$W/m-$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
