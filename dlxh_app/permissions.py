"""Row-level access by unit: the one criterion of the app.

A user works for one unit (User.dlxh_unit) and sees and edits the records of that unit and of the units
below it in the tree. City roles see everything. Documents a unit issues to the units below it (an issued
plan, say) are readable, not editable, by those units. Where a DocType says so, users whose only DLXH
roles are a given few (collaborators) see and edit only the records they made within that reach, and no
longer edit one once it has been taken further (an opinion entry used in a report).

The criterion is the set of units a user may reach, written once as SQL over the nested set. It serves:
- list queries, through the `permission_query_conditions` hook (`get_list`, report view, REST lists);
- single documents, through the `has_permission` hook (forms, REST reads and writes, workflow actions);
- the child rows of those DocTypes, listed on their own (`get_list` with a parent), by their parent's;
- the framework's records that name a document of the app (comments, versions, files, assignments,
  notifications, workflow actions, logs), which a user sees only if they may read that document;
- the User list: a unit's users see the users of the units they reach, the city sees everyone;
- the app's own reports and APIs that read with raw SQL or `frappe.get_all`, which bypass both hooks and
  must add `match_conditions(doctype)` to their WHERE clause.
"""

from dataclasses import dataclass

import frappe

from dlxh_app.consts import (
	CITY_ROLES,
	COLLABORATOR_ROLES,
	DLXH_ROLE_PREFIX,
	LINKED_RECORD_FIELDS,
	SCOPED_CHILD_TABLES,
	UNIT_SCOPED_DOCTYPES,
	UnitRule,
)

READ_PTYPES = frozenset({"read", "print", "email", "export", "report", "select"})

UNIT_SCOPE_CACHE_KEY = "dlxh_unit_scope"


@dataclass(frozen=True)
class UnitScope:
	"""The nested-set bounds of the user's unit; no unit reaches nothing."""

	unit: str | None
	lft: int = 0
	rgt: int = 0

	def units_sql(self, relation: str = "own") -> str:
		"""A subquery of unit names: "own" is the unit and those below it, "above" the units over it."""
		if not self.unit:
			return "select name from `tabDLXH Unit` where 1 = 0"
		if relation == "above":
			bounds = f"lft < {self.lft} and rgt > {self.rgt}"
		else:
			bounds = f"lft >= {self.lft} and rgt <= {self.rgt}"
		return f"select name from `tabDLXH Unit` where {bounds}"


