#!/bin/sh
# The round trip of issue 6, unit → district → unit, with three units: each
# takes its files in from a CSV, through the checklist, the review and a
# publicity round, exports a batch as a package sealed to the district's
# key and signed with its own; a lost stick shows none of the full numbers
# (as UTF-8, as hex, in the PDF's text); the keys go both ways; the district
# imports the three packages and makes attachment 1 from one, finds the person who is
# U101's employee and a household member in U102's file, accepts one file
# with a final amount and returns the other with the reason; each unit
# imports its reply (twice: the second changes nothing). On the district's
# database the same package imported again, a corrupted, a tampered, a
# truncated, an unsigned and a version-1 copy leave the content dump
# byte for byte as it was (less the command line's own login: see dump).
# Then `bangfu demo --district`: units, packages, a duplicate, a revision.
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "sqlite3 not installed: skipped"
	exit 77
fi
unset BANGFU_DB
export BANGFU_TODAY=2030-06-03

# the numbers of a database's files, and the one whose employee is NAME
numbers() { bf --db "$1" case list --json | sed -n 's/.*"number": "\([^"]*\)".*/\1/p'; }
number_of() {
	bf --db "$1" case list --json | tr -d '\n' | sed 's/},/}\n/g' | grep "\"$2\"" |
		sed -n 's/.*"number": "\([^"]*\)".*/\1/p' | head -1
}
# dump DB — the schema and every table's rows, less the footprint of the
# command line's own login (the operator's last_login and the audit rows of
# the attempt: counted ahead, then cleared; written before the command runs,
# changed whenever the second has)
LOGIN="tbl = 'operator' AND action = 'update' AND (SELECT count(*) FROM json_each(detail,
	'\$.new') WHERE key NOT IN ('last_login', 'failed_count', 'last_failed_ms')) = 0"
dump() {
	sqlite3 "$1" .schema
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
		case $t in
		operator)
			cols=$(sqlite3 "$1" "SELECT group_concat(name) FROM pragma_table_info('operator')
				WHERE name <> 'last_login'")
			sqlite3 "$1" ".mode quote" "SELECT $cols FROM operator ORDER BY id" ;;
		audit_log) sqlite3 "$1" ".mode quote" "SELECT * FROM audit_log WHERE NOT ($LOGIN) ORDER BY id" ;;
		audit_chain)
			sqlite3 "$1" ".mode quote" "SELECT * FROM audit_chain WHERE id NOT IN
				(SELECT id FROM audit_log WHERE $LOGIN) ORDER BY id" ;;
		*) sqlite3 "$1" ".mode quote" "SELECT '$t', * FROM \"$t\"" ;;
		esac
	done
}

# lost_stick CODE PACKAGE PDF "NUMBERS" — the files a unit's export puts on
# the stick show none of the numbers: not as UTF-8, not as hex (either
# case), not in the PDF's text
lost_stick() {
	hex=$(od -An -v -tx1 "$2" "$3" | tr -d ' \n')
	text=$(pdftotext -enc UTF-8 "$3" - 2>/dev/null)
	[ -n "$text" ] || fail "$1: no text in attachment 2"
	for n in $4; do
		nhex=$(printf '%s' "$n" | od -An -v -tx1 | tr -d ' \n')
		if LC_ALL=C grep -aq -e "$n" "$2" "$3" || LC_ALL=C grep -aqi -e "$nhex" "$2" "$3" ||
			echo "$hex" | grep -q "$nhex" || echo "$text" | grep -q "$n"; then
			fail "$1: the stick shows $n"
			return
		fi
	done
	ok "$1: the stick shows none of its $(echo $4 | wc -w) full numbers"
}

