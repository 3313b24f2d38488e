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
enum bf_field_kind { BF_FIELD_SKIP, BF_FIELD_NUM, BF_FIELD_TEXT };
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

#endif
