# households.awk — a case-import CSV of n households (awk -v n=4000 -f households.awk):
# an employee and a spouse each, valid resident IDs (check digits computed),
# none the same. The region part (150102) is not used by the other tests.
function idnum(seq,   body, w, s, i, c) {
	body = sprintf("150102%04d%02d%02d%03d", 1960 + seq % 40, 1 + seq % 12, 1 + seq % 28, seq % 1000)
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
	s = 0
	for (i = 1; i <= 17; i++) s += substr(body, i, 1) * w[i]
	c = substr("10X98765432", s % 11 + 1, 1)
	return body c
}
BEGIN {
	print "户号,关系,姓名,身份证号,婚姻状况,状态,月收入,收入证明,部门,主要致困原因"
	for (h = 1; h <= n; h++) {
		printf "H%d,本人,职工%d,%s,已婚,在岗,1200,单位收入证明,一车间,下岗失业\n", h, h, idnum(2 * h)
		printf "H%d,配偶,配偶%d,%s,已婚,失业,0,失业证或社区证明,,\n", h, h, idnum(2 * h + 1)
	}
}