# unit DB CODE NAME CSV NUMBERS — a unit: set up, its files taken in and taken
# through the workflow to "publicity passed", a batch of them exported
unit() {
	db=$1 code=$2 secrets=$5
	bf --db "$db" init --unit "$3" --code "$code" --union "$3工会" --district "某某区总工会" \
		</dev/null >/dev/null 2>&1 || fail "$code: init"
	bf --db "$db" case import "$4" >/dev/null 2>&1 || fail "$code: case import"
	set -- $(numbers "$db")
	[ $# -ge 1 ] && ok "$code: $# files taken in" || fail "$code: no file taken in"
	for n in "$@"; do
		bf --db "$db" checklist receive "$n" 1 2 3 4 5 6 >/dev/null 2>&1 ||
			fail "$code: checklist $n"
		bf --db "$db" case advance "$n" --to docs_complete >/dev/null 2>&1 ||
			fail "$code: docs_complete $n"
		bf --db "$db" review "$n" --approve --category 1 --amount 3000 \
			--meeting "2030年第2次" >/dev/null 2>&1 || fail "$code: review $n"
	done
	bf --db "$db" publicity create --cases "$(echo "$@" | tr ' ' ',')" --place "职工之家公告栏" \
		--contact "工会刘" --phone 010-87654321 --office "工会办公室" >/dev/null 2>&1 ||
		fail "$code: publicity create"
	# the round runs Monday 3 to Friday 7 June: closed on the Monday after
	out=$(BANGFU_TODAY=2030-06-10 bf --db "$db" publicity close 1 2>&1) ||
		fail "$code: publicity close: $out"
	out=$(bf --db "$db" case list --status publicity_passed --json | grep -c '"number"')
	[ "$out" -eq $# ] && ok "$code: every file passed the publicity" ||
		fail "$code: $out of $# files passed"
	out=$(bf --db "$db" key import "$T/D01.key" 2>&1) || fail "$code registers D01: $out"
	out=$(bf --db "$db" batch new "$@" 2>&1) || fail "$code: batch new: $out"
	# numbered by the year of the clock (not BANGFU_TODAY's)
	batch=$(echo "$out" | sed -n 's/^Batch \([0-9]*-[0-9]*\):.*/\1/p')
	if [ "$code" = U103 ]; then
		# on a terminal (script(1) gives a pty): the export's progress line
		out=$(script -qec "\"$BANGFU\" --lang en --password-fd 3 --db \"$db\" batch export \
			\"$batch\" --out \"$T/out\" 3<\"$PWFILE\"" /dev/null 2>&1) ||
			fail "$code: batch export: $out"
		# its one file counted twice (checked, packed), then written,
		# attachment 2, recorded
		expect_contains "$out" "Exporting the batch (files checked, packed): 0 of 5 (0%)" \
			"$code: the progress line on a terminal, counting its file"
	else
		out=$(bf --db "$db" batch export "$batch" --out "$T/out" 2>&1) ||
			fail "$code: batch export: $out"
		case "$out" in *"Exporting the batch"*) fail "$code: a progress line off a terminal" ;;
		*) ok "$code: no progress line off a terminal" ;; esac
	fi
	[ -s "$T/out/$code-$batch-r1.bfpkg" ] && ok "$code: the package is written" ||
		fail "$code: no package $T/out/$code-$batch-r1.bfpkg"
	[ -s "$T/out/$code-$batch-r1.pdf" ] && [ ! -e "$T/out/$code-$batch-r1.xlsx" ] &&
		ok "$code: attachment 2 beside it, no attachment 1" ||
		fail "$code: $(ls "$T/out")"
	lost_stick "$code" "$T/out/$code-$batch-r1.bfpkg" "$T/out/$code-$batch-r1.pdf" "$secrets"
	mv "$T/out/$code-$batch-r1.bfpkg" "$T/$code.bfpkg"
	rm -f "$T/out/$code-$batch-r1.pdf"
	bf --db "$db" key export "$T/$code.key" >/dev/null 2>&1 || fail "$code: key export"
}

