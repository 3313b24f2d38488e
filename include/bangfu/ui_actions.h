/* ui_actions.h — every user action, once: id, default keys, label, help
 * text and context. The one table below generates the action enum, key
 * dispatch, the status-bar hints and the help screen (after tig's
 * request.h).
 *
 * Rules for keys:
 * - every function key has a control-key or letter alternative (PuTTY and
 *   serial consoles may not send F-keys);
 * - within one context plus GLOBAL, a key belongs to one action (a test
 *   checks this); the same key may mean different things in different
 *   contexts (Enter opens a row in a list and moves to the next field in a
 *   form);
 * - the first key is the one shown in the status bar, so put the one that
 *   works everywhere first;
 * - on a screen that is taking typed text (a focused field, a search line),
 *   printable keys type text and never trigger actions.
 * Enter is '\n' and Backspace BF_KC(KEY_BACKSPACE) (see bf_key_normalize). */
#ifndef BANGFU_UI_ACTIONS_H
#define BANGFU_UI_ACTIONS_H

#include "bangfu/ui_term.h"

/* Contexts: where an action belongs. GLOBAL actions are accepted on every
 * screen (the app handles them when the screen does not). */
enum bf_action_ctx {
	BF_AC_GLOBAL = 1 << 0,
	BF_AC_FORM = 1 << 1,    /* data-entry forms */
	BF_AC_LIST = 1 << 2,    /* lists of rows */
	BF_AC_MEMBERS = 1 << 3, /* the household member table inside a case form */
	BF_AC_CASEWORK = 1 << 4, /* the checklist and history screens of a saved file */
	BF_AC_PUBLICITY = 1 << 5, /* a publicity round and the picking of its files */
	BF_AC_CAMPAIGN = 1 << 6,  /* a campaign (送温暖) and its list of recipients */
	BF_AC_DISTRICT = 1 << 7,  /* the district's consolidation, units and summary */
	BF_AC_SUBMISSION = 1 << 8, /* the unit's batches for the district and their files */
	BF_AC_CALENDAR = 1 << 9,   /* the holiday calendar's year */
};

#define BF_ACTION_MAX_KEYS 4

