# lib.sh — helpers for the shell tests that drive the real binary.
# Sourced by tests/cli/*.sh; BANGFU and top_srcdir come from make check.
set -u
: "${BANGFU:?BANGFU must point to the bangfu binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XDG_DATA_HOME="$T/xdg" HOME="$T/home" BANGFU_USER=tester
# Accounts: `bf init` makes tester the administrator, and every `bf` logs in
# as tester when it writes, the password coming on file descriptor 3 (never
# on the command line). BANGFU_TEST_PWHASH_MIN makes hashing cheap: tests only.
export BANGFU_TEST_PWHASH_MIN=1
PWFILE="$T/tester.password"
printf 'tester-password\n' > "$PWFILE"
unset BANGFU_DB BANGFU_LANG
mkdir -p "$HOME"
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect_contains TEXT NEEDLE DESCRIPTION
expect_contains() {
	case "$1" in *"$2"*) ok "$3" ;; *) fail "$3: expected \"$2\" in: $1" ;; esac
}
expect_rc() { # expect_rc WANT GOT DESCRIPTION
	if [ "$1" = "$2" ]; then ok "$3"; else fail "$3: exit code $2, wanted $1"; fi
}
# expect_sealed DB TEXT table.col... — the columns hold sealed values only
# (at least one each: the test wrote one), and TEXT (what was typed) is
# nowhere in the file or its WAL.
expect_sealed() {
	_db=$1 _text=$2
	shift 2
	for _tc in "$@"; do
		_t=${_tc%%.*} _c=${_tc#*.}
		_r=$(sqlite3 "$_db" "SELECT count(*) FILTER (WHERE $_c NOT LIKE 'bf1:%'),
			count(*) FILTER (WHERE $_c LIKE 'bf1:%') FROM $_t WHERE $_c IS NOT NULL")
		case "$_r" in
		0\|0) fail "$_tc: nothing written to check" ;;
		0\|*) ok "$_tc is sealed at rest" ;;
		*) fail "$_tc holds plain values ($_r plain|sealed)" ;;
		esac
	done
	if cat "$_db" "$_db-wal" 2>/dev/null | grep -qF "$_text"; then
		fail "\"$_text\" is readable in $_db"
	else
		ok "\"$_text\" is not in $_db"
	fi
}
finish() {
	if [ "$fails" -eq 0 ]; then echo "all passed"; exit 0; fi
	echo "$fails failed"; exit 1
}
bf() { "$BANGFU" --lang en --password-fd 3 "$@" 3<"$PWFILE"; }
# bf_as NAME PASSWORD ARGS... — as another operator
bf_as() {
	_name=$1 _pw=$2
	shift 2
	printf '%s\n' "$_pw" > "$T/as.password"
	BANGFU_USER=$_name "$BANGFU" --lang en --password-fd 3 "$@" 3<"$T/as.password"
}
# make_district DB — a district union's database (code D01) with a staff
# account qian (password qian-password); its key file in $T/D01.key, for
# the units to seal their packages to. qian ARGS... runs as that account.
make_district() {
	bf --db "$1" init --unit "某某区总工会" --code D01 --district-mode </dev/null >/dev/null 2>&1 ||
		fail "init the district"
	printf 'tester-password\nqian-password\n' > "$T/add.pw"
	"$BANGFU" --lang en --db "$1" --password-fd 3 user add qian --role district 3<"$T/add.pw" \
		>/dev/null 2>&1 || fail "add the district's staff"
	bf --db "$1" key export "$T/D01.key" >/dev/null 2>&1 || fail "the district's key file"
	DISTRICT_DB=$1
}
qian() { bf_as qian qian-password --db "$DISTRICT_DB" "$@"; }
# import_household — one household (张三丰 and his wife 李四) imported from
# a CSV file ($T/case.csv): sets household to its file number.
import_household() {
	cat > "$T/case.csv" <<'CSV'
户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,电话,开户银行,开户行,银行卡号,主要致困原因,家庭状况,致困原因说明,思想状态,技能特长,就业要求
A,本人,张三丰,11010519491231002X,已婚,在岗,600,单位收入证明,一车间,13812345678,中国工商银行,朝阳支行,6222021234567890128,下岗失业,夫妻二人,妻子失业,稳定,钳工,希望妻子就业
A,配偶,李四,110105195003070027,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
CSV
	bf case import "$T/case.csv" >/dev/null 2>&1 || fail "import"
	household=$(bf case list --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1)
}
# need_sqlite3 — skip (77) without the sqlite3 program
need_sqlite3() {
	command -v sqlite3 >/dev/null 2>&1 && return 0
	echo "sqlite3 not installed: skipped"
	exit 77
}
# demo_for_district DB — the demo's database (dated 2026-12-01) with a
# district (make_district, in $T/district.db) whose key it has registered:
# its packages are sealed to it. adm ARGS... runs as the demo's administrator.
adm() { bf_as admin demo-admin "$@"; }
demo_for_district() {
	export BANGFU_TODAY=2026-12-01
	"$BANGFU" --lang en demo --db "$1" </dev/null >/dev/null 2>&1 || fail "demo"
	make_district "$T/district.db"
	adm --db "$1" key import "$T/D01.key" >/dev/null 2>&1 || fail "register the district's key"
}
# package_to_district DB — the unit's key registered at the district
# (demo_for_district), a new batch of DB's files exported to $T/out and
# imported there
package_to_district() {
	adm --db "$1" key export "$T/unit.key" >/dev/null 2>&1 || fail "the unit's key"
	qian key import "$T/unit.key" >/dev/null 2>&1 || fail "the district registers the unit's key"
	_batch=$(adm --db "$1" batch new 2>&1 | sed -n 's/^Batch \([0-9]*-[0-9]*\):.*/\1/p')
	adm --db "$1" batch export "$_batch" --out "$T/out" >/dev/null 2>&1 || fail "export"
	qian package import "$T"/out/*.bfpkg >/dev/null 2>&1 || fail "import"
}
# approved_pair MEETING — two households (张三丰 and 王五, each with a spouse)
# imported and approved by the union's review at MEETING: sets n1 and n2.
# pair_csv FILE — the CSV of those two households
pair_csv() {
	cat > "$1" <<'CSV'
户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,电话,开户银行,开户行,银行卡号,主要致困原因,家庭状况,致困原因说明,思想状态,技能特长,就业要求
A,本人,张三丰,11010519491231002X,已婚,在岗,600,单位收入证明,一车间,13812345678,中国工商银行,朝阳支行,6222021234567890128,下岗失业,夫妻二人,妻子失业,稳定,钳工,希望妻子就业
A,配偶,李四,110105195003070027,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
B,本人,王五,110105196001010017,已婚,在岗,500,单位收入证明,二车间,13987654321,中国建设银行,海淀支行,6217001234567890124,下岗失业,夫妻二人,妻子失业,稳定,电工,希望妻子就业
B,配偶,赵六,11010519620101002X,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
CSV
}
approved_pair() {
	_meeting=$1
	pair_csv "$T/pair.csv"
	bf case import "$T/pair.csv" >/dev/null 2>&1 || fail "import"
	set -- $(bf case list --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p')
	n1=${1:-none} n2=${2:-none}
	for n in $n1 $n2; do
		bf checklist receive $n 1 2 3 4 5 6 >/dev/null 2>&1 || fail "receive $n"
		bf case advance $n --to docs_complete >/dev/null 2>&1 || fail "docs_complete $n"
		bf review $n --approve --category 1 --amount 2000 --meeting "$_meeting" >/dev/null 2>&1 ||
			fail "review $n"
	done
}
# ten_households FILE — a case import CSV of ten households (H1..H10), one
# member each, with valid ID numbers
ten_households() {
	{
		echo "户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明"
		_k=0
		for _id in 110105197001010118 110105197201010139 110105197501010157 \
			110105197801010175 110105198102030198 110105198304050218 110105198506070233 \
			110105198708090259 110105198910110276 110105199112130293; do
			_k=$((_k + 1))
			echo "H$_k,本人,职工$_k,$_id,未婚,在岗,800,单位收入证明"
		done
	} > "$1"
}
