#!/bin/sh
# Terminal escapes in data (issue 13, item 6): names with ESC sequences (clear
# the screen, OSC 52 to the clipboard) and bidi controls are refused at CSV
# import, naming the line and the field; put in behind the program's back,
# `case list` and `case show` print them as visible control pictures, never as
# controls.
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "sqlite3 not installed: skipped"
	exit 77
fi
export BANGFU_DB="$T/esc.db"
bf init --unit "测试单位" </dev/null >/dev/null 2>&1 || fail "init"
ESC=$(printf '\033') BEL=$(printf '\007') RLO=$(printf '\342\200\256')
N1="张${ESC}[2J${ESC}[H伪造"
N2="李${ESC}]52;c;ZWNobyBwd25lZA==${BEL}四"
N3="王${RLO}三四"

# ---- refused at intake ---------------------------------------------------------------
for n in "$N1" "$N2" "$N3"; do
	printf '户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明\nA,本人,%s,11010519491231002X,已婚,在岗,600,单位收入证明\n' "$n" >"$T/bad.csv"
	out=$(bf case import "$T/bad.csv" 2>&1); rc=$?
	expect_rc 1 $rc "a name with controls is refused at import"
	expect_contains "$out" "line 2" "the line is named"
	# a control byte is refused by the CSV reader (line, column, byte); a
	# control character of Unicode (U+202E) by the name's own check
	case "$out" in
	*"column 3 (姓名)"*"control character"* | *"Name: holds a control character"*) ok "and the field" ;;
	*) fail "and the field: $out" ;;
	esac
done
out=$(bf case list --json)
expect_contains "$out" "[]" "nothing was imported"

# ---- put in behind the program: printed as control pictures ----------------------------
printf '户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,住址\nA,本人,张三,11010519491231002X,已婚,在岗,600,单位收入证明,某路1号\nB,本人,李四,110105196001010017,已婚,在岗,500,单位收入证明,某路2号\nC,本人,王五,110105198001010016,未婚,在岗,500,单位收入证明,某路3号\n' >"$T/good.csv"
bf case import "$T/good.csv" >/dev/null 2>&1 || fail "import"
sqlite3 -cmd ".dbconfig enable_trigger off" "$BANGFU_DB" \
	"UPDATE member SET name = '$N1' WHERE name = '张三';
	 UPDATE member SET name = '$N2' WHERE name = '李四';
	 UPDATE member SET name = '$N3' WHERE name = '王五';
	 UPDATE case_file SET name = (SELECT m.name FROM member m WHERE m.case_id = case_file.id
	                              AND m.position = 0);
	 UPDATE case_file SET address = 'x' || char(155) || '2Jy' WHERE address = '某路1号';" \
	>/dev/null || fail "the attacker's update"
has_controls() { # has_controls FILE — ESC, BEL, CSI (C1) or a bidi control
	LC_ALL=C grep -q "$(printf '[\033\007]')" "$1" && return 0
	grep -q "$(printf '\302\233')\|$(printf '\342\200\256')" "$1"
}
bf case list >"$T/list.out" 2>&1 || fail "case list"
if has_controls "$T/list.out"; then fail "case list printed controls: $(od -c "$T/list.out" | head -5)"; else ok "case list printed no control"; fi
expect_contains "$(cat "$T/list.out")" "张␛[2J␛[H伪造" "ESC is shown as ␛"
expect_contains "$(cat "$T/list.out")" "李␛]52;c;ZWNobyBwd25lZA==␇四" "the clipboard write is shown, not done"
expect_contains "$(cat "$T/list.out")" "王�三四" "the bidi control is shown as �"
n=$(bf case list --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)
bf case show "$n" >"$T/show.out" 2>&1
if has_controls "$T/show.out"; then fail "case show printed controls"; else ok "case show printed no control"; fi
bf case list --json >"$T/list.json" 2>&1
if has_controls "$T/list.json"; then fail "case list --json printed controls"; else ok "case list --json printed no control"; fi
finish
