#!/bin/sh
# gen-pinyin.sh — build src/domain/pinyin_table.c (Han character -> pinyin
# initial letters) from the Unihan database as shipped in Debian's
# unicode-data package.
#
# Usage: tools/gen-pinyin.sh [UNIHAN_DIR] > src/domain/pinyin_table.c
#        (or `make regen-pinyin`)
#
# UNIHAN_DIR defaults to /usr/share/unicode and must hold
# Unihan_Readings.txt.bz2; Unihan_IRGSources.txt.bz2 is used too when present
# (its kCompatibilityVariant lets U+F900..U+FAFF borrow the readings of their
# unified twins).
#
# For every code point we keep the SET of initial letters over all of its
# Mandarin readings (kMandarin, kHanyuPinlu, kXHC1983, kTGHZ2013,
# kHanyuPinyin) as a 26-bit mask, plus the initial of its customary reading
# (first kMandarin reading; the other fields in that order when it has none).
# Tone marks are stripped: only the first letter of a syllable matters, so
# a/e/o/m/n with a diacritic are mapped to the bare letter.
#
# Output (see include/bangfu/pinyin.h for the layout):
#   bf_pinyin_values[]  distinct (first << 27 | mask) words, [0] = unknown
#   bf_pinyin_dense[]   one uint16_t index into values per code point of the
#                       blocks in bf_pinyin_blocks[] (URO, Ext A, compat)
#   bf_pinyin_sparse_*  sorted (code point, index) pairs for everything else
#                       (Ext B..H, compatibility supplement)
#
# Plain POSIX sh + awk (mawk is fine), bzcat, sort. Deterministic output.
set -eu

LC_ALL=C
export LC_ALL

dir=${1:-/usr/share/unicode}
readings=$dir/Unihan_Readings.txt.bz2
irg=$dir/Unihan_IRGSources.txt.bz2
me=gen-pinyin.sh

if [ ! -r "$readings" ]; then
	echo "$me: cannot read $readings (apt-get install unicode-data)" >&2
	exit 1
fi
have_irg=no
if [ -r "$irg" ]; then
	have_irg=yes
fi

# Provenance for the header comment.
hdr=$(bzcat "$readings" | sed -n '/^U+/q;p')
ucd_version=$(printf '%s\n' "$hdr" | sed -n 's/^# Unicode version: *//p')
ucd_date=$(printf '%s\n' "$hdr" | sed -n 's/^# Date: *//p')
pkg="unknown"
if [ "$dir" = /usr/share/unicode ] && command -v dpkg-query >/dev/null 2>&1; then
	pkg=$(dpkg-query -W -f='${Package} ${Version}' unicode-data 2>/dev/null) || pkg="unknown"
fi