def is_city_user(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(CITY_ROLES.intersection(frappe.get_roles(user)))


def get_unit_scope(user: str | None = None) -> UnitScope | None:
	"""The user's reach, or None for city users, who reach every unit."""
	user = user or frappe.session.user
	if is_city_user(user):
		return None
	# Every list query and has_permission call asks, often many times a request: keep the answer in
	# frappe.local.cache, which frappe.init and frappe.set_user empty. A change to the unit tree moves the
	# bounds, so DLXH Unit clears it, and so does a rollback, which may undo the unit or user read.
	scopes = frappe.local.cache.setdefault(UNIT_SCOPE_CACHE_KEY, {})
	if user not in scopes:
		scopes[user] = read_unit_scope(user)
		frappe.db.after_rollback.add(clear_unit_scope_cache)
	return scopes[user]


def clear_unit_scope_cache() -> None:
	frappe.local.cache.pop(UNIT_SCOPE_CACHE_KEY, None)


def read_unit_scope(user: str) -> UnitScope:
	row = frappe.db.sql(
		"""select du.name, du.lft, du.rgt from `tabUser` u
		join `tabDLXH Unit` du on du.name = u.dlxh_unit
		where u.name = %s""",
		user,
	)
	if not row:
		return UnitScope(None)
	unit, lft, rgt = row[0]
	return UnitScope(unit, int(lft), int(rgt))


def own_records_only(rule: UnitRule, user: str) -> bool:
	"""Whether the rule limits the user to their own records: every DLXH role they have is one of the
	rule's (a collaborator who is also a unit officer works as an officer)."""
	if not rule.own_records_only_for_roles:
		return False
	roles = {role for role in frappe.get_roles(user) if role.startswith(DLXH_ROLE_PREFIX)}
	return bool(roles) and roles <= rule.own_records_only_for_roles


def reachable_units(units: list[str], user: str | None = None) -> list[str]:
	"""Those of `units` (in their order) whose records the user may reach."""
	scope = get_unit_scope(user)
	if scope is None:
		return list(units)
	reachable = set(frappe.db.sql_list(scope.units_sql()))
	return [unit for unit in units if unit in reachable]


def get_user_unit(user: str | None = None) -> str | None:
	return frappe.db.get_value("User", user or frappe.session.user, "dlxh_unit")


def match_conditions(doctype: str, user: str | None = None, table_alias: str | None = None) -> str:
	"""The SQL condition on `doctype`'s rows the user may read; "" when unrestricted.

	Raw SQL and `get_all` in the app's reports and APIs must AND it into their WHERE clause."""
	user = user or frappe.session.user
	rule = UNIT_SCOPED_DOCTYPES[doctype]
	scope = get_unit_scope(user)
	if scope is None:
		return ""
	table = f"`{table_alias}`" if table_alias else f"`tab{doctype}`"
	unit = f"{table}.`{rule.unit_field}`"
	condition = f"{unit} in ({scope.units_sql()})"
	if rule.issued_readable_below:
		condition += f" or ({table}.docstatus = 1 and {unit} in ({scope.units_sql('above')}))"
	if own_records_only(rule, user):
		condition = f"({condition}) and {table}.`owner` = {frappe.db.escape(user)}"
	return f"({condition})"


def get_permission_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The `permission_query_conditions` hook (Frappe passes the DocType since v15)."""
	return match_conditions(doctype, user)


def has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False) -> bool:
	"""The `has_permission` hook: True means "no objection" (role permissions still apply)."""
	user = user or frappe.session.user
	rule = UNIT_SCOPED_DOCTYPES[doc.doctype]
	scope = get_unit_scope(user)
	if scope is None:
		return True

	reading = (ptype or "read") in READ_PTYPES
	own_only = own_records_only(rule, user)
	relations = ["own"]
	if rule.issued_readable_below and reading and doc.docstatus == 1:
		relations.append("above")
	# A write is judged on the record as the database has it too, or a user could take over another
	# unit's (or another user's) record by saving it with their own unit or name (REST PUT updates
	# before it checks).
	stored = None
	if not reading and not doc.is_new():
		fields = [field for field in (rule.unit_field, "owner", rule.own_records_frozen_by) if field]
		stored = frappe.db.get_value(doc.doctype, doc.name, fields, as_dict=True)
	if own_only and not owns(doc, stored, user, rule.own_records_frozen_by):
		return False
	units = {doc.get(rule.unit_field), stored and stored.get(rule.unit_field)}
	units.discard(None)
	if not units:
		# A new record whose unit is not chosen yet: its controller fills in the user's own unit.
		return doc.is_new()
	return units_reachable(scope, units, relations)


def owns(doc, stored: dict | None, user: str, frozen_by: str | None) -> bool:
	"""The user made the record (a new one is being made by them) and, for a write, it is not frozen."""
	if doc.is_new():
		return doc.owner in (None, user)
	if doc.owner != user or (stored and stored.owner != user):
		return False
	return not (stored and frozen_by and stored.get(frozen_by))


def units_reachable(scope: UnitScope, units: set[str], relations: list[str]) -> bool:
	"""Whether every one of `units` is within reach, in one query (a write checks the unit as sent and
	as stored)."""
	subqueries = " union ".join(scope.units_sql(relation) for relation in relations)
	placeholders = ", ".join(["%s"] * len(units))
	found = frappe.db.sql_list(
		f"select name from ({subqueries}) reachable where name in ({placeholders})", tuple(units)
	)
	return len(set(found)) == len(units)


def get_child_table_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The `permission_query_conditions` hook of the scoped DocTypes' child tables: rows of parents the
	user may read."""
	parent = SCOPED_CHILD_TABLES[doctype]
	condition = match_conditions(parent, user)
	if not condition:
		return ""
	return (
		f"`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)} and `tab{doctype}`.`parent` in "
		f"(select `tab{parent}`.name from `tab{parent}` where {condition})"
	)


def get_linked_record_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The `permission_query_conditions` hook of the framework's records that name a document: those
	naming a document of the app only if the user may read that document (by role and by unit)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	doctype_field, name_field = LINKED_RECORD_FIELDS[doctype]
	table = f"`tab{doctype}`"
	named = f"{table}.`{doctype_field}`"
	clauses = [f"ifnull({named}, '') not in ({', '.join(map(frappe.db.escape, app_doctypes()))})"]
	for named_doctype in app_doctypes():
		if not frappe.has_permission(named_doctype, "read", user=user):
			continue
		clause = f"{named} = {frappe.db.escape(named_doctype)}"
		if named_doctype in UNIT_SCOPED_DOCTYPES and (condition := match_conditions(named_doctype, user)):
			clause += (
				f" and {table}.`{name_field}` in "
				f"(select `tab{named_doctype}`.name from `tab{named_doctype}` where {condition})"
			)
		clauses.append(f"({clause})")
	return "(" + " or ".join(clauses) + ")"


def linked_record_has_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	"""The `has_permission` hook of the same records: no objection unless they name a document of the app
	the user may not read."""
	doctype_field, name_field = LINKED_RECORD_FIELDS[doc.doctype]
	named_doctype, named = doc.get(doctype_field), doc.get(name_field)
	if named_doctype not in app_doctypes() or not named:
		return True
	return bool(frappe.has_permission(named_doctype, "read", named, user=user or frappe.session.user))


def app_doctypes() -> list[str]:
	"""The app's DocTypes that are documents of their own (not child tables)."""
	return frappe.cache.get_value(
		"dlxh_app_doctypes",
		lambda: frappe.get_all(
			"DocType",
			filters={"module": ["in", frappe.get_module_list("dlxh_app")], "istable": 0},
			pluck="name",
			order_by="name",
		),
	)


def get_user_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The `permission_query_conditions` hook of User (with Frappe's own): a unit's users list the users
	of the units they reach; a collaborator, or a user of no unit, only themselves."""
	user = user or frappe.session.user
	scope = get_unit_scope(user)
	if scope is None:
		return ""
	myself = f"`tabUser`.name = {frappe.db.escape(user)}"
	roles = {role for role in frappe.get_roles(user) if role.startswith(DLXH_ROLE_PREFIX)}
	if not scope.unit or roles <= COLLABORATOR_ROLES:
		return f"({myself})"
	return f"({myself} or `tabUser`.`dlxh_unit` in ({scope.units_sql()}))"


def user_has_permission(doc, ptype: str | None = None, user: str | None = None, debug=False) -> bool:
	"""The `has_permission` hook of User: a user outside the units one reaches stays out of sight."""
	user = user or frappe.session.user
	if doc.name == user or get_unit_scope(user) is None:
		return True
	return bool(
		frappe.db.sql(f"select 1 from `tabUser` where name = %s and {get_user_conditions(user)}", doc.name)
	)


def keep_attachments_private(doc, method=None):
	"""`after_insert` of File: a file attached to a document of the app is private, as the document is;
	a public file is served to anyone who has its URL, Guest included. Saving it as private moves it to
	the private folder (File.handle_is_private_changed)."""
	if doc.attached_to_doctype in app_doctypes() and not doc.is_private and not doc.is_folder:
		doc.is_private = 1
		doc.save(ignore_permissions=True)
