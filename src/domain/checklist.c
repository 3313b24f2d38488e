/* checklist.c — the document checklist: derived documents merged with the
 * recorded items, the alternative pair, and what is still missing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/checklist.h"

static const char *const status_codes[BF_ITEM_STATUS_COUNT] = {"missing", "received", "waived"};
static const char *const status_labels[BF_ITEM_STATUS_COUNT] = {N_("Missing"), N_("Received"),
                                                                N_("Waived")};

const char *bf_item_status_code(enum bf_item_status s)
{
	return (unsigned)s < BF_ITEM_STATUS_COUNT ? status_codes[s] : "";
}

const char *bf_item_status_label(enum bf_item_status s)
{
	return (unsigned)s < BF_ITEM_STATUS_COUNT ? _(status_labels[s]) : "";
}

int bf_item_status_parse(const char *code)
{
	for (int i = 0; code && i < BF_ITEM_STATUS_COUNT; i++)
		if (!strcmp(status_codes[i], code))
			return i;
	return -1;
}

void bf_checklist_init(struct bf_checklist *cl)
{
	memset(cl, 0, sizeof *cl);
}

void bf_checklist_free(struct bf_checklist *cl)
{
	free(cl->items);
	memset(cl, 0, sizeof *cl);
}

struct bf_checklist_item *bf_checklist_add(struct bf_checklist *cl)
{
	if (cl->n == cl->cap) {
		size_t cap = cl->cap ? cl->cap * 2 : 32;
		struct bf_checklist_item *p = realloc(cl->items, cap * sizeof *p);
		if (!p)
			return NULL;
		cl->items = p;
		cl->cap = cap;
	}
	struct bf_checklist_item *it = &cl->items[cl->n++];
	memset(it, 0, sizeof *it);
	it->member = -1;
	it->status = BF_ITEM_MISSING;
	return it;
}

static void copy_record(struct bf_checklist_item *dst, const struct bf_checklist_item *src)
{
	dst->stored = true;
	dst->status = src->status;
	memcpy(dst->received_date, src->received_date, sizeof dst->received_date);
	dst->copies = src->copies;
	memcpy(dst->received_by, src->received_by, sizeof dst->received_by);
	memcpy(dst->note, src->note, sizeof dst->note);
	memcpy(dst->waive_reason, src->waive_reason, sizeof dst->waive_reason);
	memcpy(dst->waived_by, src->waived_by, sizeof dst->waived_by);
}

static int member_index(const struct bf_case *c, int64_t member_id)
{
	for (size_t i = 0; member_id > 0 && i < c->n_members && i < BF_MAX_MEMBERS; i++)
		if (c->members[i].id == member_id)
			return (int)i;
	return -1;
}

bool bf_checklist_merge(const struct bf_case *c, const struct bf_assessment *a,
                        const struct bf_checklist *stored, struct bf_checklist *out)
{
	out->n = 0;
	enum { MAX_DOCS = 8 + 8 * BF_MAX_MEMBERS };
	struct bf_required_doc *docs = malloc(MAX_DOCS * sizeof *docs);
	if (!docs)
		return false;
	size_t nd = bf_required_documents(c, a, docs, MAX_DOCS);
	size_t ns = stored ? stored->n : 0;
	bool *used = calloc(ns ? ns : 1, sizeof *used);
	if (!used) {
		free(docs);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < nd && ok; i++) {
		struct bf_checklist_item *it = bf_checklist_add(out);
		if (!it) {
			ok = false;
			break;
		}
		const struct bf_required_doc *d = &docs[i];
		bf_strlcpy(it->key, d->key, sizeof it->key);
		it->kind = d->kind;
		it->member = d->member;
		if (d->member >= 0) {
			it->member_id = c->members[d->member].id;
			bf_strlcpy(it->member_name, c->members[d->member].name,
			           sizeof it->member_name);
		}
		it->alt_group = d->alt_group;
		it->pair_member = d->pair_member;
		bf_strlcpy(it->why, d->why, sizeof it->why);
		it->required = true;
		for (size_t k = 0; k < ns; k++) {
			if (!used[k] && !strcmp(stored->items[k].key, d->key)) {
				used[k] = true;
				copy_record(it, &stored->items[k]);
				break;
			}
		}
	}
	/* recorded items the facts no longer require: history */
	for (size_t k = 0; k < ns && ok; k++) {
		if (used[k])
			continue;
		const struct bf_checklist_item *s = &stored->items[k];
		struct bf_checklist_item *it = bf_checklist_add(out);
		if (!it) {
			ok = false;
			break;
		}
		bf_strlcpy(it->key, s->key, sizeof it->key);
		it->kind = s->kind;
		it->member_id = s->member_id;
		it->member = member_index(c, s->member_id);
		if (it->member >= 0)
			bf_strlcpy(it->member_name, c->members[it->member].name,
			           sizeof it->member_name);
		else
			bf_strlcpy(it->member_name, s->member_name, sizeof it->member_name);
		it->required = false;
		copy_record(it, s);
	}
	free(used);
	free(docs);
	return ok;
}

