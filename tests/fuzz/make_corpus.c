/* make_corpus.c — writes the seed corpus of the package fuzzer into the
 * directory given: sound signed submission and reply packages, an unsigned
 * one, broken ones (cut, one byte flipped, version 2, a bad header line, a
 * changed header), a key file, bare content and a deadline. The key comes from a
 * fixed seed and Ed25519 is deterministic, so the files are the same on
 * every run: tests/fuzz/run.sh checks the committed corpus against them
 * (sh tests/fuzz/run.sh --regen rewrites it). */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/package.h"
#include "fuzz_keys.h"

static const char submission[] =
    "{\"batch\":{\"created\":\"2026-12-20T09:30:00Z\",\"created_by\":\"clerk\",\"id\":"
    "\"2026-01\",\"revision\":1},\"cases\":[{\"amount\":300000,\"category\":2,"
    "\"department\":\"车间\",\"employer\":\"某某公司\",\"household_size\":2,\"id_number\":"
    "\"110101199003070019\",\"members\":[{\"id_number\":\"110101199003070019\",\"name\":"
    "\"张三\",\"relation\":\"self\"},{\"id_number\":null,\"name\":\"李四\",\"relation\":"
    "\"spouse\"}],\"name\":\"张三\",\"number\":\"2026-0001\",\"per_capita\":85000,"
    "\"review\":{\"amount\":300000,\"decision\":\"approve\"},\"status\":\"submitted\"}],"
    "\"format\":\"bangfu-submission\",\"reports\":[{\"end\":\"2026-12-07\",\"place\":"
    "\"食堂\",\"round\":1,\"start\":\"2026-12-01\",\"text\":\"公示无异议\"}],\"unit\":{"
    "\"code\":\"U001\",\"name\":\"某某公司\"},\"version\":1}";

static const char reply[] =
    "{\"created\":\"2026-12-28T10:00:00Z\",\"decisions\":[{\"amount\":250000,\"batch\":"
    "\"2026-01\",\"decided_at\":\"2026-12-28T09:00:00Z\",\"decided_by\":\"district\","
    "\"decision\":\"accept\",\"number\":\"2026-0001\"},{\"back_to\":\"docs_complete\","
    "\"batch\":\"2026-01\",\"decision\":\"return\",\"number\":\"2026-0002\",\"reason\":"
    "\"缺少收入证明\"}],\"district\":{\"code\":\"D01\",\"name\":\"某某区总工会\"},"
    "\"format\":\"bangfu-reply\",\"unit\":{\"code\":\"U001\",\"name\":\"某某公司\"},"
    "\"version\":1}";

static const char *dir;

static void put(const char *name, const char *buf, size_t len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	bf_error err;
	if (bf_pkg_write_file(path, buf, len, &err) != 0) {
		fprintf(stderr, "make_corpus: %s\n", err.msg);
		exit(1);
	}
}

static char *seal(const char *kind, const char *content, const uint8_t *sk, size_t *len)
{
	struct bf_pkg_header h;
	memset(&h, 0, sizeof h);
	strcpy(h.kind, kind);
	strcpy(h.from_code, strcmp(kind, "reply") == 0 ? "D01" : "U001");
	strcpy(h.from_name, "某某公司");
	strcpy(h.to_code, "D01");
	strcpy(h.batch, "2026-01");
	h.revision = 1;
	strcpy(h.created, "2026-12-20T09:30:00Z");
	h.cases = 1;
	memset(h.audit_head, 'a', 64);
	h.audit_rows = 12;
	char *out;
	bf_error err;
	uint8_t to_pk[32], to_sk[64], seed[32];
	fuzz_addressee_keys(to_pk, to_sk);
	fuzz_ephemeral_seed(seed);
	if (bf_pkg_seal_seeded(&h, content, strlen(content), sk, to_pk, seed, &out, len, &err) !=
	    0) {
		fprintf(stderr, "make_corpus: %s\n", err.msg);
		exit(1);
	}
	return out;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: make_corpus DIR\n");
		return 2;
	}
	dir = argv[1];
	if (sodium_init() < 0)
		return 1;
	uint8_t pk[32], sk[64];
	fuzz_sender_keys(pk, sk);

	size_t len;
	char *pkg = seal("submission", submission, sk, &len);
	put("seed-submission-signed", pkg, len);
	put("seed-truncated", pkg, len * 2 / 3);
	char *p = strstr(pkg, "\n\n") + 40;
	*p ^= 0x20;
	put("seed-corrupted", pkg, len);
	*p ^= 0x20;
	pkg[15] = '1';
	put("seed-version-1", pkg, len);
	pkg[15] = '2';
	p = strstr(pkg, "revision: 1");
	p[10] = '2';
	put("seed-tampered-header", pkg, len);
	p[10] = '1';
	memcpy(strstr(pkg, "batch:"), "batc!:", 6);
	put("seed-unknown-header-key", pkg, len);
	free(pkg);

	pkg = seal("reply", reply, sk, &len);
	put("seed-reply-signed", pkg, len);
	free(pkg);
	pkg = seal("submission", submission, NULL, &len);
	put("seed-submission-unsigned", pkg, len);
	free(pkg);

	put("seed-content-submission.json", submission, strlen(submission));
	put("seed-content-reply.json", reply, strlen(reply));
	put("seed-deadline", "2026-12-26 17:30", 16);

	struct bf_pkg_keyfile k;
	memset(&k, 0, sizeof k);
	strcpy(k.code, "U001");
	strcpy(k.name, "某某公司");
	strcpy(k.kind, "unit");
	memcpy(k.pk, pk, 32);
	char *text = bf_pkg_keyfile_write(&k);
	put("seed-keyfile", text, strlen(text));
	free(text);
	return 0;
}