HEAD='户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,电话,开户银行,开户行,银行卡号,主要致困原因,家庭状况,致困原因说明,思想状态,技能特长,就业要求'
# U101: 张三丰 is the employee of the first file
cat > "$T/u101.csv" <<CSV
$HEAD
A,本人,张三丰,11010519491231002X,已婚,在岗,600,单位收入证明,铸造车间,13812345670,中国工商银行,朝阳支行,6222021234567890128,下岗失业,夫妻二人,妻子失业,稳定,铸工,希望妻子就业
A,配偶,李四,110105195003070027,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
B,本人,马明,110105196503030018,已婚,在岗,520,单位收入证明,装配车间,13987654320,中国建设银行,海淀支行,6217001234567890124,下岗失业,夫妻二人,妻子失业,稳定,装配工,希望妻子就业
B,配偶,何静,110105196704040028,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
CSV
# U102: 张三丰 again, as the husband in 陈红's household
cat > "$T/u102.csv" <<CSV
$HEAD
A,本人,陈红,110105195505050026,已婚,在岗,550,单位收入证明,纺纱车间,13600000001,中国农业银行,东城支行,6228481234567890123,下岗失业,夫妻二人,丈夫失业,稳定,挡车工,希望丈夫就业
A,配偶,张三丰,11010519491231002X,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
CSV
# U103: nobody shared
cat > "$T/u103.csv" <<CSV
$HEAD
A,本人,刘一,110105198008080017,已婚,在岗,700,单位收入证明,运输队,13500000002,中国银行,西城支行,6216611234567890125,下岗失业,夫妻二人,妻子失业,稳定,司机,希望妻子就业
A,配偶,周二,110105198210100026,已婚,失业,0,失业证或社区证明,,,,,,,,,,,
CSV
# the full numbers in each CSV (ID, phone, bank card)
nums() { sed 1d "$1" | cut -d, -f4,10,13 | tr ',' '\n' | grep -v '^$'; }

# ---- the district's database first: the units seal to its key --------------------------
D="$T/district.db"
make_district "$D"

unit "$T/u101.db" U101 "第一机械厂" "$T/u101.csv" "$(nums "$T/u101.csv")"
unit "$T/u102.db" U102 "红星纺织公司" "$T/u102.csv" "$(nums "$T/u102.csv")"
unit "$T/u103.db" U103 "城东运输公司" "$T/u103.csv" "$(nums "$T/u103.csv")"
a1=$(number_of "$T/u101.db" 张三丰) b1=$(number_of "$T/u102.db" 陈红)
out=$(bf --db "$T/u101.db" case list)
expect_contains "$out" "Submitted" "U101's files are submitted"

# ---- the district ------------------------------------------------------------------------
for u in U101 U102 U103; do
	out=$(qian key import "$T/$u.key" 2>&1) || fail "register $u's key: $out"
done
expect_contains "$(qian key show)" "U103" "the district knows the three units' keys"

out=$(qian package import "$T/U101.bfpkg" 2>&1); rc=$?
expect_rc 0 $rc "U101's package imported"
case "$out" in *"Importing the packages"*) fail "a progress line off a terminal" ;;
*) ok "the import off a terminal: no progress line" ;; esac
expect_contains "$out" "imported: unit U101 (第一机械厂), batch $batch" "the verdict names the unit"
# issue 17: the planner's statistics of the district's files renewed by the import
expect_contains "$(sqlite3 "$D" "SELECT stat LIKE (SELECT count(*) FROM dist_case) || ' %'
 FROM sqlite_stat1 WHERE idx = 'dist_case_summary'")" 1 "statistics of the imported files"

# the same package again, and broken copies: refused, nothing written
pkg="$T/U101.bfpkg"
dump "$D" > "$T/before.sql"
unchanged() { # unchanged DESCRIPTION — the content as it was before
	dump "$D" > "$T/after.sql"
	if cmp -s "$T/before.sql" "$T/after.sql"; then ok "$1: the content is unchanged"; else
		fail "$1: the content changed: $(diff "$T/before.sql" "$T/after.sql" | head -5 | cut -c1-300)"
	fi
}
out=$(qian package import "$pkg" 2>&1); rc=$?
expect_rc 0 $rc "the same package again"
expect_contains "$out" "already imported: nothing changed" "says nothing changed"
unchanged "the same package twice"

