# The source tree shows the pipeline: a folder per stage, no include from a
# later stage, and README's source-layout table is the tree's
# (doc/layout.py). A file added to src/ without regenerating the table, or
# an include that runs back up the pipeline, fails here.
. "$(dirname "$0")/lib.sh"

python3 "$TOP/doc/layout.py" --check || die "doc/layout.py --check"

# The check itself can fail: a copy of the tree with one upward include and
# one file the table lacks is refused, naming both.
cp -R "$TOP/src" "$TOP/doc" "$TOP/README.md" "$TMP/"
printf '#include "publish/report.h"\n' >>"$TMP/src/read/feed.h"
: >"$TMP/src/say/newfile.c"
python3 "$TMP/doc/layout.py" --check 2>"$TMP/err.txt" && die "a bad tree passes"
grep_err 'src/read/feed.h:[0-9]+: read/ includes from publish/'
grep_err 'not the tree'
exit 0
