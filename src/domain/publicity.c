/* publicity.c — the publicity notice (公示): period, template, privacy, and
 * the rules objections follow. Pure domain code (see publicity.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bangfu/ident.h"
#include "bangfu/publicity.h"

/* ---- rounds ------------------------------------------------------------------ */

const char *bf_round_status_code(int s)
{
	return s == BF_ROUND_CLOSED ? "closed" : s == BF_ROUND_OPEN ? "open" : "";
}

const char *bf_round_status_label(int s)
{
	return s == BF_ROUND_CLOSED ? _("Publicity over")
	       : s == BF_ROUND_OPEN ? _("In publicity")
	                            : "";
}

int bf_round_status_parse(const char *code)
{
	if (!code)
		return -1;
	if (!strcmp(code, "open"))
		return BF_ROUND_OPEN;
	if (!strcmp(code, "closed"))
		return BF_ROUND_CLOSED;
	return -1;
}

bf_date bf_pub_period_end(const struct bf_calendar *cal, bf_date start, int days)
{
	return bf_working_period_end(cal, start, days > 0 ? days : BF_PUB_DEFAULT_DAYS);
}

int bf_pub_days_left(const struct bf_calendar *cal, bf_date today, bf_date end)
{
	if (today == BF_DATE_NONE || end == BF_DATE_NONE || today > end)
		return 0;
	return bf_working_days_between(cal, today, end);
}

bool bf_round_close_check(bf_date today, bf_date end, size_t objections_open, char *msg, size_t n)
{
	if (msg && n)
		msg[0] = '\0';
	if (end != BF_DATE_NONE && today != BF_DATE_NONE && today <= end) {
		char e[BF_DATE_SZ];
		bf_date_format(end, e);
		snprintf(msg, n,
		         _("The publicity period runs until %s; the round can be closed only after "
		           "that day"),
		         e);
		return false;
	}
	if (objections_open > 0) {
		snprintf(
		    msg, n,
		    ngettext("%zu objection is still open: resolve it before closing the round",
		             "%zu objections are still open: resolve them before closing the round",
		             objections_open),
		    objections_open);
		return false;
	}
	return true;
}

void bf_pub_alert_text(size_t ending_today, size_t overdue, size_t objections_waiting, char *buf,
                       size_t n)
{
	if (!buf || !n)
		return;
	buf[0] = '\0';
	char part[3][160];
	size_t k = 0;
	if (ending_today)
		snprintf(part[k++], sizeof part[0],
		         ngettext("%zu publicity round ends today",
		                  "%zu publicity rounds end today", ending_today),
		         ending_today);
	if (overdue)
		snprintf(part[k++], sizeof part[0],
		         ngettext("%zu publicity round is over and waits to be closed",
		                  "%zu publicity rounds are over and wait to be closed", overdue),
		         overdue);
	if (objections_waiting)
		snprintf(part[k++], sizeof part[0],
		         ngettext("%zu objection waits to be resolved",
		                  "%zu objections wait to be resolved", objections_waiting),
		         objections_waiting);
	for (size_t i = 0; i < k; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s", i ? _("; ") : "", part[i]);
	}
}

/* ---- objections ---------------------------------------------------------------- */

static const struct {
	const char *code, *label;
} obj_states[] = {
#define X(id, code, label) {code, label},
    BF_OBJ_STATUSES(X)
#undef X
};

const char *bf_obj_status_code(int s)
{
	return (unsigned)s < BF_OBJ_STATUS_COUNT ? obj_states[s].code : "";
}

const char *bf_obj_status_label(int s)
{
	return (unsigned)s < BF_OBJ_STATUS_COUNT ? _(obj_states[s].label) : "";
}

int bf_obj_status_parse(const char *code)
{
	for (int i = 0; code && i < BF_OBJ_STATUS_COUNT; i++)
		if (!strcmp(code, obj_states[i].code))
			return i;
	return -1;
}

bool bf_obj_is_open(int s)
{
	return s == BF_OBJ_OPEN || s == BF_OBJ_INVESTIGATING;
}