bool bf_item_done(const struct bf_checklist_item *it)
{
	return it->status == BF_ITEM_RECEIVED || it->status == BF_ITEM_WAIVED;
}

void bf_item_title(const struct bf_checklist_item *it, char *buf, size_t n)
{
	if (it->member_name[0])
		snprintf(buf, n, "%s (%s)", bf_doc_label(it->kind), it->member_name);
	else
		snprintf(buf, n, "%s", bf_doc_label(it->kind));
}

void bf_item_title_zh(const struct bf_checklist_item *it, char *buf, size_t n)
{
	if (it->member_name[0])
		snprintf(buf, n, "%s（%s）", bf_doc_zh(it->kind), it->member_name);
	else
		snprintf(buf, n, "%s", bf_doc_zh(it->kind));
}

bool bf_checklist_group_done(const struct bf_checklist *cl, int alt_group)
{
	if (alt_group == 0)
		return false;
	size_t pair = 0, pair_done = 0;
	for (size_t i = 0; i < cl->n; i++) {
		const struct bf_checklist_item *it = &cl->items[i];
		if (!it->required || it->alt_group != alt_group)
			continue;
		if (it->pair_member) {
			pair++;
			pair_done += bf_item_done(it);
		} else if (bf_item_done(it)) {
			return true;
		}
	}
	return pair > 0 && pair_done == pair;
}

static void append(char *buf, size_t n, bool *cut, const char *text)
{
	size_t len = strlen(buf);
	const char *sep = len ? _("; ") : "";
	/* keep room for "…" (3 bytes) */
	if (*cut || len + strlen(sep) + strlen(text) + 4 > n) {
		if (!*cut && len + 4 <= n)
			memcpy(buf + len, "…", 4);
		*cut = true;
		return;
	}
	snprintf(buf + len, n - len, "%s%s", sep, text);
}