# where the content starts and how long it is
hlen=$(LC_ALL=C sed -n '1,/^$/p' "$pkg" | wc -c)
clen=$(LC_ALL=C sed -n '1,/^$/s/^content-length: //p' "$pkg")
flip() { # flip FILE OFFSET — change the byte at OFFSET (0-based) to another one
	b=$(dd if="$1" bs=1 skip="$2" count=1 2>/dev/null)
	if [ "$b" = 7 ]; then b=8; else b=7; fi
	printf '%s' "$b" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
cp "$pkg" "$T/corrupted.bfpkg"
flip "$T/corrupted.bfpkg" $((hlen + clen / 2))
cmp -s "$pkg" "$T/corrupted.bfpkg" && fail "the copy was not changed" || ok "a byte of the content flipped"
out=$(qian package import "$T/corrupted.bfpkg" 2>&1); rc=$?
expect_rc 1 $rc "a package whose content changed is refused"
expect_contains "$out" "refused (corrupted)" "and called corrupted"
unchanged "the corrupted copy"

# the same flip with the content's SHA-256 made to match: only the
# signature can tell
tail -c +$((hlen + 1)) "$T/corrupted.bfpkg" | head -c "$clen" > "$T/content"
sum=$(sha256sum "$T/content" | cut -d' ' -f1)
LC_ALL=C sed "s/^content-sha256: .*/content-sha256: $sum/" "$T/corrupted.bfpkg" > "$T/tampered.bfpkg"
out=$(qian package import "$T/tampered.bfpkg" 2>&1); rc=$?
expect_rc 1 $rc "a re-hashed tampered package is refused"
expect_contains "$out" "refused (tampered)" "and called tampered"
unchanged "the tampered copy"

head -c $((hlen + clen / 3)) "$pkg" > "$T/truncated.bfpkg"
out=$(qian package import "$T/truncated.bfpkg" 2>&1); rc=$?
expect_rc 1 $rc "a truncated package is refused"
expect_contains "$out" "refused (truncated)" "and called truncated"
unchanged "the truncated copy"

LC_ALL=C sed 's/^public-key: .*/public-key: /; s/^signature: .*/signature: none/' "$pkg" > "$T/unsigned.bfpkg"
out=$(qian package import "$T/unsigned.bfpkg" 2>&1); rc=$?
expect_rc 1 $rc "an unsigned package is refused"
expect_contains "$out" "refused (unsigned)" "and called unsigned"
unchanged "the unsigned copy"

LC_ALL=C sed '1s/^BANGFU-PACKAGE 2$/BANGFU-PACKAGE 1/' "$pkg" > "$T/v1.bfpkg"
out=$(qian package import "$T/v1.bfpkg" 2>&1); rc=$?
expect_rc 1 $rc "a version-1 package is refused"
expect_contains "$out" "refused (wrong version)" "and called the wrong version"
expect_contains "$out" "format version 1" "naming the version"
unchanged "the version-1 copy"

# on a terminal (script(1) gives a pty), with the import's progress line
printf 'qian-password\n' > "$T/qian.pw"
out=$(BANGFU_USER=qian script -qec "\"$BANGFU\" --lang en --db \"$DISTRICT_DB\" --password-fd 3 \
	package import \"$T/U102.bfpkg\" \"$T/U103.bfpkg\" 3<\"$T/qian.pw\"" /dev/null 2>&1)
rc=$?
expect_rc 0 $rc "U102's and U103's packages imported"
expect_contains "$out" "Importing the packages (files): " "the progress line on a terminal"
expect_contains "$out" "1 person also appears in another unit's file" "the duplicate is told at import"

# attachment 1, with the full numbers, is the district's to make from the package
out=$(qian district attachment U101 --xlsx "$T/U101-attachment1.xlsx" 2>&1); rc=$?
expect_rc 0 $rc "the district makes U101's attachment 1"
case "$out" in *"Attachment 1 (rows"*) fail "attachment 1: a progress line off a terminal" ;;
*) ok "attachment 1: no progress line off a terminal" ;; esac
expect_contains "$out" "2 files written" "naming its files"
[ "$(stat -c %a "$T/U101-attachment1.xlsx")" = 600 ] && ok "attachment 1 is 0600" ||
	fail "attachment 1 is $(stat -c %a "$T/U101-attachment1.xlsx")"
