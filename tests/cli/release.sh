#!/bin/sh
# The version comes from one place, configure.ac: bangfu --version shows it
# and the git commit it was built from; debian/changelog names the same
# version (tools/build-deb.sh refuses to build otherwise).
. "${top_srcdir:-.}/tests/cli/lib.sh"
ac=$(sed -n 's/^AC_INIT(\[bangfu\], \[\([^]]*\)\].*/\1/p' "${top_srcdir:-.}/configure.ac")
out=$("$BANGFU" --version)
expect_contains "$out" "bangfu $ac (commit " "--version shows configure.ac's version"
commit=$(git -C "${top_srcdir:-.}" rev-parse --short=12 HEAD 2>/dev/null || true)
if [ -n "$commit" ]; then
	expect_contains "$out" "commit $commit" "--version shows the commit built"
else
	case "$out" in *"commit unknown"* | *"commit "[0-9a-f]*) ok "commit from COMMIT" ;; *) fail "$out" ;; esac
fi
deb=$(sed -n '1s/^bangfu (\([^)]*\)).*/\1/p' "${top_srcdir:-.}/debian/changelog")
expect_contains "$deb" "$ac" "debian/changelog names configure.ac's version"
[ "$deb" = "$ac" ] && ok "exactly" || fail "debian/changelog $deb, configure.ac $ac"
finish
