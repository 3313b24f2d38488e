/* holiday.c — the holiday calendar's file formats and its coverage (see
 * bangfu/holiday.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/holiday.h"

#define MAX_RUN 366 /* days in one range or event */

const char *bf_day_kind_code(enum bf_day_kind kind)
{
	return kind == BF_DAY_WORKDAY ? "work" : "off";
}

bool bf_day_kind_parse(const char *s, enum bf_day_kind *kind)
{
	if (!strcmp(s, "off") || !strcmp(s, "休") || !strcmp(s, "放假") || !strcmp(s, "holiday")) {
		*kind = BF_DAY_HOLIDAY;
		return true;
	}
	if (!strcmp(s, "work") || !strcmp(s, "班") || !strcmp(s, "上班") || !strcmp(s, "workday")) {
		*kind = BF_DAY_WORKDAY;
		return true;
	}
	return false;
}

const char *bf_weekday_label(int weekday)
{
	static const char *const names[] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"),
	                                    N_("Fr"), N_("Sa"), N_("Su")};
	return weekday >= 1 && weekday <= 7 ? _(names[weekday - 1]) : "";
}

const char *bf_day_kind_label(enum bf_day_kind kind)
{
	return kind == BF_DAY_WORKDAY ? _("working day") : _("day off");
}

void bf_holiday_file_free(struct bf_holiday_file *f)
{
	if (!f)
		return;
	free(f->days);
	free(f->years);
	memset(f, 0, sizeof *f);
}

static int add_year(struct bf_holiday_file *f, int year, const char *note)
{
	for (size_t i = 0; i < f->nyears; i++)
		if (f->years[i].year == year) {
			if (note && note[0])
				bf_strlcpy(f->years[i].note, note, sizeof f->years[i].note);
			return 0;
		}
	struct bf_holiday_year *y = bf_push(&f->years, &f->capyears, &f->nyears, sizeof *y);
	if (!y)
		return -1;
	y->year = year;
	bf_strlcpy(y->note, note ? note : "", sizeof y->note);
	return 0;
}

static int add_days(struct bf_holiday_file *f, bf_date from, bf_date to, enum bf_day_kind kind,
                    const char *name)
{
	for (bf_date d = from; d <= to; d++) {
		struct bf_holiday_day *day = bf_push(&f->days, &f->cap, &f->n, sizeof *day);
		if (!day)
			return -1;
		day->date = d;
		day->kind = kind;
		bf_strlcpy(day->name, name ? name : "", sizeof day->name);
	}
	return 0;
}

struct pos_day {
	struct bf_holiday_day d;
	size_t pos;
};

static int pos_day_cmp(const void *a, const void *b)
{
	const struct pos_day *x = a, *y = b;
	if (x->d.date != y->d.date)
		return x->d.date < y->d.date ? -1 : 1;
	return x->pos < y->pos ? -1 : (x->pos > y->pos);
}

static int year_cmp(const void *a, const void *b)
{
	const struct bf_holiday_year *x = a, *y = b;
	return (x->year > y->year) - (x->year < y->year);
}

/* Sort the days by date (the later of two lines for one date wins) and the
 * years. */
static int finish(struct bf_holiday_file *f)
{
	if (f->n) {
		struct pos_day *t = malloc(f->n * sizeof *t);
		if (!t)
			return -1;
		for (size_t i = 0; i < f->n; i++) {
			t[i].d = f->days[i];
			t[i].pos = i;
		}
		qsort(t, f->n, sizeof *t, pos_day_cmp);
		size_t k = 0;
		for (size_t i = 0; i < f->n; i++) {
			if (k && f->days[k - 1].date == t[i].d.date)
				k--;
			f->days[k++] = t[i].d;
		}
		f->n = k;
		free(t);
	}
	qsort(f->years, f->nyears, sizeof *f->years, year_cmp);
	return 0;
}

/* The next line of text into buf (without \r\n); false at the end. A line
 * too long for buf is cut (and then refused by the parsers' checks). */
static bool next_line(const char **p, const char *end, char *buf, size_t n)
{
	if (*p >= end)
		return false;
	const char *s = *p, *e = memchr(s, '\n', (size_t)(end - s));
	if (!e)
		e = end;
	*p = e < end ? e + 1 : end;
	size_t len = (size_t)(e - s);
	if (len && s[len - 1] == '\r')
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return true;
}

