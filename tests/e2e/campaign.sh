#!/bin/sh
# campaign.sh — a Spring Festival campaign (送温暖) by keyboard in the real
# binary under tmux at 80x24: on a `bangfu demo` database the demo
# administrator opens the campaigns from the menu, makes a campaign, adds a
# group through the group editor (the budget follows at once), draws
# the list, and records the payment of the first household on it.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

export BANGFU_TODAY=2026-11-28
"$BANGFU" demo >/dev/null 2>&1 || { echo "bangfu demo failed"; exit 1; }

start_app --lang en
log_in admin demo-admin
expect_screen "Case files" "the demo administrator is in"
key m
expect_screen "Campaigns" "the menu offers the campaigns"
key 7
expect_screen "0 campaigns" "the list of campaigns"

# ---- a new campaign --------------------------------------------------------------------
key n
expect_screen "Name:" "n asks the name"
type_text '2027年春节送温暖'
key Enter
expect_screen "Year:" "asks the year"
key Enter
expect_screen "First day" "asks the first day"
key Enter
expect_screen "Last day" "asks the last day"
key Enter
expect_screen "By community" "asks how sheets are grouped"
key Enter
expect_screen "No group yet" "the new campaign opens, without groups"

# ---- a group and its budget -------------------------------------------------------------
key n
expect_screen "Label (the group's name" "n opens the group editor: the label first"
type_text '困难职工'
key Enter
expect_screen "No kind: people placed in it by hand" "the kind is optional"
key Down
key Enter
expect_screen "by household size" "the basis"
key Enter
expect_screen "Cash per person or household" "the cash"
key Enter
expect_screen "Goods value per person or household" "the goods"
key Enter
expect_screen "Planned people:" "the planned count"
key C-u
type_text '12'
key Enter
expect_screen "Approved file required?" "whether a file is required"
key Enter
expect_screen "6,000.00" "12 planned at 500 yuan: the budget is 6,000.00"
expect_screen "12 people" "counted in people"
key Enter
expect_screen "Planned people" "Enter offers what to change"
key Escape

# ---- the draw and a payment -------------------------------------------------------------
key w
expect_screen "The list is drawn" "w draws the list and shows its summary"
key Enter
expect_screen "On the drawn list:" "the drawn list's total beside the plan"
key l
expect_screen "to pay" "l shows the households on the list"
expect_screen "********" "ID numbers are masked"
key p
expect_screen "Paid: the household signed" "p asks paid or not"
key Enter
expect_screen "Who signed:" "asks who signed (the employee by default)"
key Enter
expect_screen "Relation of the signer" "asks the relation"
key Enter
expect_screen "phone" "asks the phone"
type_text '13800138000'
key Enter
expect_screen "payment recorded" "the payment is recorded"
expect_screen "paid 11-28" "the row shows it paid"
key C-q
wait_for "Quit bangfu?" && key y
finish