/* X(ID, (keys...), label msgid, help msgid, context) */
#define BF_ACTIONS(X)                                                                             \
	X(HELP, (BF_KF(1), '?', BF_CTRL('G')), N_("Help"),                                        \
	  N_("Show the keys of this screen and what they do"), BF_AC_GLOBAL)                      \
	X(BACK, (BF_ESC), N_("Back"), N_("Close this screen and go back to the previous one"),    \
	  BF_AC_GLOBAL)                                                                           \
	X(QUIT, (BF_CTRL('Q'), 'q', BF_KF(10)), N_("Quit"),                                       \
	  N_("Leave bangfu; what was typed into open forms is kept as a draft"), BF_AC_GLOBAL)    \
	X(LOCK, (BF_CTRL('L')), N_("Lock"),                                                       \
	  N_("Lock the screen while you are away; your password unlocks it"), BF_AC_GLOBAL)       \
	X(REDRAW, (BF_CTRL('R')), N_("Redraw"), N_("Draw the whole screen again"), BF_AC_GLOBAL)  \
	X(SAVE, (BF_CTRL('S'), BF_KF(2)), N_("Save"), N_("Check the form and save it"),           \
	  BF_AC_FORM)                                                                             \
	X(NEXT_FIELD, ('\t', BF_KC(KEY_DOWN), '\n'), N_("Next field"),                            \
	  N_("Check this field and go to the next; Tab and Enter pass optional details by, "      \
	     "Down stops at every field"),                                                        \
	  BF_AC_FORM)                                                                             \
	X(PREV_FIELD, (BF_KC(KEY_BTAB), BF_KC(KEY_UP)), N_("Previous field"),                     \
	  N_("Check this field and go to the previous one"), BF_AC_FORM)                          \
	X(NEXT_SECTION, (BF_KC(KEY_NPAGE)), N_("Next section"),                                   \
	  N_("Go to the first field of the next section of the form"), BF_AC_FORM)                \
	X(PREV_SECTION, (BF_KC(KEY_PPAGE)), N_("Previous section"),                               \
	  N_("Go to the start of this section, or of the one before"), BF_AC_FORM)                \
	X(ASSESSMENT, (BF_KF(5), BF_CTRL('T')), N_("Assessment"),                                 \
	  N_("Show in full who counts in the household and why, and each aid category"),          \
	  BF_AC_FORM)                                                                             \
	X(MEMBER_ADD, (BF_CTRL('O'), BF_KC(KEY_IC)), N_("Add member"),                            \
	  N_("Add a household member below the current one"), BF_AC_MEMBERS)                      \
	X(MEMBER_REMOVE, (BF_CTRL('D')), N_("Remove member"),                                     \
	  N_("Remove the current household member (asks first)"), BF_AC_MEMBERS)                  \
	X(MEMBER_UP, (BF_CTRL('P'), BF_KC(KEY_SR)), N_("Move up"),                                \
	  N_("Move the current household member up"), BF_AC_MEMBERS)                              \
	X(MEMBER_DOWN, (BF_CTRL('N'), BF_KC(KEY_SF)), N_("Move down"),                            \
	  N_("Move the current household member down"), BF_AC_MEMBERS)                            \
	X(EDIT, ('\n'), N_("Open"), N_("Open the selected row"), BF_AC_LIST)                      \
	X(NEW, ('n', BF_KF(3)), N_("New"), N_("Start a new entry"), BF_AC_LIST)                   \
	X(SEARCH, ('/', BF_CTRL('F')), N_("Search"),                                              \
	  N_("Search as you type; Enter keeps the result, Esc cancels"), BF_AC_LIST)              \
	X(FILTER, ('f'), N_("Filter"), N_("Show only some of the rows"), BF_AC_LIST)              \
	X(SORT, ('s'), N_("Sort"), N_("Sort by the next column; again to reverse"), BF_AC_LIST)   \
	X(DELETE, (BF_KC(KEY_DC), 'd'), N_("Delete"), N_("Delete the selected row (asks first)"), \
	  BF_AC_LIST)                                                                             \
	X(REVEAL, ('r', BF_CTRL('E')), N_("Show ID"),                                             \
	  N_("Show the selected file's ID number in full (recorded in the audit log)"),           \
	  BF_AC_LIST)                                                                             \
	X(MENU, ('m', BF_KF(9)), N_("Menu"),                                                      \
	  N_("Open the menu: users, audit log, change my password, lock"), BF_AC_LIST)            \
	X(VERIFY, ('v'), N_("Check chain"),                                                       \
	  N_("Check the audit log's hash chain for changed, removed or added rows"), BF_AC_LIST)                                                                             \
	X(CHECKLIST, (BF_KF(6), BF_CTRL('W')), N_("Checklist"),                                   \
	  N_("The documents this saved file needs, to tick as they come in"),                     \
	  BF_AC_FORM | BF_AC_CASEWORK | BF_AC_LIST)                                               \
	X(REVIEW, (BF_KF(7), BF_CTRL('V')), N_("Review"),                                         \
	  N_("Record the union's review: approve with category and amount, or reject"),           \
	  BF_AC_FORM | BF_AC_CASEWORK | BF_AC_LIST)                                               \
	X(HISTORY, (BF_KF(8), BF_CTRL('Y')), N_("History"),                                       \
	  N_("The file's history and the moves it can make next"), BF_AC_FORM | BF_AC_LIST)      \
	X(DIST_IMPORT, ('i'), N_("Import"),                                                      \
	  N_("Import a unit's submission package (the file is checked before anything is kept)"),  \
	  BF_AC_DISTRICT)                                                                         \
	X(DIST_UNIT, ('u'), N_("Next unit"),                                                     \
	  N_("Show one unit's files, then the next unit's, then all again"), BF_AC_DISTRICT)      \
	X(DIST_ACCEPT, ('a'), N_("Accept"),                                                      \
	  N_("Accept the selected file with the final amount (the proposed one to start with)"), \
	  BF_AC_DISTRICT)                                                                         \
	X(DIST_RETURN, ('t'), N_("Return"),                                                      \
	  N_("Return the selected file to its unit, with the reason and the step it goes back to"), \
	  BF_AC_DISTRICT)                                                                         \
	X(DIST_PENDING, ('p'), N_("Undo"),                                                       \
	  N_("Put the selected file back to pending (not once its reply was sent)"),             \
	  BF_AC_DISTRICT)                                                                         \
	X(DIST_KEY_ADD, ('k'), N_("Register key"),                                               \
	  N_("Register a unit's public key file, after checking its fingerprint with the unit"),  \
	  BF_AC_DISTRICT)                                                                         \
	X(DIST_KEY_EXPORT, ('e'), N_("Our key"),                                                 \
	  N_("Write the district's own public key file, for the units"), BF_AC_DISTRICT)         \
	X(DIST_REPLY, ('w'), N_("Reply"),                                                        \
	  N_("Write the reply package with the decisions on the selected unit's files"),          \
	  BF_AC_DISTRICT)                                                                         \
	X(DIST_XLSX, ('x'), N_("Export"), N_("Write the summary as an XLSX file"), BF_AC_DISTRICT) \
	X(DIST_ATTACHMENT, ('1'), N_("Attachment 1"),                                            \
	  N_("Write attachment 1 (full ID, bank and phone numbers, XLSX) from the selected "     \
	     "unit's newest package"),                                                           \
	  BF_AC_DISTRICT)                                                                        \
	X(SUB_EXPORT, ('x'), N_("Export"),                                                        \
	  N_("Write the batch as a package sealed to the district, with attachment 2"),          \
	  BF_AC_SUBMISSION)                                                                       \
	X(SUB_REPLY, ('i'), N_("Import reply"),                                                   \
	  N_("Read the district's reply package: the files it accepted and those it returned"),   \
	  BF_AC_SUBMISSION)                                                                       \
	X(SUB_KEYS, ('k'), N_("Keys"),                                                            \
	  N_("Write this unit's public key file, or register the district's key"),                \
	  BF_AC_SUBMISSION)                                                                       \
	X(SUB_DEADLINE, ('t'), N_("Deadline"),                                                    \
	  N_("Set the submission deadline, date and time"), BF_AC_SUBMISSION)                     \
	X(SUB_PICK, (' '), N_("Choose"),                                                          \
	  N_("Choose the selected file for the batch; again: not"), BF_AC_SUBMISSION)             \
	X(SUB_PICK_ALL, ('*'), N_("All or none"), N_("Choose every file; again: none"),           \
	  BF_AC_SUBMISSION)                                                                       \
	X(SUB_ADD, ('a', BF_KC(KEY_IC)), N_("Add file"),                                          \
	  N_("Add files that passed publicity to this batch"), BF_AC_SUBMISSION)                  \
	X(SUB_REMOVE, ('d', BF_KC(KEY_DC)), N_("Take out"),                                       \
	  N_("Take the selected file out of this batch (asks first)"), BF_AC_SUBMISSION)          \
	X(SUB_DONE, ('\n'), N_("Done"),                                                           \
	  N_("Make the batch of the files chosen, or add them to the batch"), BF_AC_SUBMISSION)   \
	X(CK_RECEIVE, (' '), N_("Received"),                                                      \
	  N_("Mark the selected document received today by you; again: missing"),                \
	  BF_AC_CASEWORK)                                                                         \
	X(CK_WAIVE, ('w'), N_("Waive"), N_("Waive the selected document (asks the reason)"),      \
	  BF_AC_CASEWORK)                                                                         \
	X(CK_UNSET, ('u'), N_("Missing"), N_("Mark the selected document missing again"),         \
	  BF_AC_CASEWORK)                                                                         \
	X(CK_PAIR, ('a'), N_("Pair"),                                                             \
	  N_("Receive the alternative to the disaster proof: the statement and the union's "      \
	     "investigation note together"),                                                      \
	  BF_AC_CASEWORK)                                                                         \
	X(PRINT, ('p', BF_KF(9)), N_("Print"),                                                    \
	  N_("Write the checklist handout as a PDF (and send it to the printer)"),                \
	  BF_AC_CASEWORK)                                                                         \
	X(MOVE, ('m'), N_("Move"),                                                                \
	  N_("Move the file on: each possible move, ready or with what is missing"),              \
	  BF_AC_CASEWORK)                                                                         \
	X(PUB_PICK, (' '), N_("Choose"),                                                          \
	  N_("Choose the selected file for the round; again: not"), BF_AC_PUBLICITY)              \
	X(PUB_PICK_ALL, ('*', 'a'), N_("All or none"), N_("Choose every file; again: none"),      \
	  BF_AC_PUBLICITY)                                                                        \
	X(PUB_OBJECTION, ('o'), N_("Objection"),                                                  \
	  N_("Record an objection to a case of this round"), BF_AC_PUBLICITY)                     \
	X(PUB_INVESTIGATE, ('i'), N_("Investigate"),                                              \
	  N_("Record what the investigation of an open objection found"), BF_AC_PUBLICITY)        \
	X(PUB_RESOLVE, ('u'), N_("Resolve"),                                                      \
	  N_("Uphold or dismiss an open objection, with the reason"), BF_AC_PUBLICITY)            \
	X(PUB_NOTICE, ('p'), N_("Notice"),                                                        \
	  N_("Write the publicity notice as a PDF (and send it to the printer)"),                 \
	  BF_AC_PUBLICITY)                                                                        \
	X(PUB_CLOSE, ('c'), N_("Close round"),                                                    \
	  N_("Close the round after its last day: the cases still listed pass publicity"),        \
	  BF_AC_PUBLICITY)                                                                        \
	X(PUB_REPORT, ('r'), N_("Report"),                                                        \
	  N_("Write the publicity result report as a PDF (and send it to the printer)"),          \
	  BF_AC_PUBLICITY)                                                                        \
	X(CAMP_DRAW, ('w'), N_("Draw list"),                                                      \
	  N_("Draw (or draw again) the list of recipients from the files"), BF_AC_CAMPAIGN)       \
	X(CAMP_STANDARD_GROUPS, ('u'), N_("Standard groups"),                                     \
	  N_("Add the union's standard groups the campaign does not have yet: hardship "          \
	     "employees, model workers of each level, migrant workers, special hardship"),        \
	  BF_AC_CAMPAIGN)                                                                         \
	X(CAMP_PLACE, ('h'), N_("By hand"),                                                       \
	  N_("The files placed in the selected group by hand: add one, or take one out"),         \
	  BF_AC_CAMPAIGN)                                                                         \
	X(CAMP_LIST, ('l'), N_("Recipients"),                                                     \
	  N_("The households on the campaign's list and their payments"), BF_AC_CAMPAIGN)         \
	X(CAMP_EXPORT, ('x'), N_("Export"),                                                       \
	  N_("Write the budget or the sign-off sheet of a unit or community; on the ledger, "     \
	     "the ledger (XLSX)"),                                                                \
	  BF_AC_CAMPAIGN)                                                                         \
	X(CAMP_PAY, ('p'), N_("Payment"),                                                         \
	  N_("Record the payment of the selected household, or that it was not paid"),            \
	  BF_AC_CAMPAIGN)                                                                         \
	X(CAMP_TAKE_OFF, ('t'), N_("Take off"),                                                   \
	  N_("Take the selected household off the list, with the reason"), BF_AC_CAMPAIGN)        \
	X(CAMP_ADD_BACK, ('b'), N_("Add back"),                                                   \
	  N_("Add back a household left out for last year's campaign, with the reason"),          \
	  BF_AC_CAMPAIGN)                                                                         \
	X(CONS_DECIDE, ('e'), N_("Decide"),                                                       \
	  N_("Approve or decline a consolation event the rules leave to the union"),              \
	  BF_AC_CAMPAIGN)                                                                         \
	X(CAMP_SPOTCHECK, ('k'), N_("Spot check"),                                                \
	  N_("The spot check of paid households: draw the sample, then record the calls"),        \
	  BF_AC_CAMPAIGN)                                                                         \
	X(CAMP_CHECK_RECORD, ('c'), N_("Record check"),                                           \
	  N_("Record the call or visit to the selected household of the sample"), BF_AC_CAMPAIGN) \
	X(CAMP_LEDGER, ('g'), N_("Ledger"),                                                       \
	  N_("The ledger: payments totalled by group, month or unit, and a campaign's "           \
	     "reconciliation with its budget"),                                                   \
	  BF_AC_CAMPAIGN)                                                                         \
	X(CONS_STANDARDS, ('a'), N_("Standards"),                                                 \
	  N_("The consolation standards of a year: cash and goods for each event, to edit"),     \
	  BF_AC_CAMPAIGN)                                                                         \
	X(YEAR_PREV, ('<', BF_KC(KEY_LEFT)), N_("Year before"), N_("Show the year before"),       \
	  BF_AC_CAMPAIGN | BF_AC_CALENDAR)                                                        \
	X(YEAR_NEXT, ('>', BF_KC(KEY_RIGHT)), N_("Year after"), N_("Show the year after"),        \
	  BF_AC_CAMPAIGN | BF_AC_CALENDAR)                                                        \
	X(YEAR, ('y'), N_("Year"), N_("Type the year to show"), BF_AC_CAMPAIGN | BF_AC_CALENDAR)  \
	X(LEDGER_BY, ('\t'), N_("Totals by"),                                                     \
	  N_("Total the ledger by group, by month or by unit: each press the next"),              \
	  BF_AC_CAMPAIGN)                                                                         \
	X(HOL_TOGGLE, (' ', 't'), N_("Off/worked"),                                               \
	  N_("Make the selected day a day off or a working day (调休); again: as usual"),         \
	  BF_AC_CALENDAR)                                                                         \
	X(HOL_NAME, ('e'), N_("Holiday name"),                                                    \
	  N_("Name the holiday of the selected day (国庆节)"), BF_AC_CALENDAR)