static const char *skip_bom(const char *text, size_t *len)
{
	if (*len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		*len -= 3;
		return text + 3;
	}
	return text;
}

static char *next_word(char **s)
{
	char *p = *s;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p) {
		*s = p;
		return NULL;
	}
	char *w = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p)
		*p++ = '\0';
	*s = p;
	return w;
}

static bool name_ok(const char *name, bf_error *err, const char *fname, int line)
{
	if (strlen(name) >= BF_HOLIDAY_NAME_SZ) {
		bf_error_set(err, _("%s: line %d: the name is longer than %d bytes"), fname, line,
		             BF_HOLIDAY_NAME_SZ - 1);
		return false;
	}
	return true;
}

static int parse_text(const char *text, size_t len, const char *fname, struct bf_holiday_file *f,
                      bf_error *err)
{
	const char *p = text, *end = text + len;
	char buf[1024];
	int line = 0;
	while (next_line(&p, end, buf, sizeof buf)) {
		line++;
		char *s = bf_trim(buf);
		if (!*s || *s == '#')
			continue;
		char *w = next_word(&s);
		if (!strcmp(w, "year")) {
			char *y = next_word(&s);
			char *endp = NULL;
			long year = y ? strtol(y, &endp, 10) : 0;
			if (!y || *endp || year < 1900 || year > 2199) {
				bf_error_set(err,
				             _("%s: line %d: year: expected a year such as 2027"),
				             fname, line);
				return -1;
			}
			if (add_year(f, (int)year, bf_trim(s)) != 0)
				goto oom;
			continue;
		}
		bf_date from, to;
		char *dots = strstr(w, "..");
		if (dots)
			*dots = '\0';
		if (!bf_date_parse(w, &from) || (dots && !bf_date_parse(dots + 2, &to))) {
			bf_error_set(err,
			             _("%s: line %d: expected a date (YYYY-MM-DD), a range "
			               "(YYYY-MM-DD..YYYY-MM-DD) or 'year'"),
			             fname, line);
			return -1;
		}
		if (!dots)
			to = from;
		if (to < from || to - from >= MAX_RUN) {
			bf_error_set(err,
			             _("%s: line %d: the range must run forward, at most %d days"),
			             fname, line, MAX_RUN);
			return -1;
		}
		enum bf_day_kind kind;
		char *k = next_word(&s);
		if (!k || !bf_day_kind_parse(k, &kind)) {
			bf_error_set(err,
			             _("%s: line %d: after the date: expected 'off' or 'work'"),
			             fname, line);
			return -1;
		}
		char *name = bf_trim(s);
		if (!name_ok(name, err, fname, line))
			return -1;
		if (add_days(f, from, to, kind, name) != 0)
			goto oom;
	}
	if (f->n == 0 && f->nyears == 0) {
		bf_error_set(err, _("%s: no days and no year in the file"), fname);
		return -1;
	}
	return 0;
oom:
	bf_error_set(err, _("out of memory"));
	return -1;
}

/* ---- iCalendar ------------------------------------------------------------------- */

/* A DTSTART/DTEND value: YYYYMMDD, optionally followed by THHMMSS[Z].
 * *midnight tells whether a time part is 00:00:00 (or absent). */
static bool ics_date(const char *v, bf_date *d, bool *midnight)
{
	int y, m, day;
	char rest[16] = "";
	if (strlen(v) < 8 || sscanf(v, "%4d%2d%2d%15s", &y, &m, &day, rest) < 3)
		return false;
	for (int i = 0; i < 8; i++)
		if (v[i] < '0' || v[i] > '9')
			return false;
	if (!bf_ymd_valid(y, m, day))
		return false;
	*d = bf_date_from_ymd(y, m, day);
	*midnight = !rest[0] || !strncmp(rest, "T000000", 7);
	return true;
}

static bool contains(const char *s, const char *what)
{
	return strstr(s, what) != NULL;
}