out=$(unzip -p "$T/U101-attachment1.xlsx" xl/sharedStrings.xml)
expect_contains "$out" "11010519491231002X" "with the full ID number"
expect_contains "$out" "6222021234567890128" "and the bank card"
out=$(sqlite3 "$D" "SELECT purpose FROM reveal_event")
expect_contains "$out" "U101-attachment1.xlsx" "its reveal is recorded, naming the file"
# on a terminal: its rows counted (the files, then their members)
out=$(BANGFU_USER=qian script -qec "\"$BANGFU\" --lang en --db \"$DISTRICT_DB\" --password-fd 3 \
	district attachment U101 --xlsx \"$T/U101-tty.xlsx\" 3<\"$T/qian.pw\"" /dev/null 2>&1)
expect_rc 0 $? "attachment 1 on a terminal"
expect_contains "$out" "Attachment 1 (rows: files, then members): 0 of " "its progress line"
expect_contains "$out" "2 files written" "then the result"
out=$(qian district attachment U404 --xlsx "$T/none.xlsx" 2>&1); rc=$?
expect_rc 1 $rc "no attachment for a unit never imported"
[ ! -e "$T/none.xlsx" ] && ok "and no file" || fail "a file for U404"

# ---- consolidation -----------------------------------------------------------------------
out=$(qian district list --json)
[ "$(echo "$out" | grep -c '"number"')" -eq 4 ] && ok "the list holds the four files" ||
	fail "district list: $out"
out=$(qian district dups)
expect_contains "$out" "1 pair of files share an ID number" "dups finds one pair"
expect_contains "$out" "U101:$a1 张三丰" "U101's employee"
expect_contains "$out" "U102:$b1 张三丰" "in U102's file"
out=$(qian district list --duplicates)
expect_contains "$out" "U101" "--duplicates shows U101's file"
expect_contains "$out" "U102" "and U102's"
case "$out" in *U103*) fail "--duplicates shows U103" ;; *) ok "not U103's" ;; esac
out=$(qian district list --duplicates --json)
[ "$(echo "$out" | grep -c '"duplicates": 1')" -eq 2 ] && ok "both files flagged" ||
	fail "--duplicates --json: $out"

# ---- decisions and replies ------------------------------------------------------------------
out=$(qian district decide "U101:$a1" --accept --amount 2800 2>&1); rc=$?
expect_rc 0 $rc "accept U101's file"
expect_contains "$out" "accepted, final amount 2,800.00" "with the final amount"
reason="张三丰已在第一机械厂申报，同一户不得重复申报"
out=$(qian district decide "U102:$b1" --return --reason "$reason" --back-to docs_complete 2>&1)
rc=$?
expect_rc 0 $rc "return U102's file"
# the district keeps next year's holiday arrangement: it goes down with the replies
printf 'year 2027 国务院办公厅关于2027年部分节假日安排的通知\n2027-01-01 off 元旦\n2027-02-06..2027-02-12 off 春节\n2027-02-14 work 春节\n' > "$T/2027.txt"
out=$(bf --db "$D" holiday import "$T/2027.txt" 2>&1); rc=$?
expect_rc 0 $rc "the district loads 2027's holiday arrangement"
out=$(bf --db "$T/u101.db" holiday list 2027 2>&1)
expect_contains "$out" "no holiday arrangement for 2027" "U101 has no 2027 arrangement yet"
for u in U101 U102; do
	out=$(qian district reply $u --out "$T/reply-$u.bfpkg" 2>&1); rc=$?
	expect_rc 0 $rc "the reply to $u"
done
out=$(qian district reply U103 --out "$T/reply-U103.bfpkg" 2>&1); rc=$?
expect_rc 1 $rc "no reply to a unit with nothing decided"

