/* coldesc.h — which columns of which tables hold sealed personal data
 * (storage layer). One description per table, shared by its readers, its
 * writers and the upgrade that seals what was written before (vault.h).
 *
 * A sealed column is bound to its table, column and row key (an SQL
 * expression naming a stable column of the row: the case's id for a
 * member, the row's id otherwise), so the SQL that reads or writes it is
 * generated here: */
#ifndef BANGFU_COLDESC_H
#define BANGFU_COLDESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bf_sealed_table {
	const char *table;
	const char *rowkey;             /* the row key column: "id", "case_id" */
	const char *const *cols;        /* sealed columns, NULL-terminated */
	const char *legacy_extra;       /* more assignments for the upgrade pass, or NULL */
	const char *legacy_where;       /* more rows the upgrade pass needs (OR'd), or NULL */
};

extern const struct bf_sealed_table bf_sealed_tables[];
extern const size_t bf_sealed_table_count;

/* The description of table, or NULL. */
const struct bf_sealed_table *bf_coldesc_table(const char *table);
/* Is table.col sealed? */
bool bf_coldesc_sealed(const char *table, const char *col);

/* SQL fragments, written into buf (n bytes); each returns buf.
 *   read:   bf_open(<alias.>col, 'table.col', <alias.>rowkey)
 *   insert: bf_seal(:param, 'table.col', :rowparam)
 *   update: col = bf_reseal(col, :param, 'table.col', rowkey)        */
const char *bf_coldesc_read(const char *table, const char *alias, const char *col, char *buf,
                            size_t n);
const char *bf_coldesc_insert(const char *table, const char *col, const char *param,
                              const char *rowparam, char *buf, size_t n);
const char *bf_coldesc_update(const char *table, const char *col, const char *param, char *buf,
                              size_t n);

/* The upgrade pass for one table: UPDATE ... SET every sealed column to its
 * sealed value (values sealed already are kept). malloc'd. */
char *bf_coldesc_legacy_sql(const struct bf_sealed_table *t);

/* "SELECT <every column> FROM table <where>" with the sealed columns opened
 * under their own names and the store's derived columns (blind index, mask,
 * birth year) left out: a row as data, for packages. malloc'd; NULL on error
 * (db->errmsg). */
struct bf_db;
char *bf_coldesc_select_all(struct bf_db *db, const char *table, const char *where);

/* ---- rows read into structs --------------------------------------------------------
 *
 * A query's columns, in SELECT order, as the struct it is read into holds
 * them: one description per row shape, shared by the list and the load of
 * that shape (bf_fields_read). A number goes into an integer or bool member
 * of its size; a text into a char array (cut to fit, "" for NULL); a
 * column the code reads itself is skipped. */
enum bf_field_kind { BF_FIELD_SKIP, BF_FIELD_NUM, BF_FIELD_TEXT, BF_FIELD_CSTR };
struct bf_field {
	enum bf_field_kind kind;
	size_t offset, size;
};
#define BF_FIELD(kind, type, member)                                      \
	{                                                                 \
		kind, offsetof(type, member), sizeof(((type *)0)->member) \
	}
#define BF_NUM(type, member) BF_FIELD(BF_FIELD_NUM, type, member)
#define BF_TEXT(type, member) BF_FIELD(BF_FIELD_TEXT, type, member)
#define BF_SKIP                     \
	{                           \
		BF_FIELD_SKIP, 0, 0 \
	}

struct bf_stmt;
/* Read the row's columns 0 .. n-1 into obj by f[0 .. n-1]. */
void bf_fields_read(struct bf_stmt *st, const struct bf_field *f, size_t n, void *obj);

/* The end of a list read row by row into *pout (an array of *n): rc the
 * last step's result, or SQLITE_NOMEM when an element could not be added.
 * Finalizes st; on anything but SQLITE_DONE frees the array (*n = 0) and
 * says why in err ("out of memory", or the database's error). 0 / -1. */
struct bf_error;
int bf_rows_end(struct bf_db *db, struct bf_stmt *st, int rc, void *pout, size_t *n,
                struct bf_error *err);