static bool contains_ci(const char *s, const char *what)
{
	size_t n = strlen(what);
	for (; *s; s++) {
		size_t i = 0;
		while (i < n && s[i] && (s[i] | 0x20) == (what[i] | 0x20))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* Kind from X-APPLE-SPECIAL-DAY, else from the summary's 班/休. */
static bool ics_kind(const char *special, const char *summary, enum bf_day_kind *kind)
{
	if (!strcmp(special, "ALTERNATE-WORKDAY")) {
		*kind = BF_DAY_WORKDAY;
		return true;
	}
	if (!strcmp(special, "WORK-HOLIDAY")) {
		*kind = BF_DAY_HOLIDAY;
		return true;
	}
	if (contains(summary, "班") || contains_ci(summary, "(work") ||
	    contains_ci(summary, "workday")) {
		*kind = BF_DAY_WORKDAY;
		return true;
	}
	if (contains(summary, "休") || contains(summary, "假") || contains_ci(summary, "holiday")) {
		*kind = BF_DAY_HOLIDAY;
		return true;
	}
	return false;
}

/* The holiday's name: the summary up to a bracket or a marker of the kind
 * ("春节(休)", "春节 假期 第1天/共8天", "New Year's Day(Holiday)"). */
static void ics_name(const char *summary, char *out, size_t n)
{
	bf_strlcpy(out, summary, n);
	static const char *const cut[] = {"(", "（", " 休", " 班", " 假", " 补", " 第", " 上班"};
	for (size_t i = 0; i < BF_ARRAY_LEN(cut); i++) {
		char *c = strstr(out, cut[i]);
		if (c && c != out)
			*c = '\0';
	}
	bf_trim(out);
}

struct ics_event {
	int line; /* of BEGIN:VEVENT */
	bf_date start, end;
	bool have_start, have_end, end_midnight;
	char summary[256], special[64];
};

static int ics_event_done(struct bf_holiday_file *f, const struct ics_event *ev, const char *fname,
                          bf_error *err)
{
	if (!ev->have_start) {
		bf_error_set(err, _("%s: line %d: the event has no DTSTART date"), fname, ev->line);
		return -1;
	}
	bf_date last = ev->start;
	if (ev->have_end)
		last = ev->end_midnight ? ev->end - 1 : ev->end;
	if (last < ev->start)
		last = ev->start;
	if (last - ev->start >= MAX_RUN) {
		bf_error_set(err, _("%s: line %d: the event is longer than %d days"), fname,
		             ev->line, MAX_RUN);
		return -1;
	}
	enum bf_day_kind kind;
	if (!ics_kind(ev->special, ev->summary, &kind)) {
		bf_error_set(err,
		             _("%s: line %d: cannot tell whether \"%s\" is a day off or a "
		               "working day (expected 休 or 班 in SUMMARY)"),
		             fname, ev->line, ev->summary);
		return -1;
	}
	char name[BF_HOLIDAY_NAME_SZ];
	ics_name(ev->summary, name, sizeof name);
	if (add_days(f, ev->start, last, kind, name) != 0)
		goto oom;
	for (bf_date d = ev->start; d <= last; d++) {
		int y, m, day;
		bf_date_to_ymd(d, &y, &m, &day);
		if (add_year(f, y, NULL) != 0)
			goto oom;
	}
	return 0;
oom:
	bf_error_set(err, _("out of memory"));
	return -1;
}

static int parse_ics(const char *text, size_t len, const char *fname, struct bf_holiday_file *f,
                     bf_error *err)
{
	const char *p = text, *end = text + len;
	char raw[1024], cur[2048] = "";
	int line = 0, cur_line = 0;
	struct ics_event ev;
	bool in_event = false;
	bool more = true;
	while (more) {
		/* unfold: a line starting with a space or tab continues the one before */
		more = next_line(&p, end, raw, sizeof raw);
		if (more) {
			line++;
			if ((raw[0] == ' ' || raw[0] == '\t') && cur_line) {
				size_t l = strlen(cur);
				bf_strlcpy(cur + l, raw + 1, sizeof cur - l);
				continue;
			}
		}
		if (cur_line) {
			char *colon = strchr(cur, ':');
			char *value = colon ? colon + 1 : cur + strlen(cur);
			if (colon)
				*colon = '\0';
			char *semi = strchr(cur, ';');
			if (semi)
				*semi = '\0'; /* parameters: VALUE=DATE, TZID=... */
			if (!strcmp(cur, "BEGIN") && !strcmp(value, "VEVENT")) {
				memset(&ev, 0, sizeof ev);
				ev.line = cur_line;
				in_event = true;
			} else if (!strcmp(cur, "END") && !strcmp(value, "VEVENT") && in_event) {
				in_event = false;
				if (ics_event_done(f, &ev, fname, err) != 0)
					return -1;
			} else if (in_event && (!strcmp(cur, "DTSTART") || !strcmp(cur, "DTEND"))) {
				bool start = cur[2] == 'S', midnight;
				bf_date d;
				if (!ics_date(value, &d, &midnight)) {
					bf_error_set(err,
					             _("%s: line %d: %s: expected a date YYYYMMDD"),
					             fname, cur_line, cur);
					return -1;
				}
				if (start) {
					ev.start = d;
					ev.have_start = true;
				} else {
					ev.end = d;
					ev.have_end = true;
					ev.end_midnight = midnight;
				}
			} else if (in_event && !strcmp(cur, "SUMMARY")) {
				bf_strlcpy(ev.summary, bf_trim(value), sizeof ev.summary);
			} else if (in_event && !strcmp(cur, "X-APPLE-SPECIAL-DAY")) {
				bf_strlcpy(ev.special, bf_trim(value), sizeof ev.special);
			}
		}
		if (more) {
			bf_strlcpy(cur, raw, sizeof cur);
			cur_line = line;
		}
	}
	if (in_event) {
		bf_error_set(err, _("%s: line %d: the event is not closed (END:VEVENT)"), fname,
		             ev.line);
		return -1;
	}
	if (f->n == 0) {
		bf_error_set(err, _("%s: no events in the calendar"), fname);
		return -1;
	}
	return 0;
}

int bf_holiday_parse(const char *text, size_t len, const char *fname, struct bf_holiday_file *out,
                     bf_error *err)
{
	memset(out, 0, sizeof *out);
	text = skip_bom(text, &len);
	const char *s = text;
	while (s < text + len && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++;
	bool ics = (size_t)(text + len - s) >= 15 && !strncmp(s, "BEGIN:VCALENDAR", 15);
	int rc =
	    ics ? parse_ics(text, len, fname, out, err) : parse_text(text, len, fname, out, err);
	if (rc == 0 && finish(out) != 0) {
		bf_error_set(err, _("out of memory"));
		rc = -1;
	}
	if (rc != 0)
		bf_holiday_file_free(out);
	return rc;
}

/* ---- coverage ---------------------------------------------------------------------- */

bool bf_calendar_has_year(const struct bf_calendar *cal, int year)
{
	if (!cal)
		return false;
	for (size_t i = 0; i < cal->nyears; i++)
		if (cal->years[i] == year)
			return true;
	return false;
}

int bf_calendar_missing_year(const struct bf_calendar *cal, bf_date from, bf_date to)
{
	if (from == BF_DATE_NONE || to == BF_DATE_NONE)
		return 0;
	if (to < from) {
		bf_date t = from;
		from = to;
		to = t;
	}
	int y0, y1, m, d;
	bf_date_to_ymd(from, &y0, &m, &d);
	bf_date_to_ymd(to, &y1, &m, &d);
	for (int y = y0; y <= y1; y++)
		if (!bf_calendar_has_year(cal, y))
			return y;
	return 0;
}

void bf_calendar_warning(int year, char *out, size_t n)
{
	if (!out || !n)
		return;
	out[0] = '\0';
	if (year)
		snprintf(out, n, _("no holiday arrangement for %d: counted Monday to Friday"),
		         year);
}

int bf_calendar_year_due(const struct bf_calendar *cal, bf_date today)
{
	if (today == BF_DATE_NONE)
		return 0;
	int y, m, d;
	bf_date_to_ymd(today, &y, &m, &d);
	if (!bf_calendar_has_year(cal, y))
		return y;
	if (m == 12 && !bf_calendar_has_year(cal, y + 1))
		return y + 1;
	return 0;
}