static const struct {
	const char *code, *label, *zh;
} vias[] = {
#define X(id, code, label, zh) {code, label, zh},
    BF_OBJ_VIAS(X)
#undef X
};

const char *bf_obj_via_code(int v)
{
	return (unsigned)v < BF_VIA_COUNT ? vias[v].code : "";
}

const char *bf_obj_via_label(int v)
{
	return (unsigned)v < BF_VIA_COUNT ? _(vias[v].label) : "";
}

const char *bf_obj_via_zh(int v)
{
	return (unsigned)v < BF_VIA_COUNT ? vias[v].zh : "";
}

int bf_obj_via_parse(const char *text)
{
	for (int i = 0; text && i < BF_VIA_COUNT; i++)
		if (!strcasecmp(text, vias[i].code) || !strcmp(text, vias[i].zh) ||
		    !strcasecmp(text, vias[i].label) || !strcmp(text, _(vias[i].label)))
			return i;
	if (text && (!strcasecmp(text, "in-person") || !strcasecmp(text, "person")))
		return BF_VIA_IN_PERSON;
	return -1;
}

bool bf_obj_check(int s, enum bf_obj_action a, const char *text, bool round_open, char *msg,
                  size_t n)
{
	if (msg && n)
		msg[0] = '\0';
	if (!round_open) {
		snprintf(msg, n, "%s",
		         _("The round is closed: its objections can no longer change"));
		return false;
	}
	if (!bf_obj_is_open(s)) {
		snprintf(msg, n, _("The objection is already resolved (%s)"),
		         bf_obj_status_label(s));
		return false;
	}
	if (bf_blank(text)) {
		snprintf(msg, n, "%s",
		         a == BF_OBJ_INVESTIGATE
		             ? _("An investigation needs a note of what was found")
		             : _("Resolving an objection needs the reason"));
		return false;
	}
	return true;
}

bool bf_obj_new_check(const char *claim, bf_date received, bf_date round_start, bf_date today,
                      char *msg, size_t n)
{
	if (msg && n)
		msg[0] = '\0';
	if (bf_blank(claim)) {
		snprintf(msg, n, "%s", _("An objection needs what is claimed"));
		return false;
	}
	if (received != BF_DATE_NONE && today != BF_DATE_NONE && received > today) {
		snprintf(msg, n, "%s",
		         _("The date an objection was received cannot be in the future"));
		return false;
	}
	if (received != BF_DATE_NONE && round_start != BF_DATE_NONE && received < round_start) {
		snprintf(msg, n, "%s",
		         _("The date an objection was received is before the publicity started"));
		return false;
	}
	return true;
}

/* ---- the notice ------------------------------------------------------------------- */

void bf_pub_entry_from_case(struct bf_pub_entry *e, const struct bf_case *c, int category,
                            bf_fen amount, int id_digits)
{
	memset(e, 0, sizeof *e);
	bf_strlcpy(e->number, c->number, sizeof e->number);
	if (c->n_members > 0) {
		bf_strlcpy(e->name, c->members[0].name, sizeof e->name);
		bf_mask_id_notice(c->members[0].id_number, id_digits, e->id_masked,
		                  sizeof e->id_masked);
	}
	bf_strlcpy(e->department, c->department, sizeof e->department);
	e->category = category >= 1 && category <= 5 ? category : 0;
	e->amount = amount > 0 ? amount : 0;
}

static const char *cat_zh(int category)
{
	static const char *const zh[] = {"第一类", "第二类", "第三类", "第四类", "第五类"};
	return category >= 1 && category <= 5 ? zh[category - 1] : "—";
}

void bf_date_zh(bf_date d, char *buf, size_t n)
{
	if (d == BF_DATE_NONE) {
		snprintf(buf, n, "%s", "　　年　月　日");
		return;
	}
	int y, m, day;
	bf_date_to_ymd(d, &y, &m, &day);
	snprintf(buf, n, "%d年%d月%d日", y, m, day);
}

