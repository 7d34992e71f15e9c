"""Constants the app's modules share, and the declarations of who reaches what (dlxh_app/permissions.py
applies them; hooks.py registers the hooks for them). Nothing here imports frappe, so hooks.py may read it."""

from dataclasses import dataclass

# Roles of the city's Propaganda Department, which oversees every unit.
CITY_ROLES = frozenset({"System Manager", "DLXH Manager", "DLXH City Officer"})

# The app's roles all start with this (fixtures/role.json; the fixtures hook filters on it).
DLXH_ROLE_PREFIX = "DLXH "

# Who records opinions for a unit and needs nothing of its other users' records.
COLLABORATOR_ROLES = frozenset({"DLXH Collaborator"})


@dataclass(frozen=True)
class UnitRule:
	unit_field: str
	# Submitted (issued) documents of a unit are addressed to the units below it, which may read them.
	issued_readable_below: bool = False
	# Users whose DLXH roles are all among these reach only the records they own within their unit's reach…
	own_records_only_for_roles: frozenset[str] = frozenset()
	# …and may no longer edit one once this field is set.
	own_records_frozen_by: str | None = None


# Every DocType whose records belong to a unit.
UNIT_SCOPED_DOCTYPES = {
	"DLXH Plan": UnitRule("issuing_unit", issued_readable_below=True),
	"Plan Adjustment Request": UnitRule("unit"),
	"Coordination Record": UnitRule("unit"),
	"Opinion Entry": UnitRule(
		"unit",
		own_records_only_for_roles=COLLABORATOR_ROLES,
		own_records_frozen_by="used_in_report",
	),
	"Opinion Report": UnitRule("unit"),
	"Report Request": UnitRule("issuing_unit", issued_readable_below=True),
	"DLXH Reminder Log": UnitRule("unit"),
	# The units below an approved survey of the city or a district take part in it (collection in their
	# areas, enumerators of the city's office).
	"Opinion Survey": UnitRule("responsible_unit", issued_readable_below=True),
	# A survey's responses belong to its responsible unit (the units above it read them too).
	"Survey Response": UnitRule("unit"),
	"Survey Invitation": UnitRule("unit"),
	# Personal data: the managing unit, the units above it and the city read a collaborator, no one else.
	"DLXH Collaborator": UnitRule("managing_unit"),
	# A unit's own representation target (the city's default has no unit: the city's alone).
	"Collaborator Target": UnitRule("unit"),
	"Collaborator Regulation Adoption": UnitRule("unit"),
	"Collaborator Training": UnitRule("organiser_unit"),
	# Set from the collaborator's managing unit.
	"Collaborator Evaluation": UnitRule("unit"),
	# A survey's result report is its responsible unit's document; a unit's goes to the city.
	"Survey Result Report": UnitRule("unit"),
}

# The child tables of those DocTypes, with the parent they belong to: their rows are listed on their own
# too (`frappe.client.get_list` with a parent, report view), and carry the parent's scope.
SCOPED_CHILD_TABLES = {
	"DLXH Plan Activity": "DLXH Plan",
	"DLXH Plan Legal Basis": "DLXH Plan",
	"DLXH Plan Topic": "DLXH Plan",
	"Coordination Record Topic": "Coordination Record",
	"Opinion Report Item": "Opinion Report",
	"Report Request Unit": "Report Request",
	"Survey Topic": "Opinion Survey",
	"Survey Area": "Opinion Survey",
	"Survey Step": "Opinion Survey",
	"Survey Stratum": "Opinion Survey",
	"Survey Budget Line": "Opinion Survey",
	"DLXH Collaborator Criterion": "DLXH Collaborator",
	"Collaborator Target Line": "Collaborator Target",
	"Collaborator Training Participant": "Collaborator Training",
	"Survey Result Question": "Survey Result Report",
}

# Framework DocTypes whose records name a document: (field with its DocType, field with its name). A user
# sees such a record only if they may read the document it names.
LINKED_RECORD_FIELDS = {
	"Comment": ("reference_doctype", "reference_name"),
	"Version": ("ref_doctype", "docname"),
	"Communication": ("reference_doctype", "reference_name"),
	"File": ("attached_to_doctype", "attached_to_name"),
	"ToDo": ("reference_type", "reference_name"),
	"Notification Log": ("document_type", "document_name"),
	"Workflow Action": ("reference_doctype", "reference_name"),
	"Activity Log": ("reference_doctype", "reference_name"),
	"Energy Point Log": ("reference_doctype", "reference_name"),
}

# The permission level of the fields the server keeps itself (numbers, references, send and accept times,
# lateness, drawn figures, links set by other documents): every role that reads a DocType reads this
# level, no role writes it, so Frappe puts back the stored value of any such field a client sends
# (Document.validate_higher_perm_levels), on insert and on save, through every API. Level 1 stays for
# fields that some roles write and others only read (an entry's verification, the city's answer).
SERVER_OWNED_PERMLEVEL = 2

# How often one user may have the compliance or the synthesis computed, however it is reached (API, script
# report, number card, chart): each call may read every unit over years.
EXPENSIVE_CALLS_PER_MINUTE = 60

# DocTypes of personal data whose exports (the desk's list and report export) are logged in DLXH Export Log.
EXPORT_LOGGED_DOCTYPES = frozenset({"DLXH Collaborator"})