enum bf_action {
	BF_ACT_NONE = 0,
#define BF_ACT_ENUM(id, keys, label, help, ctx) BF_ACT_##id,
	BF_ACTIONS(BF_ACT_ENUM)
#undef BF_ACT_ENUM
	    BF_ACT_COUNT
};

struct bf_action_info {
	enum bf_action id;
	const char *name;                    /* "next_field": for settings files and logs */
	bf_key keys[BF_ACTION_MAX_KEYS + 1]; /* 0-terminated */
	const char *label;                   /* msgid; translate with _() */
	const char *help;                    /* msgid */
	unsigned ctx;                        /* enum bf_action_ctx */
};

/* The table, indexed by enum bf_action (entry 0 is BF_ACT_NONE). */
extern const struct bf_action_info bf_action_table[BF_ACT_COUNT];

const struct bf_action_info *bf_action_info(enum bf_action a);

/* What a screen offers: its own actions in hint order (ending with
 * BF_ACT_NONE), and whether it is taking typed text just now. */
struct bf_action_set {
	const enum bf_action *acts;
	bool typing;
};

/* The actions of a screen in display order: Help first, then the screen's
 * own, then the other global ones; no duplicates. Returns the count. */
size_t bf_action_collect(struct bf_action_set set, enum bf_action out[BF_ACT_COUNT]);
/* The action a key triggers on a screen, or BF_ACT_NONE. */
enum bf_action bf_action_for_key(struct bf_action_set set, bf_key k);
/* Whether key k of an action can be used now (printable keys not while
 * typing). */
bool bf_action_key_usable(bf_key k, bool typing);
/* Name of the first usable key ("^S"), or "" if none. */
void bf_action_key_label(enum bf_action a, bool typing, char *buf, size_t n);
/* All usable keys, "F1, ?, ^G". */
void bf_action_keys_text(enum bf_action a, bool typing, char *buf, size_t n);
/* The status-bar hints, "F1 Help  ^S Save  Tab Next field", as many whole
 * hints as fit in width columns (by display width, translated labels).
 * Returns the columns used. */
int bf_action_hints(struct bf_action_set set, int width, char *buf, size_t n);

#endif