/* ---- one description per table, for its readers and its writers -------------------
 *
 * A table's columns as the struct of a row holds them, each named once: the
 * SELECT list, the INSERT's names and parameters and the UPDATE's
 * assignments are made from the description (a sealed column of
 * bf_sealed_tables is opened on the way out and sealed on the way in), and
 * the row is read into the struct and bound from it by the same entries. A
 * written column's parameter is ":<name>". A BF_FIELD_CSTR member is a
 * const char * (NULL or text) a writer binds and a reader leaves alone. A
 * column the code reads or binds
 * itself (an enum kept as its code) is a BF_FIELD_SKIP entry with its name;
 * a BF_COL_RO column is read only, and its name may be an SQL expression
 * (another table's column, a sub-query), written into the SELECT as it is. */
enum {
	BF_COL_RO = 1,   /* read, never written */
	BF_COL_NULL = 2, /* written as NULL when empty (text "", number 0) */
	BF_COL_TRIM = 4, /* text written trimmed (the struct is left as it is) */
};
struct bf_col {
	const char *name;
	struct bf_field f;
	unsigned flags;
};
#define BF_COL(name, kind, type, member, flags)           \
	{                                                 \
		name, BF_FIELD(kind, type, member), flags \
	}
#define BF_COL_CODE(name, flags)     \
	{                            \
		name, BF_SKIP, flags \
	}
struct bf_table {
	const char *table;
	const struct bf_col *cols;
	size_t n;
};
#define BF_TABLE(name, cols)                                 \
	{                                                    \
		name, cols, sizeof(cols) / sizeof((cols)[0]) \
	}

/* SQL text into buf (n bytes); each returns buf, or NULL when it does not fit.
 *   select: every column: "a.c1, bf_open(a.c2, 'table.c2', a.<rowkey>), x.y, ..."
 *   names:  the written columns: "c1, c2, ..."
 *   params: their values: ":c1, bf_seal(:c2, 'table.c2', <rowparam>), ..."
 *   assign: "c1 = :c1, c2 = bf_reseal(c2, :c2, 'table.c2', <rowkey>), ..."    */
const char *bf_table_select(const struct bf_table *t, const char *alias, char *buf, size_t n);
const char *bf_table_names(const struct bf_table *t, char *buf, size_t n);
const char *bf_table_params(const struct bf_table *t, const char *rowparam, char *buf, size_t n);
const char *bf_table_assign(const struct bf_table *t, char *buf, size_t n);

/* Whole statements, into buf (n bytes); each returns buf, or NULL when it
 * does not fit. extra: more of the caller's own, or NULL.
 *   query:  "SELECT <select> <rest>"              (rest: "FROM t a WHERE ...")
 *   insert: "INSERT INTO table (<names>, <extra_names>) VALUES (<params>, <extra_values>)"
 *   update: "UPDATE table SET <assign>, <extra> <where>"                        */
const char *bf_table_query(const struct bf_table *t, const char *alias, const char *rest, char *buf,
                           size_t n);
const char *bf_table_insert(const struct bf_table *t, const char *rowparam, const char *extra_names,
                            const char *extra_values, char *buf, size_t n);
const char *bf_table_update(const struct bf_table *t, const char *extra, const char *where,
                            char *buf, size_t n);

/* Bind every written number and text column of t from obj. 0 / -1. */
int bf_table_bind(struct bf_stmt *st, const struct bf_table *t, const void *obj);
/* Read the row's columns first .. first + t->n - 1 into obj. */
void bf_table_read(struct bf_stmt *st, const struct bf_table *t, int first, void *obj);

/* Every row of st into the malloc'd array *pout (*n elements of size
 * bytes, zeroed, each read by t from column 0, then by fix when not NULL);
 * bf_rows_end's result (err may be NULL: db->errmsg says why). */
int bf_table_rows(struct bf_db *db, struct bf_stmt *st, const struct bf_table *t, size_t size,
                  void (*fix)(struct bf_stmt *st, void *row), void *pout, size_t *n,
                  struct bf_error *err);

#endif