# ---- the units import their replies -----------------------------------------------------------
reply() { # reply UNIT — imported twice; the second time nothing changes
	db="$T/$(echo "$1" | tr 'U' 'u').db"
	out=$(bf --db "$db" reply import "$T/reply-$1.bfpkg" 2>&1); rc=$?
	expect_rc 0 $rc "$1 imports its reply"
	dump "$db" > "$T/unit-before.sql"
	again=$(bf --db "$db" reply import "$T/reply-$1.bfpkg" 2>&1); rc=$?
	expect_rc 0 $rc "$1 imports it again"
	expect_contains "$again" "nothing changed" "$1: and is told nothing changed"
	dump "$db" > "$T/unit-after.sql"
	cmp -s "$T/unit-before.sql" "$T/unit-after.sql" && ok "$1: the second import changed nothing" ||
		fail "$1: the second import changed: $(diff "$T/unit-before.sql" "$T/unit-after.sql" | head -5)"
}
reply U101
expect_contains "$out" "Accepted: 1, returned: 0" "U101: one accepted"
expect_contains "$out" "Holiday calendar 2027: taken from the district (newer)" "U101 takes 2027 from the reply"
out=$(bf --db "$T/u101.db" holiday list 2027 2>&1)
expect_contains "$out" "2027-02-14 Su  working day  春节" "U101 now has 2027's make-up day"
expect_contains "$out" "district reply" "and says where it came from"
n=$(sqlite3 "$T/u101.db" "SELECT count(*) FROM audit_log WHERE tbl = 'holiday' AND detail LIKE '%2027-02-14%'")
[ "$n" -ge 1 ] && ok "the taken days are audited" || fail "no audit rows for the taken days"

out=$(bf --db "$T/u101.db" case show "$a1")
expect_contains "$out" "Accepted" "U101's file is accepted"
out=$(bf --db "$T/u101.db" case list --status submitted --json | grep -c '"number"')
[ "$out" -eq 1 ] && ok "U101's undecided file is still submitted" || fail "$out submitted"
reply U102
expect_contains "$out" "Accepted: 0, returned: 1" "U102: one returned"
out=$(bf --db "$T/u102.db" case show "$b1")
expect_contains "$out" "Returned" "U102's file is returned"
out=$(bf --db "$T/u102.db" case history "$b1")
expect_contains "$out" "$reason" "the reason is in its history"
# returned, the file can be worked on again
out=$(bf --db "$T/u102.db" case advance "$b1" --to docs_complete 2>&1); rc=$?
expect_rc 0 $rc "the returned file goes back to where the district said"

# a reply meant for U101 is refused by U102
out=$(bf --db "$T/u102.db" reply import "$T/reply-U101.bfpkg" 2>&1); rc=$?
expect_rc 1 $rc "a reply for another unit is refused"

# ---- the district demo -------------------------------------------------------------------------
mkdir "$T/tmp"
out=$(TMPDIR="$T/tmp" "$BANGFU" --lang en demo --district --db "$T/demo-district.db" </dev/null 2>&1)
rc=$?
expect_rc 0 $rc "bangfu demo --district"
[ -z "$(ls -A "$T/tmp")" ] && ok "the demo's unit databases are removed" ||
	fail "left in TMPDIR: $(ls -A "$T/tmp")"
expect_contains "$out" "district  demo-district" "prints the district's account"
dist() { bf_as district demo-district --db "$T/demo-district.db" "$@"; }
out=$(dist district units)
[ "$(echo "$out" | grep -c ' yes ')" -ge 3 ] && ok "the demo's units have keys" ||
	fail "district units: $out"
out=$(dist district list --json)
[ "$(echo "$out" | grep -c '"number"')" -ge 10 ] && ok "the demo's list has files" ||
	fail "demo list: $out"
out=$(dist district dups)
expect_contains "$out" "share an ID number" "the demo has a duplicate"
out=$(dist district units)
expect_contains "$out" "rev. 2" "a batch in its second revision"
out=$("$BANGFU" --lang en demo --district --db "$T/demo-district.db" </dev/null 2>&1); rc=$?
expect_rc 1 $rc "the district demo does not go into a database twice"
finish