tmp=$(mktemp "${TMPDIR:-/tmp}/gen-pinyin.XXXXXX")
trap 'rm -f "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# ---- stage 1: one line per code point: "<decimal cp> <first> <letters>" ----
{
	if [ $have_irg = yes ]; then
		bzcat "$irg" | awk -F'\t' '$1 ~ /^U\+/ && $2 == "kCompatibilityVariant"'
	fi
	bzcat "$readings"
} | awk -F'\t' -v me="$me" '
function hexval(s,   i, v) {
	sub(/^U\+/, "", s)
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
	return v
}
# First letter of a pinyin syllable, tone marks stripped; "" if unknown.
function initial(r,   c) {
	c = substr(r, 1, 1)
	if (c ~ /^[a-z]$/)
		return c
	if (substr(r, 1, 2) in base)
		return base[substr(r, 1, 2)]
	if (substr(r, 1, 3) in base)
		return base[substr(r, 1, 3)]
	return ""
}
BEGIN {
	# UTF-8 of the marked letters that can start a syllable
	base["\303\240"] = "a"; base["\303\241"] = "a"	# a grave, acute
	base["\304\201"] = "a"; base["\307\216"] = "a"	# a macron, caron
	base["\303\250"] = "e"; base["\303\251"] = "e"	# e grave, acute
	base["\304\223"] = "e"; base["\304\233"] = "e"	# e macron, caron
	base["\303\252"] = "e"				# e circumflex (+ tone)
	base["\341\272\277"] = "e"; base["\341\273\201"] = "e"	# U+1EBF U+1EC1
	base["\303\262"] = "o"; base["\303\263"] = "o"	# o grave, acute
	base["\305\215"] = "o"; base["\307\222"] = "o"	# o macron, caron
	base["\305\204"] = "n"; base["\305\210"] = "n"	# n acute, caron
	base["\307\271"] = "n"				# n grave
	base["\341\270\277"] = "m"			# m acute U+1E3F
	nf = split("kMandarin kHanyuPinlu kXHC1983 kTGHZ2013 kHanyuPinyin", field, " ")
	for (i = 1; i <= nf; i++)
		rank[field[i]] = i
	letters = "abcdefghijklmnopqrstuvwxyz"
	bad = 0
	n = 0
}
/^#/ { next }
$2 == "kCompatibilityVariant" { compat[$1] = $3; next }
!($2 in rank) { next }
{
	cp = $1
	if (!(cp in seen)) {
		seen[cp] = 1
		order[++n] = cp
	}
	nt = split($3, tok, " ")
	for (i = 1; i <= nt; i++) {
		s = tok[i]
		sub(/^[^:]*:/, "", s)	# dictionary position (kHanyuPinyin, kXHC1983, kTGHZ2013)
		sub(/\(.*$/, "", s)	# frequency (kHanyuPinlu)
		nr = split(s, rd, ",")
		for (j = 1; j <= nr; j++) {
			l = initial(rd[j])
			if (l == "") {
				printf "%s: %s %s: cannot read \"%s\"\n", me, cp, $2, rd[j] > "/dev/stderr"
				bad = 1
				continue
			}
			has[cp, l] = 1
			if (!((cp, $2) in first))
				first[cp, $2] = l
		}
	}
}
function emit(out, src,   f, k, i, set) {
	f = ""
	for (k = 1; k <= nf && f == ""; k++)
		if ((src, field[k]) in first)
			f = first[src, field[k]]
	set = ""
	for (i = 1; i <= 26; i++)
		if ((src, substr(letters, i, 1)) in has)
			set = set substr(letters, i, 1)
	print hexval(out) "\t" f "\t" set
}
END {
	if (bad)
		exit 1
	if (n < 20000) {
		printf "%s: only %d characters with readings; wrong input?\n", me, n > "/dev/stderr"
		exit 1
	}
	for (i = 1; i <= n; i++)
		emit(order[i], order[i])
	# compatibility ideographs without readings of their own
	for (c in compat)
		if (!(c in seen) && (compat[c] in seen))
			emit(c, compat[c])
}' >"$tmp"

# ---- stage 2: the C file ---------------------------------------------------
sort -n "$tmp" | awk -F'\t' -v me="$me" -v pkg="$pkg" -v ucdv="$ucd_version" \
	-v ucdd="$ucd_date" -v irg="$have_irg" '
BEGIN {
	letters = "abcdefghijklmnopqrstuvwxyz"
	# dense blocks, most used first: URO, Extension A, Compatibility Ideographs
	nb = split("19968 40959 13312 19903 63744 64255", b, " ") / 2
	for (i = 1; i <= nb; i++) {
		lo[i] = b[2 * i - 1] + 0
		hi[i] = b[2 * i] + 0
	}
	npal = 1	# [0] = unknown
	nsparse = 0
	nchars = 0
	prev = -1
}
{
	cp = $1 + 0
	if (cp <= prev) {
		printf "%s: code points out of order at %d\n", me, cp > "/dev/stderr"
		failed = 1
		exit 1
	}
	prev = cp
	key = $2 ":" $3
	if (!(key in pal)) {
		pal[key] = npal
		pfirst[npal] = $2
		pset[npal] = $3
		npal++
	}
	ix[cp] = pal[key]
	nchars++
	dense = 0
	for (i = 1; i <= nb; i++)
		if (cp >= lo[i] && cp <= hi[i])
			dense = 1
	if (!dense)
		sparse[++nsparse] = cp
}
END {
	if (failed)
		exit 1
	if (npal > 65536) {
		printf "%s: %d distinct values do not fit uint16_t\n", me, npal > "/dev/stderr"
		exit 1
	}
	print "/* pinyin_table.c — GENERATED by tools/gen-pinyin.sh; do not edit, run `make regen-pinyin`."
	print " *"
	print " * Source: Unihan_Readings.txt from the Unicode Character Database " ucdv
	print " *         (file date " ucdd "),"
	print " *         as packaged in Debian: " pkg " (dpkg-query -W unicode-data)."
	if (irg == "yes")
		print " *         Unihan_IRGSources.txt kCompatibilityVariant for compatibility ideographs."
	print " * Fields: kMandarin, kHanyuPinlu, kXHC1983, kTGHZ2013, kHanyuPinyin (all readings);"
	print " *         first reading = first kMandarin reading (others in that order if absent)."
	printf " * %d code points, %d distinct values, %d sparse entries.\n", nchars, npal, nsparse
	print " *"
	print " * Unicode data © Unicode, Inc., under the Unicode License"
	print " * (https://www.unicode.org/license.txt)."
	print " */"
	print "// clang-format off"
	print "#include \"config.h\""
	print ""
	print "#include \"bangfu/pinyin.h\""
	print ""
	printf "const size_t bf_pinyin_nchars = %d;\n\n", nchars
	print "/* (first initial 1..26 << 27) | mask of all initials, bit 0 = a */"
	printf "const uint32_t bf_pinyin_values[%d] = {\n", npal
	print "\t0u,"
	for (p = 1; p < npal; p++) {
		m = 0
		for (i = 1; i <= length(pset[p]); i++)
			m += 2 ^ (index(letters, substr(pset[p], i, 1)) - 1)
		printf "\t%du << 27 | 0x%07xu, /* %s: %s */\n", index(letters, pfirst[p]), m, pfirst[p], pset[p]
	}
	print "};"
	printf "const size_t bf_pinyin_nvalues = %d;\n\n", npal

	print "const struct bf_pinyin_block bf_pinyin_blocks[BF_PINYIN_NBLOCKS] = {"
	off = 0
	for (i = 1; i <= nb; i++) {
		printf "\t{0x%04X, 0x%04X, %d},\n", lo[i], hi[i], off
		off += hi[i] - lo[i] + 1
	}
	print "};"
	if (nb != 3) {
		printf "%s: BF_PINYIN_NBLOCKS in pinyin.h says 3 blocks\n", me > "/dev/stderr"
		exit 1
	}
	print ""
	printf "const uint16_t bf_pinyin_dense[%d] = {\n", off
	for (i = 1; i <= nb; i++) {
		for (c = lo[i]; c <= hi[i]; c += 16) {
			line = sprintf("/* %04X */", c)
			for (k = c; k < c + 16 && k <= hi[i]; k++)
				line = line sprintf("%d,", (k in ix) ? ix[k] : 0)
			print line
		}
	}
	print "};"
	print ""
	printf "const size_t bf_pinyin_nsparse = %d;\n", nsparse
	printf "const uint32_t bf_pinyin_sparse_cp[%d] = {\n", nsparse
	line = ""
	for (s = 1; s <= nsparse; s++) {
		line = line sprintf("0x%X,", sparse[s])
		if (s % 12 == 0 || s == nsparse) {
			print line
			line = ""
		}
	}
	print "};"
	printf "const uint16_t bf_pinyin_sparse_ix[%d] = {\n", nsparse
	line = ""
	for (s = 1; s <= nsparse; s++) {
		line = line sprintf("%d,", ix[sparse[s]])
		if (s % 24 == 0 || s == nsparse) {
			print line
			line = ""
		}
	}
	print "};"
}'