const char *bf_pub_default_template(void)
{
	return "关于{unit}困难职工帮扶对象的公示\n"
	       "\n"
	       "根据困难职工帮扶工作的有关规定，经职工本人申请、{union}入户调查和集体审核，"
	       "拟确定以下{count}名职工为困难职工帮扶对象，现予以公示。\n"
	       "\n"
	       "{list}\n"
	       "公示期：{start}至{end}（{days}个工作日）。\n"
	       "公示地点：{place}。\n"
	       "公示期间，如对公示对象有异议，请以电话、信函或当面方式向{union}反映。"
	       "反映情况应实事求是，提倡署名反映。\n"
	       "联系人：{contact}　联系电话：{phone}　办公地点：{office}\n"
	       "\n"
	       "{union}（盖章）\n"
	       "{date}\n";
}

/* A growable string. */
struct sbuf {
	char *s;
	size_t len, cap;
	bool oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s ? s : "", strlen(s ? s : ""));
}

static char *sb_done(struct sbuf *b)
{
	if (b->oom) {
		free(b->s);
		return NULL;
	}
	if (!b->s)
		sb_add(b, "", 0);
	return b->oom ? NULL : b->s;
}

char *bf_pub_list_text(const struct bf_pub_entry *e, size_t n)
{
	struct sbuf b = {0};
	sb_str(&b, "序号　姓名　部门　身份证号　帮扶类别　拟帮扶金额（元）\n");
	for (size_t i = 0; i < n; i++) {
		char line[512], money[32];
		if (e[i].amount > 0)
			bf_money_format(e[i].amount, money, sizeof money);
		else
			snprintf(money, sizeof money, "%s", "—");
		snprintf(line, sizeof line, "%zu　%s　%s　%s　%s　%s\n", i + 1, e[i].name,
		         e[i].department[0] ? e[i].department : "—", e[i].id_masked,
		         cat_zh(e[i].category), money);
		sb_str(&b, line);
	}
	return sb_done(&b);
}

char *bf_pub_render(const char *tpl, const struct bf_pub_notice *nt)
{
	struct sbuf b = {0};
	if (!tpl)
		tpl = bf_pub_default_template();
	const char *p = tpl;
	while (*p) {
		const char *open = strchr(p, '{');
		if (!open) {
			sb_str(&b, p);
			break;
		}
		sb_add(&b, p, (size_t)(open - p));
		const char *close = strchr(open, '}');
		if (!close) {
			sb_str(&b, open);
			break;
		}
		size_t klen = (size_t)(close - open - 1);
		char key[16] = "";
		if (klen < sizeof key)
			memcpy(key, open + 1, klen), key[klen] = '\0';
		char tmp[64];
		const char *val = NULL;
		char *owned = NULL;
		if (!strcmp(key, "unit"))
			val = nt->unit_name;
		else if (!strcmp(key, "union"))
			val = nt->union_name && nt->union_name[0] ? nt->union_name : nt->unit_name;
		else if (!strcmp(key, "place"))
			val = nt->place;
		else if (!strcmp(key, "contact"))
			val = nt->contact;
		else if (!strcmp(key, "phone"))
			val = nt->phone;
		else if (!strcmp(key, "office"))
			val = nt->office;
		else if (!strcmp(key, "count"))
			snprintf(tmp, sizeof tmp, "%zu", nt->n), val = tmp;
		else if (!strcmp(key, "days"))
			snprintf(tmp, sizeof tmp, "%d", nt->days), val = tmp;
		else if (!strcmp(key, "start"))
			bf_date_zh(nt->start, tmp, sizeof tmp), val = tmp;
		else if (!strcmp(key, "end"))
			bf_date_zh(nt->end, tmp, sizeof tmp), val = tmp;
		else if (!strcmp(key, "date"))
			bf_date_zh(nt->signed_on, tmp, sizeof tmp), val = tmp;
		else if (!strcmp(key, "list"))
			val = owned = bf_pub_list_text(nt->entries, nt->n);
		if (val) {
			sb_str(&b, val);
		} else {
			sb_add(&b, open, (size_t)(close - open + 1)); /* unknown: left as is */
		}
		free(owned);
		p = close + 1;
	}
	return sb_done(&b);
}
