app_name = "dlxh_app"
app_title = "DLXH"
app_publisher = "dlxh_app contributors"
app_description = "Public-opinion work (DLXH) of a city Party Committee's Propaganda Department"
app_email = "dlxh_app@example.com"
app_license = "mit"

required_apps = []

# Keep DocType controllers' type annotations in sync with their JSON definitions.
export_python_type_annotations = True

# Installation
# ------------
# Custom fields on core DocTypes, default topics and legal documents, and the settings' defaults;
# run again on every migrate (idempotent) so that existing sites get what a new version adds.
after_install = "dlxh_app.setup.install.after_install"
after_migrate = "dlxh_app.setup.install.after_migrate"

# Tests
# -----
# The regional settings the tests are written for (a bench site has none before its setup wizard).
before_tests = "dlxh_app.tests.site.before_tests"

# Fixtures
# --------
# The app's roles (fixtures/role.json, imported on install and migrate); `bench export-fixtures`
# writes them back with this filter.
fixtures = [{"dt": "Role", "filters": [["name", "like", "DLXH %"]]}]

# Row-level access by unit
# ------------------------
# One criterion (dlxh_app/permissions.py) for lists and single documents of every unit-scoped DocType, the
# rows of their child tables, the framework's records naming their documents, and the User list.
from dlxh_app.consts import LINKED_RECORD_FIELDS, SCOPED_CHILD_TABLES, UNIT_SCOPED_DOCTYPES

permission_query_conditions = (
	{doctype: "dlxh_app.permissions.get_permission_query_conditions" for doctype in UNIT_SCOPED_DOCTYPES}
	| {doctype: "dlxh_app.permissions.get_child_table_conditions" for doctype in SCOPED_CHILD_TABLES}
	| {doctype: "dlxh_app.permissions.get_linked_record_conditions" for doctype in LINKED_RECORD_FIELDS}
	| {"User": "dlxh_app.permissions.get_user_conditions"}
)
has_permission = (
	{doctype: "dlxh_app.permissions.has_permission" for doctype in UNIT_SCOPED_DOCTYPES}
	| {doctype: "dlxh_app.permissions.linked_record_has_permission" for doctype in LINKED_RECORD_FIELDS}
	| {"User": "dlxh_app.permissions.user_has_permission"}
)

# Print formats
# -------------
jinja = {
	"filters": ["dlxh_app.printing.site_resources_only"],
	# The survey's result report (print format Survey Results) reads its analysis and charts.
	"methods": ["dlxh_app.dlxh_surveys.analysis.result_report"],
}

# Document events
# ---------------
# A workflow state or docstatus changes only by a transition the user may take, however the document is
# saved (dlxh_app/workflow_rules.py); the hook skips DocTypes that are not the app's or have no workflow.
# Files attached to the app's documents are kept private (dlxh_app/permissions.py).
doc_events = {
	"*": {
		event: "dlxh_app.workflow_rules.guard_workflow_state"
		for event in ("validate", "before_update_after_submit", "before_cancel")
	},
	"File": {"after_insert": "dlxh_app.permissions.keep_attachments_private"},
}

# Scheduled jobs
# --------------
# Reminders of the monthly report (dlxh_app/dlxh_reporting/reminders/jobs.py). Hourly, not daily: the
# reminder days and the deadline are of the Department's local calendar (Asia/Ho_Chi_Minh), while a daily
# job runs at midnight of the system time zone: 07:00 in Vietnam on a server in UTC, the evening before on
# one east of Vietnam. Hourly, the city hears of missing reports within the hour after the deadline,
# whatever the server's zone. Each run sends only what is due and not yet recorded as sent, so most runs
# end after reading the settings.
# The opinion AI (dlxh_app/dlxh_reporting/ai/): hourly, the office's signal sources that are due are
# fetched; daily, the city's alerts of this week's emerging issues (each once per user); in the long
# queue, training again once enough new labels have arrived.
scheduler_events = {
	"hourly": [
		"dlxh_app.dlxh_reporting.reminders.jobs.send_due_reminders",
		"dlxh_app.dlxh_reporting.ai.signals.fetch_due_sources",
	],
	"daily": [
		# Units whose collaborators work under an older regulation than the city's current one.
		"dlxh_app.dlxh_collaborators.regulation.remind_outdated_units",
		"dlxh_app.dlxh_reporting.ai.api.alert_emerging_issues",
	],
	"daily_long": ["dlxh_app.dlxh_reporting.ai.store.retrain_if_due"],
}

# The web app
# -----------
# frontend/ (Vue 3 + frappe-ui), built into public/frontend and www/dlxh.html, served at /dlxh for every
# user, desk or not. The site's home page and login lead there: its login works without desk assets.
website_route_rules = [{"from_route": "/dlxh/<path:app_path>", "to_route": "dlxh"}]
website_redirects = [
	{"source": "/", "target": "/dlxh", "redirect_http_status": 302},
	{
		"source": "/login",
		"target": "/dlxh/login",
		"redirect_http_status": 302,
		"forward_query_parameters": True,
	},
]

# Exports of personal data (consts.EXPORT_LOGGED_DOCTYPES) are logged: Frappe's list export, then a DLXH
# Export Log of who exported how many rows, when (dlxh_app/dlxh_collaborators/exports.py).
override_whitelisted_methods = {
	"frappe.desk.reportview.export_query": "dlxh_app.dlxh_collaborators.exports.export_query"
}

# Whitelisted methods declare their argument types, which Frappe checks on every call.
require_type_annotated_api_methods = True

# Surveys' public pages for citizens (dlxh_surveys/public_form.py): a survey's form, its thank-you page,
# and its paper entry by enumerators.
website_route_rules += [
	{"from_route": "/khao-sat/<slug>/cam-on", "to_route": "khao-sat-cam-on"},
	{"from_route": "/khao-sat/<slug>/nhap-phieu", "to_route": "khao-sat-nhap-phieu"},
	{"from_route": "/khao-sat/<slug>", "to_route": "khao-sat"},
]