void bf_checklist_summarize(const struct bf_checklist *cl, struct bf_checklist_summary *s)
{
	memset(s, 0, sizeof *s);
	bool cut = false;
	int groups_seen[16];
	size_t ngroups = 0;
	for (size_t i = 0; i < cl->n; i++) {
		const struct bf_checklist_item *it = &cl->items[i];
		if (!it->required)
			continue;
		char title[256];
		if (it->alt_group == 0) {
			s->required++;
			if (bf_item_done(it)) {
				s->done++;
				continue;
			}
			bf_item_title(it, title, sizeof title);
			append(s->missing_text, sizeof s->missing_text, &cut, title);
			continue;
		}
		/* an alternative group counts once, at its first item */
		bool seen = false;
		for (size_t g = 0; g < ngroups && !seen; g++)
			seen = groups_seen[g] == it->alt_group;
		if (seen)
			continue;
		if (ngroups < BF_ARRAY_LEN(groups_seen))
			groups_seen[ngroups++] = it->alt_group;
		s->required++;
		if (bf_checklist_group_done(cl, it->alt_group)) {
			s->done++;
			continue;
		}
		/* name the official proof, and what the alternative pair lacks */
		const struct bf_checklist_item *single = NULL;
		char lacking[512] = "";
		size_t pair_done = 0;
		for (size_t k = 0; k < cl->n; k++) {
			const struct bf_checklist_item *o = &cl->items[k];
			if (!o->required || o->alt_group != it->alt_group)
				continue;
			if (!o->pair_member) {
				if (!single)
					single = o;
				continue;
			}
			if (bf_item_done(o)) {
				pair_done++;
				continue;
			}
			char t[256];
			bf_item_title(o, t, sizeof t);
			size_t len = strlen(lacking);
			snprintf(lacking + len, sizeof lacking - len, "%s%s", len ? ", " : "", t);
		}
		bf_item_title(single ? single : it, title, sizeof title);
		char text[1024];
		if (pair_done > 0)
			snprintf(text, sizeof text,
			         _("%s (or the alternative, which still lacks: %s)"), title,
			         lacking);
		else
			snprintf(text, sizeof text, "%s", title);
		append(s->missing_text, sizeof s->missing_text, &cut, text);
	}
	s->missing = s->required - s->done;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int bf_checklist_resolve(const struct bf_checklist *cl, const char *text, size_t *idx, size_t max,
                         char *msg, size_t n)
{
	char buf[128];
	bf_strlcpy(buf, text ? text : "", sizeof buf);
	const char *t = bf_trim(buf);
	if (msg && n)
		msg[0] = '\0';
	if (!*t || max == 0) {
		snprintf(msg, n, "%s", _("Which document? Give its key or number"));
		return -1;
	}
	if (!strcmp(t, BF_PAIR_KEY)) {
		size_t k = 0;
		for (size_t i = 0; i < cl->n && k < max; i++)
			if (cl->items[i].required && cl->items[i].pair_member)
				idx[k++] = i;
		if (k == 0) {
			snprintf(
			    msg, n, "%s",
			    _("No accident or disaster is recorded: there is no alternative pair"));
			return -1;
		}
		return (int)k;
	}
	for (size_t i = 0; i < cl->n; i++) {
		if (!strcmp(cl->items[i].key, t)) {
			idx[0] = i;
			return 1;
		}
	}
	if (all_digits(t)) {
		long want = strtol(t, NULL, 10);
		long pos = 0;
		for (size_t i = 0; i < cl->n; i++) {
			if (cl->items[i].required && ++pos == want) {
				idx[0] = i;
				return 1;
			}
		}
		snprintf(msg, n, _("There is no document number %s (the list has %ld)"), t, pos);
		return -1;
	}
	/* "code:name" or "code" */
	char code[64];
	const char *colon = strchr(t, ':');
	const char *name = NULL;
	size_t clen = colon ? (size_t)(colon - t) : strlen(t);
	if (clen >= sizeof code)
		clen = sizeof code - 1;
	memcpy(code, t, clen);
	code[clen] = '\0';
	if (colon)
		name = colon + 1;
	int kind = bf_doc_parse(code);
	if (kind < 0) {
		snprintf(msg, n, _("Unknown document \"%s\""), t);
		return -1;
	}
	size_t found = 0, first = 0;
	char keys[512] = "";
	for (size_t i = 0; i < cl->n; i++) {
		const struct bf_checklist_item *it = &cl->items[i];
		if (!it->required || (int)it->kind != kind)
			continue;
		if (name && strcmp(it->member_name, name) != 0)
			continue;
		if (found++ == 0)
			first = i;
		size_t len = strlen(keys);
		snprintf(keys + len, sizeof keys - len, "%s%s", len ? ", " : "", it->key);
	}
	if (found == 1) {
		idx[0] = first;
		return 1;
	}
	if (found == 0)
		snprintf(msg, n, _("No required document matches \"%s\""), t);
	else
		snprintf(msg, n, _("\"%s\" matches %zu documents; give one of: %s"), t, found,
		         keys);
	return -1;
}
