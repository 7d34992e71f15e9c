"""The security walk: every REST route of every DocType of the app, every whitelisted method of the app and
the framework's records that name the app's documents, tried over HTTP as users of two sibling units, of a
unit above another, of a unit below, as a collaborator and as Guest. Any read or write across a unit's
boundary fails it.

Each test walks many routes for one user through Frappe's WSGI application, a few seconds each: the walk is
the point, so these tests are longer than the 2 s the others keep to."""

import json

import frappe

from dlxh_app.consts import EXPENSIVE_CALLS_PER_MINUTE, LINKED_RECORD_FIELDS, SERVER_OWNED_PERMLEVEL
from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.security import (
	A1_OFFICER,
	A_LEADER,
	A_OFFICER,
	B_OFFICER,
	CITY,
	CITY_OFFICER,
	COLLABORATOR,
	MANAGER,
	PASSWORD,
	USERS,
	A,
	B,
	delete_fixture,
	make_fixture,
	marker,
	may_read,
)
from dlxh_app.tests.utils import act, rest_session

APP = "dlxh_app"
# A questionnaire every site has (the library's), which the questionnaire methods are tried on.
LIBRARY_QUESTIONNAIRE = "hai_long_chinh_sach v1"


def app_doctypes(**filters) -> list[frappe._dict]:
	modules = frappe.get_module_list(APP)
	return frappe.get_all(
		"DocType",
		filters={"module": ["in", modules], **filters},
		fields=["name", "istable", "issingle"],
		order_by="name",
	)


def text(response) -> str:
	return response.get_data().decode(errors="replace")


def denied(response) -> bool:
	return response.status_code in (401, 403, 404, 417)


def editable_text_field(doctype: str) -> str | None:
	"""A field a user types that changes nothing else: where a write is tried."""
	for df in frappe.get_meta(doctype).fields:
		if (
			df.fieldtype in ("Data", "Small Text", "Text")
			and not df.read_only
			and not df.permlevel
			and not df.options
			and not df.set_only_once
		):
			return df.fieldname
	return None


# The fixture, made and committed once for every class of the module (the walk's HTTP requests read
# committed data only), and removed when the module is done.
module_fixture = None


def setUpModule():
	global module_fixture
	try:
		module_fixture = make_fixture()
		frappe.db.commit()
	except Exception:
		delete_fixture(module_fixture)
		raise


def tearDownModule():
	delete_fixture(module_fixture)


class SecurityTestCase(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.fixture = module_fixture

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def session(self, user: str | None, steps):
		try:
			return rest_session(user, PASSWORD if user else None, steps)
		finally:
			# The requests committed on their own connection; end this one's transaction to read what
			# they left (MariaDB reads a transaction's snapshot).
			frappe.db.rollback()

	def readable_keys(self, user: str | None, doctype: str) -> set[str]:
		return {key for key in self.fixture.keys_of(doctype) if may_read(user, key)}

	def keys_in(self, doctype: str, names) -> set[str]:
		return {key for name in names if (key := self.fixture.key_of(doctype, name))}


class TestRestRoutes(SecurityTestCase):
	"""Every REST route of every app DocType, for each probing user. Each test takes 2–5 s by nature: it
	makes hundreds of HTTP requests (read, list, write, delete of every record beyond the user's reach)."""

	def walk(self, user: str | None) -> list[str]:
		fixture = self.fixture
		doctypes = [dt for dt in app_doctypes(istable=0, issingle=0)]
		forbidden = {key: fixture.records[key] for key in fixture.records if not may_read(user, key)}
		modified = {
			key: frappe.db.get_value(doctype, name, "modified") for key, (doctype, name) in forbidden.items()
		}

		def steps(client):
			problems = []

			def leak(what, response, keys, named=False):
				"""A record shows by its marker, and in a listing by its name too (a request that names
				it may echo the name in its refusal)."""
				body = text(response)
				for key in keys:
					if marker(key) in body or (not named and fixture.name(key) in body):
						problems.append(f"{what}: shows {key}")

			for dt in doctypes:
				doctype = dt.name
				own_forbidden = [key for key in forbidden if fixture.records[key][0] == doctype]
				listing = client.get(
					f"/api/resource/{doctype}",
					query_string={"limit_page_length": 0, "fields": '["*"]'},
				)
				leak(f"GET list {doctype}", listing, own_forbidden)
				if listing.status_code == 200:
					shown = self.keys_in(doctype, (row["name"] for row in listing.json["data"]))
					missing = self.readable_keys(user, doctype) - shown
					if missing:
						problems.append(f"GET list {doctype}: hides {sorted(missing)}")
				for method, args in (
					(
						"frappe.client.get_list",
						{"doctype": doctype, "fields": '["*"]', "limit_page_length": 0},
					),
					("frappe.desk.reportview.get", {"doctype": doctype, "fields": '["*"]', "page_length": 0}),
					("frappe.desk.search.search_link", {"doctype": doctype, "txt": "", "page_length": 1000}),
					(
						"frappe.desk.reportview.export_query",
						{
							"doctype": doctype,
							"file_format_type": "CSV",
							"fields": '["*"]',
							"title": doctype,
						},
					),
				):
					leak(
						f"{method} {doctype}", client.post(f"/api/method/{method}", data=args), own_forbidden
					)
				for key in own_forbidden:
					_doctype, name = fixture.records[key]
					route = f"/api/resource/{doctype}/{name}"
					for what, response in (
						("GET", client.get(route)),
						(
							"getdoc",
							client.get(
								"/api/method/frappe.desk.form.load.getdoc",
								query_string={"doctype": doctype, "name": name},
							),
						),
						(
							"frappe.client.get",
							client.get(
								"/api/method/frappe.client.get",
								query_string={"doctype": doctype, "name": name},
							),
						),
						(
							"printview",
							client.get("/printview", query_string={"doctype": doctype, "name": name}),
						),
						(
							"download_pdf",
							client.get(
								"/api/method/frappe.utils.print_format.download_pdf",
								query_string={"doctype": doctype, "name": name},
							),
						),
					):
						leak(f"{what} {key}", response, [key], named=True)
						if what != "printview" and not denied(response):
							problems.append(f"{what} {key}: answered {response.status_code}")
					fieldname = editable_text_field(doctype)
					if fieldname:
						for what, response in (
							("PUT", client.put(route, json={fieldname: "FORGED"})),
							(
								"frappe.client.set_value",
								client.post(
									"/api/method/frappe.client.set_value",
									data={
										"doctype": doctype,
										"name": name,
										"fieldname": fieldname,
										"value": "FORGED",
									},
								),
							),
						):
							if not denied(response):
								problems.append(f"{what} {key}: answered {response.status_code}")
					deletion = client.delete(route)
					if not denied(deletion):
						problems.append(f"DELETE {key}: answered {deletion.status_code}")
			return problems

		problems = self.session(user, steps)
		for key, (doctype, name) in forbidden.items():
			if frappe.db.get_value(doctype, name, "modified") != modified[key]:
				problems.append(f"{key} was changed")
		return problems

	def test_sibling_unit_officer(self):
		self.assertEqual(self.walk(A_OFFICER), [])

	def test_sibling_unit_leader(self):
		self.assertEqual(self.walk(A_LEADER), [])

	def test_other_sibling_unit_officer(self):
		self.assertEqual(self.walk(B_OFFICER), [])

	def test_officer_of_a_unit_below(self):
		self.assertEqual(self.walk(A1_OFFICER), [])

	def test_collaborator(self):
		self.assertEqual(self.walk(COLLABORATOR), [])

	def test_guest(self):
		self.assertEqual(self.walk(None), [])

	def test_the_city_reads_everything(self):
		# The walk's own check: every record is listed to a user who may read it all.
		self.assertEqual(self.walk(CITY_OFFICER), [])


class TestChildTables(SecurityTestCase):
	"""Child rows carry their parent's unit scope, through every API that lists them."""

	# Slow by nature (5–15 s): three listing routes for every child table of every app DocType, over HTTP,
	# for each of five probing users.
	def test_child_rows_follow_their_parent(self):
		fixture = self.fixture
		children = [
			(table.options, dt.name)
			for dt in app_doctypes(istable=0, issingle=0)
			for table in frappe.get_meta(dt.name).get_table_fields()
		]

		def steps(client):
			problems = []
			for child, parent in children:
				for method, args in (
					(
						"frappe.client.get_list",
						{"doctype": child, "parent": parent, "fields": '["*"]', "limit_page_length": 0},
					),
					(
						"frappe.desk.reportview.get",
						{"doctype": child, "parent": parent, "fields": '["*"]', "page_length": 0},
					),
				):
					response = client.post(f"/api/method/{method}", data=args)
					body = text(response)
					for key in fixture.keys_of(parent):
						if not may_read(user, key) and (marker(key) in body or fixture.name(key) in body):
							problems.append(f"{method} {child}: shows rows of {key}")
				response = client.get(
					f"/api/resource/{child}",
					query_string={"parent": parent, "fields": '["*"]', "limit_page_length": 0},
				)
				body = text(response)
				for key in fixture.keys_of(parent):
					if not may_read(user, key) and fixture.name(key) in body:
						problems.append(f"GET list {child}: shows rows of {key}")
			return problems

		for user in (A_OFFICER, A1_OFFICER, B_OFFICER, COLLABORATOR, None):
			with self.subTest(user=user):
				self.assertEqual(self.session(user, steps), [])


class TestLinkedRecords(SecurityTestCase):
	"""Comments, versions, files, assignments, notifications, workflow actions and logs of a unit's
	document are the unit's too."""

	def test_records_naming_another_units_document_stay_hidden(self):
		fixture = self.fixture
		report = fixture.name("report_b")

		def steps(client):
			problems = []
			for doctype, name in fixture.linked.items():
				doctype_field, name_field = LINKED_RECORD_FIELDS[doctype]
				fields = json.dumps(["name", doctype_field, name_field])
				for what, response in (
					(
						"GET list",
						client.get(
							f"/api/resource/{doctype}",
							query_string={"fields": fields, "limit_page_length": 0},
						),
					),
					(
						"reportview",
						client.post(
							"/api/method/frappe.desk.reportview.get",
							data={"doctype": doctype, "fields": fields, "page_length": 0},
						),
					),
				):
					if report in text(response) or name in text(response):
						problems.append(f"{what} {doctype}: shows the record of report_b")
				single = client.get(f"/api/resource/{doctype}/{name}")
				if not denied(single):
					problems.append(f"GET {doctype} of report_b: answered {single.status_code}")
			return problems

		for user in (A_OFFICER, A_LEADER, A1_OFFICER, COLLABORATOR, None):
			with self.subTest(user=user):
				self.assertEqual(self.session(user, steps), [])

	def test_the_documents_own_unit_sees_them(self):
		frappe.set_user(B_OFFICER)
		self.assertTrue(
			frappe.has_permission("Workflow Action", "read", self.fixture.linked["Workflow Action"])
		)
		self.assertTrue(frappe.has_permission("File", "read", self.fixture.linked["File"]))

	def test_attachments_of_unit_documents_are_private(self):
		# A public file is served to anyone who has its URL, Guest included.
		self.assertEqual(frappe.db.get_value("File", self.fixture.linked["File"], "is_private"), 1)

	def test_reminder_log_is_the_citys(self):
		frappe.set_user(B_OFFICER)
		self.assertFalse(frappe.has_permission("DLXH Reminder Log", "read"))


class TestUserList(SecurityTestCase):
	"""A unit's users see their own unit's colleagues; only System Managers see logins and addresses."""

	def test_users_listed_by_unit(self):
		def steps(client):
			response = client.get(
				"/api/resource/User",
				query_string={
					"fields": '["name", "dlxh_unit", "last_login", "last_ip", "last_active"]',
					"limit_page_length": 0,
				},
			)
			search = client.post(
				"/api/method/frappe.desk.search.search_link",
				data={"doctype": "User", "txt": "sec.", "page_length": 100},
			)
			return response.status_code, response.json, text(search)

		# The users of the units one reaches: a district's officer sees the ward's officer below it.
		expectations = {
			A_OFFICER: {A_OFFICER, A_LEADER, COLLABORATOR, A1_OFFICER},
			B_OFFICER: {B_OFFICER, "sec.b.leader@test.local"},
			COLLABORATOR: {COLLABORATOR},
		}
		for user, colleagues in expectations.items():
			with self.subTest(user=user):
				status, body, search = self.session(user, steps)
				rows = body.get("data", []) if status == 200 else []
				listed = {row["name"] for row in rows if row["name"] in USERS}
				self.assertLessEqual(listed, colleagues)
				for row in rows:
					for private in ("last_login", "last_ip", "last_active"):
						self.assertFalse(row.get(private), f"{user} sees {private} of {row['name']}")
				for other in set(USERS) - colleagues:
					self.assertNotIn(other, search)

	def test_system_manager_sees_logins(self):
		frappe.set_user("Administrator")
		self.assertIn("last_ip", frappe.get_list("User", fields=["name", "last_ip"], limit=1)[0])


def app_whitelisted_methods() -> set[str]:
	"""Every whitelisted function and document method of the app, as dotted paths (module.function or
	module.Class.method), after importing every module of the app but its tests."""
	import importlib
	import pkgutil

	import dlxh_app

	for module in pkgutil.walk_packages(dlxh_app.__path__, f"{APP}."):
		if ".tests" in module.name or module.name.rpartition(".")[2].startswith("test_"):
			continue
		importlib.import_module(module.name)
	return {
		f"{function.__module__}.{function.__qualname__}"
		for function in frappe.whitelisted
		if function.__module__.startswith(f"{APP}.")
	}


def doc_method(client, key_record: tuple[str, str], method: str, **args):
	doctype, name = key_record
	return client.post(
		"/api/method/run_doc_method",
		data={"dt": doctype, "dn": name, "method": method, "args": json.dumps(args)},
	)


def api(client, method: str, **args):
	return client.post(f"/api/method/{method}", data={key: v for key, v in args.items() if v is not None})


def run_report(client, report: str, filters: dict):
	return api(client, "frappe.desk.query_report.run", report_name=report, filters=json.dumps(filters))


class TestWhitelistedMethods(SecurityTestCase):
	"""Each whitelisted method of the app, called over HTTP by each probing user against documents of
	units they may not reach. A method added later without a case here fails the first test."""

	def cases(self):
		fixture = self.fixture
		reporting = "dlxh_app.dlxh_reporting"
		surveys = "dlxh_app.dlxh_surveys"

		def refused_on(key, method, **args):
			"""Refused wherever the user may not write (or read) the document."""

			def case(client, user):
				response = doc_method(client, fixture.records[key], method, **args)
				if may_read(user, key) and user and USERS[user][0] != "DLXH Collaborator":
					return []
				return [] if denied(response) else [f"{method} on {key}: answered {response.status_code}"]

			return case

		def city_only(method, **args):
			def case(client, user):
				response = api(client, method, **args)
				return [] if denied(response) else [f"{method}: answered {response.status_code}"]

			return case

		def no_guest(method, **args):
			def case(client, user):
				response = api(client, method, **args)
				if user is None and not denied(response):
					return [f"{method}: answered Guest {response.status_code}"]
				return []

			return case

		def within_reach(method, **args):
			"""Answers with the figures of the user's units only: never the name of a unit beyond."""

			def case(client, user):
				response = api(client, method, **args)
				if user is None or USERS[user][0] == "DLXH Collaborator":
					return [] if denied(response) else [f"{method}: answered {user} {response.status_code}"]
				beyond = {B} if user in (A_OFFICER, A_LEADER, A1_OFFICER) else {A}
				return [f"{method}: shows {unit}" for unit in beyond if unit in text(response)]

			return case

		ai = f"{reporting}.ai.api"

		def opinion_work_only(status, method, **args):
			"""Answered (with `status`) to every user of the opinion work, whatever their unit; refused
			to Guest."""

			def case(client, user):
				response = api(client, method, **args)
				if user is None:
					return [] if denied(response) else [f"{method}: answered Guest {response.status_code}"]
				ok = response.status_code == status
				return [] if ok else [f"{method}: answered {user} {response.status_code}"]

			return case

		def responses(client, user):
			response = doc_method(client, fixture.records["request_city"], "get_responses")
			if not may_read(user, "request_city"):
				return [] if denied(response) else [f"get_responses: answered {response.status_code}"]
			# The letter itself, addressed to both districts, comes back too; the answers are the message.
			answers = json.dumps(response.json["message"])
			beyond = {B} if user in (A_OFFICER, A_LEADER, A1_OFFICER) else {A}
			return [f"get_responses: shows {unit}" for unit in beyond if unit in answers]

		def compliance_of_another_unit(client, user):
			other = B if user in (A_OFFICER, A_LEADER, A1_OFFICER) else A
			problems = within_reach(
				f"{reporting}.api.get_compliance", from_period="2026-01", to_period="2026-11"
			)(client, user)
			response = api(
				client,
				f"{reporting}.api.get_compliance",
				from_period="2026-01",
				to_period="2026-11",
				unit=other,
			)
			if not denied(response):
				problems.append(f"get_compliance of {other}: answered {response.status_code}")
			return problems

		def staff_only(call):
			"""Refused to Guest and collaborators, whom questionnaires are not for; staff are not called (the
			method would make records)."""

			def case(client, user):
				if user and USERS[user][0] != "DLXH Collaborator":
					return []
				response = call(client)
				return [] if denied(response) else [f"answered {user} {response.status_code}"]

			return case

		def import_another_units_file(client, user):
			"""An XLSForm import reads only a file the user may read: here one attached to report_b."""
			response = api(
				client,
				f"{surveys}.xlsform.import_xlsform",
				file_url=frappe.db.get_value("File", fixture.linked["File"], "file_url"),
			)
			if may_read(user, "report_b") and user and USERS[user][0] != "DLXH Collaborator":
				# Readable, and refused as no workbook.
				return (
					[]
					if response.status_code == 417
					else [f"import_xlsform: answered {response.status_code}"]
				)
			return (
				[]
				if denied(response)
				else [f"import_xlsform of report_b's file: answered {response.status_code}"]
			)

		def quota_progress(client, user):
			"""A survey's quotas only to who may read the survey."""
			response = api(client, f"{surveys}.api.get_quota_progress", survey=fixture.records["survey_b"][1])
			if may_read(user, "survey_b") and user and USERS[user][0] != "DLXH Collaborator":
				return [] if response.status_code == 200 else [f"get_quota_progress: {response.status_code}"]
			return (
				[]
				if denied(response)
				else [f"get_quota_progress of survey_b: answered {response.status_code}"]
			)

		def survey_readers(method, expected, **args):
			"""A survey's analysis, comparison and exports only to who may read the survey: survey_b, which has
			no questionnaire nor pair, answers its readers `expected` (200, or 417 saying what it lacks)."""

			def case(client, user):
				response = api(client, method, survey=fixture.records["survey_b"][1], **args)
				if may_read(user, "survey_b") and user and USERS[user][0] != "DLXH Collaborator":
					return [] if response.status_code == expected else [f"{method}: {response.status_code}"]
				return [] if denied(response) else [f"{method} of survey_b: answered {response.status_code}"]

			return case

		def invitations(method, **args):
			"""A survey's invitation codes only to its staff. Staff are not asked to generate (that makes
			records)."""

			def case(client, user):
				staff = may_read(user, "survey_b") and user and USERS[user][0] != "DLXH Collaborator"
				if staff and method == "generate_invitations":
					return []
				response = api(
					client, f"{surveys}.invitations.{method}", survey=fixture.records["survey_b"][1], **args
				)
				if staff:
					return [] if response.status_code == 200 else [f"{method}: {response.status_code}"]
				return [] if denied(response) else [f"{method} of survey_b: answered {response.status_code}"]

			return case

		def public_form_of_survey_b(client, user):
			"""The public form takes answers only for a survey in the field: survey_b, proposed, has no
			public page; nothing is stored."""
			response = client.post(
				f"/api/method/{surveys}.public_form.submit_form",
				data={
					"__khao_sat": frappe.db.get_value(
						"Opinion Survey", fixture.records["survey_b"][1], "public_slug"
					),
					"__phieu": "x" * 24,
				},
			)
			stored = frappe.db.count("Survey Response", {"survey": fixture.records["survey_b"][1]})
			return (
				[] if response.status_code == 404 and not stored else [f"submit_form: {response.status_code}"]
			)

		def import_collaborators_from_another_units_file(client, user):
			"""A collaborator list is imported only from a file the user may read: here one attached to
			report_b; refused to collaborators, who register nobody."""
			response = api(
				client,
				"dlxh_app.dlxh_collaborators.importer.import_collaborators",
				file_url=frappe.db.get_value("File", fixture.linked["File"], "file_url"),
			)
			if may_read(user, "report_b") and user and USERS[user][0] != "DLXH Collaborator":
				return (
					[]
					if response.status_code == 417
					else [f"import_collaborators: answered {response.status_code}"]
				)
			return (
				[]
				if denied(response)
				else [f"import_collaborators of report_b's file: answered {response.status_code}"]
			)

		def own_session(client, user):
			"""The web app's boot data: the caller's own session, no unit beyond their reach; Guest's is
			the login form's, with no roles and no DocTypes."""
			response = client.get("/api/method/dlxh_app.webapp.get_boot")
			if response.status_code != 200:
				return [f"get_boot: answered {user} {response.status_code}"]
			boot = response.json["message"]
			problems = [] if boot["user"] == (user or "Guest") else [f"get_boot: {boot['user']} for {user}"]
			if user is None and (boot["roles"] or boot["doctypes"]):
				problems.append("get_boot: roles or DocTypes for Guest")
			beyond = {B} if user in (A_OFFICER, A_LEADER, A1_OFFICER) else {A} if user == B_OFFICER else set()
			return problems + [f"get_boot: shows {unit}" for unit in beyond if unit in text(response)]

		def unit_home(client, user):
			"""The unit's home: the user's own units only; another unit named is refused."""
			other = A if user == B_OFFICER else B
			problems = within_reach(f"{reporting}.home.get_unit_home")(client, user)
			response = api(client, f"{reporting}.home.get_unit_home", unit=other)
			if not denied(response):
				problems.append(f"get_unit_home of {other}: answered {user} {response.status_code}")
			return problems

		def start_another_units_report(client, user):
			"""Starting a report for a unit beyond reach (or without the right) is refused, and nothing is
			made; the user's own unit is not tried here (it would make a report)."""
			other = A if user == B_OFFICER else B
			response = api(client, f"{reporting}.home.start_monthly_report", unit=other)
			return (
				[]
				if denied(response)
				else [f"start_monthly_report of {other}: answered {response.status_code}"]
			)

		def own_entries_home(client, user):
			response = api(client, f"{reporting}.home.get_collaborator_home")
			if user is None:
				return (
					[]
					if denied(response)
					else [f"get_collaborator_home: answered Guest {response.status_code}"]
				)
			owners = {"entry_collaborator": COLLABORATOR, "entry_a": A_OFFICER, "entry_b": B_OFFICER}
			return [
				f"get_collaborator_home: shows {key} to {user}"
				for key, owner in owners.items()
				if owner != user and marker(key) in text(response)
			]

		def collaborator_export(client, user):
			"""The desk's export of the collaborator list (routed to the app's logged export): only the
			collaborators the user may read; refused to Guest and collaborators."""
			response = api(
				client,
				"frappe.desk.reportview.export_query",
				doctype="DLXH Collaborator",
				file_format_type="CSV",
				fields='["name", "full_name"]',
				title="DLXH Collaborator",
			)
			if user is None or USERS[user][0] == "DLXH Collaborator":
				return [] if denied(response) else [f"export_query: answered {user} {response.status_code}"]
			body = text(response)
			return [
				f"export_query: {'shows' if marker(key) in body else 'hides'} {key}"
				for key in fixture.keys_of("DLXH Collaborator")
				if (marker(key) in body) != may_read(user, key)
			]

		def coverage_of_another_unit(client, user):
			other = B if user in (A_OFFICER, A_LEADER, A1_OFFICER) else A
			method = "dlxh_app.dlxh_collaborators.api.get_coverage"
			problems = within_reach(method)(client, user)
			response = api(client, method, unit=other)
			if not denied(response):
				problems.append(f"get_coverage of {other}: answered {response.status_code}")
			return problems

		return {
			"dlxh_app.dlxh_collaborators.exports.export_query": collaborator_export,
			"dlxh_app.dlxh_collaborators.api.get_coverage": coverage_of_another_unit,
			"dlxh_app.dlxh_collaborators.doctype.collaborator_evaluation.collaborator_evaluation.CollaboratorEvaluation.apply_recommendation": refused_on(
				"evaluation_b", "apply_recommendation"
			),
			"dlxh_app.dlxh_collaborators.importer.download_template": staff_only(
				lambda client: api(client, "dlxh_app.dlxh_collaborators.importer.download_template")
			),
			"dlxh_app.dlxh_collaborators.importer.import_collaborators": import_collaborators_from_another_units_file,
			"dlxh_app.webapp.get_boot": own_session,
			"dlxh_app.dlxh_setup.units.get_units_valid_on": no_guest(
				"dlxh_app.dlxh_setup.units.get_units_valid_on"
			),
			f"{reporting}.doctype.report_request.report_request.ReportRequest.get_responses": responses,
			f"{reporting}.doctype.opinion_report.opinion_report.OpinionReport.return_for_revision": refused_on(
				"report_b", "return_for_revision", reason="Trả lại"
			),
			f"{reporting}.doctype.opinion_report.opinion_report.OpinionReport.pull_entries": refused_on(
				"report_a", "pull_entries"
			),
			f"{reporting}.doctype.opinion_synthesis.opinion_synthesis.OpinionSynthesis.return_for_revision": refused_on(
				"synthesis", "return_for_revision", reason="Trả lại"
			),
			f"{reporting}.doctype.opinion_synthesis.opinion_synthesis.OpinionSynthesis.build_draft": refused_on(
				"synthesis", "build_draft"
			),
			"dlxh_app.dlxh_planning.doctype.dlxh_plan.dlxh_plan.DLXHPlan.return_for_revision": refused_on(
				"plan_b", "return_for_revision", reason="Trả lại"
			),
			f"{reporting}.dashboard.reports_due": within_reach(f"{reporting}.dashboard.reports_due"),
			f"{reporting}.dashboard.late_units": within_reach(f"{reporting}.dashboard.late_units"),
			f"{reporting}.dashboard.accepted_reports": within_reach(
				f"{reporting}.dashboard.accepted_reports"
			),
			f"{reporting}.dashboard.open_report_requests": within_reach(
				f"{reporting}.dashboard.open_report_requests"
			),
			f"{reporting}.dashboard_chart_source.opinion_trend_by_month.opinion_trend_by_month.get_data": within_reach(
				f"{reporting}.dashboard_chart_source.opinion_trend_by_month.opinion_trend_by_month.get_data"
			),
			f"{reporting}.api.get_compliance": compliance_of_another_unit,
			f"{surveys}.doctype.opinion_survey.opinion_survey.OpinionSurvey.return_for_revision": refused_on(
				"survey_b", "return_for_revision", reason="Trả lại"
			),
			f"{surveys}.doctype.survey_result_report.survey_result_report.SurveyResultReport.return_for_revision": refused_on(
				"result_b", "return_for_revision", reason="Trả lại"
			),
			f"{surveys}.doctype.survey_result_report.survey_result_report.SurveyResultReport.draft_from_analysis": refused_on(
				"result_b", "draft_from_analysis"
			),
			f"{surveys}.doctype.survey_questionnaire.survey_questionnaire.SurveyQuestionnaire.make_new_version": staff_only(
				lambda client: doc_method(
					client, ("Survey Questionnaire", LIBRARY_QUESTIONNAIRE), "make_new_version"
				)
			),
			f"{surveys}.xlsform.export_xlsform": staff_only(
				lambda client: api(client, f"{surveys}.xlsform.export_xlsform", name=LIBRARY_QUESTIONNAIRE)
			),
			f"{surveys}.xlsform.import_xlsform": import_another_units_file,
			f"{reporting}.home.get_unit_home": unit_home,
			f"{reporting}.home.start_monthly_report": start_another_units_report,
			f"{reporting}.home.get_approval_queue": within_reach(f"{reporting}.home.get_approval_queue"),
			f"{reporting}.home.get_city_home": city_only(f"{reporting}.home.get_city_home"),
			f"{reporting}.home.get_manager_home": city_only(f"{reporting}.home.get_manager_home"),
			f"{reporting}.home.get_collaborator_home": own_entries_home,
			f"{reporting}.home.get_enumerator_home": within_reach(f"{reporting}.home.get_enumerator_home"),
			f"{surveys}.api.get_quota_progress": quota_progress,
			f"{surveys}.analysis.get_analysis": survey_readers(f"{surveys}.analysis.get_analysis", 200),
			f"{surveys}.analysis.get_comparison": survey_readers(f"{surveys}.analysis.get_comparison", 417),
			f"{surveys}.analysis.get_charts": survey_readers(f"{surveys}.analysis.get_charts", 200),
			f"{surveys}.analysis.export_analysis": survey_readers(
				f"{surveys}.analysis.export_analysis", 417, file_format="csv"
			),
			f"{surveys}.invitations.generate_invitations": invitations("generate_invitations", count=1),
			f"{surveys}.invitations.export_invitations": invitations("export_invitations"),
			f"{surveys}.public_form.submit_form": public_form_of_survey_b,
			f"{surveys}.response_import.import_responses": staff_only(
				lambda client: api(
					client,
					f"{surveys}.response_import.import_responses",
					survey=fixture.records["survey_b"][1],
					file_url=frappe.db.get_value("File", fixture.linked["File"], "file_url"),
				)
			),
			f"{ai}.suggest": opinion_work_only(200, f"{ai}.suggest", text="Người dân phản ánh kẹt xe"),
			# An unknown topic: refused (417) to the opinion work's users too, so nothing is recorded.
			f"{ai}.record_feedback": opinion_work_only(
				417, f"{ai}.record_feedback", text="Người dân phản ánh kẹt xe", topic="Không có chủ đề này"
			),
			f"{ai}.model_status": city_only(f"{ai}.model_status"),
			f"{ai}.emerging_issues": city_only(f"{ai}.emerging_issues"),
			f"{ai}.similar_opinions": city_only(
				f"{ai}.similar_opinions", from_date="2026-11-01", to_date="2026-12-01"
			),
			f"{reporting}.ai.signals.fetch_source": city_only(
				f"{reporting}.ai.signals.fetch_source", source="Nguồn tin bất kỳ"
			),
		}

	def test_every_whitelisted_method_has_a_case(self):
		self.assertEqual(app_whitelisted_methods(), set(self.cases()))

	def test_collaborator_list_export_is_logged(self):
		def steps(client):
			return api(
				client,
				"frappe.desk.reportview.export_query",
				doctype="DLXH Collaborator",
				file_format_type="CSV",
				fields='["name", "full_name"]',
				title="DLXH Collaborator",
			)

		frappe.db.delete("DLXH Export Log", {"user": A_LEADER})
		frappe.db.commit()
		self.assertEqual(self.session(A_LEADER, steps).status_code, 200)
		logs = frappe.get_all(
			"DLXH Export Log",
			filters={"user": A_LEADER},
			fields=["exported_doctype", "row_count", "file_type", "export_time"],
		)
		self.assertEqual(len(logs), 1)
		self.assertEqual(
			(logs[0].exported_doctype, logs[0].row_count, logs[0].file_type), ("DLXH Collaborator", 1, "CSV")
		)

	# Slow by nature (3–6 s): every whitelisted method of the app, over HTTP, for each probing user.
	def test_methods_refuse_what_is_beyond_reach(self):
		cases = self.cases()

		def steps(client):
			return [problem for case in cases.values() for problem in case(client, user)]

		for user in (A_OFFICER, A_LEADER, A1_OFFICER, B_OFFICER, COLLABORATOR, None):
			with self.subTest(user=user):
				self.assertEqual(self.session(user, steps), [])
		self.assertEqual(
			frappe.db.get_value(*self.fixture.records["report_b"], "workflow_state"), "Sent to City"
		)

	def test_reports_show_only_units_within_reach(self):
		def steps(client):
			problems = []
			for report, filters in (
				("Report Compliance", {"from_period": "2026-01", "to_period": "2026-11"}),
				("DLXH Plan Progress", {}),
				("Collaborator Coverage", {}),
			):
				response = run_report(client, report, filters)
				if B in text(response) or marker("plan_b") in text(response):
					problems.append(f"{report}: shows {B}")
			response = run_report(
				client, "Report Compliance", {"from_period": "2026-01", "to_period": "2026-11", "unit": B}
			)
			# Refused with a message and no rows (the report does not raise: see its execute).
			if response.status_code == 200 and response.json["message"]["result"]:
				problems.append(f"Report Compliance of {B}: answered with rows")
			return problems

		self.assertEqual(self.session(A_OFFICER, steps), [])


def legal_next_states(workflow, state: str, user: str, owner: str) -> set[str] | None:
	"""The states `user` may move a document of `owner` to from `state`, read off the workflow's
	transitions; None when a transition has a condition (which this does not evaluate)."""
	roles = set(frappe.get_roles(user))
	states = set()
	for transition in workflow.transitions:
		if transition.state != state or transition.allowed not in roles:
			continue
		if transition.condition:
			return None
		if transition.allow_self_approval or user != owner:
			states.add(transition.next_state)
	return states


class TestWorkflowStates(SecurityTestCase):
	"""A workflow state changes only as the workflow allows, however the document is saved."""

	# Slow by nature (5–15 s): every state of every active workflow is tried by a plain save, as each user
	# who may write the record, on the fixture's records of every workflow DocType.
	def test_no_state_is_reached_by_a_plain_save(self):
		fixture = self.fixture
		attempts = []
		for workflow_name in frappe.get_all("Workflow", {"is_active": 1}, pluck="name"):
			workflow = frappe.get_doc("Workflow", workflow_name)
			for key in fixture.keys_of(workflow.document_type):
				doctype, name = fixture.records[key]
				stored = frappe.db.get_value(
					doctype, name, ["workflow_state", "owner", "docstatus"], as_dict=True
				)
				for user in (A_OFFICER, A_LEADER, B_OFFICER, CITY_OFFICER):
					if not frappe.has_permission(doctype, "write", name, user=user):
						continue
					legal = legal_next_states(workflow, stored.workflow_state, user, stored.owner)
					self.assertIsNotNone(legal, f"{workflow_name} has conditions this test cannot judge")
					for state in {row.state for row in workflow.states} - legal - {stored.workflow_state}:
						attempts.append((user, key, state))
		self.assertIn((A_LEADER, "plan_a_next", "Approved"), attempts)
		self.assertIn((A_LEADER, "report_a_pending", "Sent to City"), attempts)

		def attempt(user):
			"""Each of the user's attempts through the three ways a client saves: REST, set_value and
			bulk_update (which reports failures in its answer, not by its status); the database says
			whether any got through."""

			def steps(client):
				for who, key, state in attempts:
					if who != user:
						continue
					doctype, name = fixture.records[key]
					client.put(f"/api/resource/{doctype}/{name}", json={"workflow_state": state})
					api(
						client,
						"frappe.client.set_value",
						doctype=doctype,
						name=name,
						fieldname="workflow_state",
						value=state,
					)
					api(
						client,
						"frappe.client.bulk_update",
						docs=json.dumps([{"doctype": doctype, "docname": name, "workflow_state": state}]),
					)

			return steps

		def states():
			return {
				key: frappe.db.get_value(doctype, name, "workflow_state")
				for key, (doctype, name) in fixture.records.items()
				if frappe.get_meta(doctype).has_field("workflow_state")
			}

		before = states()
		for user in {who for who, _key, _state in attempts}:
			self.session(user, attempt(user))
		self.assertEqual(states(), before)

	def test_self_approval_by_save_names_the_rule(self):
		frappe.set_user(A_LEADER)
		plan = frappe.get_doc(*self.fixture.records["plan_a_next"])
		plan.workflow_state = "Approved"
		with self.assertRaises(frappe.ValidationError) as refused:
			plan.save()
		self.assertIn("Approve", str(refused.exception))

	def test_docstatus_changes_only_with_a_transition(self):
		fixture = self.fixture

		plan_doctype, plan = fixture.records["plan_city_draft"]
		plan_json = frappe.get_doc(plan_doctype, plan).as_json()

		def steps(client):
			return [
				client.put(f"/api/resource/{plan_doctype}/{plan}", json={"docstatus": 1}),
				api(client, "frappe.client.submit", doc=plan_json),
				client.post(
					"/api/resource/Report Request",
					json={
						"subject": "Công văn giả",
						"issuing_unit": CITY,
						"deadline": "2026-12-30 17:00:00",
						"docstatus": 1,
						"signer_title": "PHÓ TRƯỞNG BAN",
						"signer_name": "Trần Thị Thành",
					},
				),
			]

		responses = self.session(CITY_OFFICER, steps)
		for response in responses:
			self.assertNotEqual(response.status_code, 200, text(response)[:300])
		self.assertEqual(frappe.db.get_value(*fixture.records["plan_city_draft"], "docstatus"), 0)
		self.assertFalse(frappe.db.exists("Report Request", {"subject": "Công văn giả"}))

	def test_cancel_goes_through_the_workflow(self):
		frappe.set_user(MANAGER)
		plan = frappe.get_doc(*self.fixture.records["plan_city"])
		with self.assertRaises(frappe.ValidationError):
			plan.cancel()
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value(*self.fixture.records["plan_city"], "docstatus"), 1)


# Read-only fields a client may still send, each checked by the server otherwise: the workflow state
# (by the workflow guard), the cancelled document an amendment comes from (by Frappe), and the opinion
# entry an item was made from (by the report, which takes only its unit's unused entries).
CLIENT_SET_READ_ONLY = {"workflow_state", "amended_from", "opinion_entry"}


def server_owned_fields(doctype: str) -> list:
	return [df for df in frappe.get_meta(doctype).fields if df.permlevel == SERVER_OWNED_PERMLEVEL]


def forged_value(df):
	return {
		"Int": 99,
		"Check": 1,
		"Float": 77.0,
		"Percent": 77.0,
		"Date": "2020-01-02",
		"Datetime": "2020-01-02 03:04:05",
	}.get(df.fieldtype, "FORGED")


class TestServerOwnedFields(SecurityTestCase):
	"""Numbers, references, times, lateness, figures and links the server keeps are never taken from a
	client, on insert or on save."""

	def test_every_read_only_field_is_server_owned(self):
		for dt in app_doctypes():
			meta = frappe.get_meta(dt.name)
			for df in meta.fields:
				if df.fieldtype in (
					"Section Break",
					"Column Break",
					"Tab Break",
					"HTML",
					"Heading",
					"Button",
				):
					continue
				if df.read_only and not df.fetch_from and df.fieldname not in CLIENT_SET_READ_ONLY:
					with self.subTest(doctype=dt.name, field=df.fieldname):
						self.assertEqual(df.permlevel, SERVER_OWNED_PERMLEVEL)
				if df.permlevel == SERVER_OWNED_PERMLEVEL:
					with self.subTest(doctype=dt.name, field=df.fieldname, read_only=True):
						self.assertTrue(df.read_only)

	def test_readers_read_them_and_nobody_writes_them(self):
		for dt in app_doctypes(istable=0):
			permissions = frappe.get_meta(dt.name).permissions
			readers = {p.role for p in permissions if p.permlevel == 0 and p.read}
			owned = [p for p in permissions if p.permlevel == SERVER_OWNED_PERMLEVEL]
			with self.subTest(doctype=dt.name):
				self.assertFalse([p.role for p in owned if p.write or p.create or p.submit])
				if any(
					server_owned_fields(table.options)
					for table in frappe.get_meta(dt.name).get_table_fields()
				) or server_owned_fields(dt.name):
					self.assertEqual({p.role for p in owned if p.read}, readers)

	def test_saves_over_rest_keep_them(self):
		fixture = self.fixture
		writers = {}
		for key, (doctype, name) in fixture.records.items():
			if not server_owned_fields(doctype):
				continue
			writer = next(
				(
					user
					for user in (A_OFFICER, B_OFFICER, CITY_OFFICER, MANAGER)
					if frappe.has_permission(doctype, "write", name, user=user)
				),
				None,
			)
			if writer:
				writers.setdefault(writer, []).append(key)
		self.assertIn("report_a", writers[A_OFFICER])

		def stored(key):
			doctype, name = fixture.records[key]
			return frappe.db.get_value(
				doctype, name, [df.fieldname for df in server_owned_fields(doctype)], as_dict=True
			)

		before = {key: stored(key) for keys in writers.values() for key in keys}
		for user, keys in writers.items():

			def steps(client, keys=keys):
				for key in keys:
					doctype, name = fixture.records[key]
					forged = {
						df.fieldname: forged_value(df)
						for df in server_owned_fields(doctype)
						if df.fieldtype not in ("Link", "Dynamic Link")
					}
					client.put(f"/api/resource/{doctype}/{name}", json=forged)

			self.session(user, steps)
		self.assertEqual({key: stored(key) for key in before}, before)

	def test_inserts_over_rest_keep_them(self):
		def steps(client):
			report = client.post(
				"/api/resource/Opinion Report",
				json={
					"unit": A,
					"report_type": "Monthly",
					"period_year": 2026,
					"period_month": 9,
					"document_reference": "77-BC/GIẢ",
					"document_number": 77,
					"sent_on": "2026-09-01 08:00:00",
					"is_late": 1,
					"days_late": 9,
					"accepted_on": "2026-09-02 08:00:00",
				},
			)
			entry = client.post(
				"/api/resource/Opinion Entry",
				json={
					"unit": A,
					"entry_date": "2026-11-21",
					"topic": "SEC Chủ đề an ninh",
					"content": "Ý kiến mới",
					"used_in_report": self.fixture.name("report_a"),
				},
			)
			return report.json["data"]["name"], entry.json["data"]["name"]

		report, entry = self.session(A_OFFICER, steps)
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Opinion Report Item", {"parent": report})
		self.addCleanup(frappe.db.delete, "Opinion Report", {"name": report})
		self.addCleanup(frappe.db.delete, "Opinion Entry", {"name": entry})
		stored = frappe.db.get_value(
			"Opinion Report",
			report,
			["document_reference", "document_number", "sent_on", "is_late", "days_late", "accepted_on"],
			as_dict=True,
		)
		self.assertEqual(
			stored,
			{
				"document_reference": None,
				"document_number": 0,
				"sent_on": None,
				"is_late": 0,
				"days_late": 0,
				"accepted_on": None,
			},
		)
		self.assertIsNone(frappe.db.get_value("Opinion Entry", entry, "used_in_report"))

	def test_issuing_takes_the_counter_whatever_was_sent(self):
		frappe.set_user(A_OFFICER)
		report = frappe.get_doc(*self.fixture.records["report_a"])
		report.update({"document_reference": "01-BC/SECA", "document_number": 1})
		report.save()
		self.assertFalse(frappe.db.get_value("Opinion Report", report.name, "document_reference"))
		report = act(report, (A_OFFICER, "Send to Leader"), (A_LEADER, "Approve and Send"))
		counter = frappe.db.get_value(
			"DLXH Document Counter", {"issuing_unit": A, "document_type": "BC"}, "last_number"
		)
		self.assertEqual(report.document_number, counter)
		self.assertEqual(report.document_reference, f"{counter:02d}-BC/SECA")

	def test_synthesis_topics_are_drawn_not_typed(self):
		frappe.set_user(CITY_OFFICER)
		synthesis = frappe.get_doc(*self.fixture.records["synthesis"])
		synthesis.append("topics", {"topic": "SEC Chủ đề an ninh", "total": 500, "positive": 500})
		with self.assertRaises(frappe.ValidationError) as refused:
			synthesis.save()
		self.assertIn("Build Draft from Reports", str(refused.exception))


class TestWhatResponsesReveal(SecurityTestCase):
	"""Prints, validation messages and errors show only what the user may read."""

	def test_printing_an_unsaved_document_cannot_reach_another_units_records(self):
		fixture = self.fixture
		forged = {
			"doctype": "Opinion Report",
			"unit": B,
			"report_type": "Ad hoc",
			"report_request": fixture.name("request_city_draft"),
			"period_year": 2026,
			"period_month": 11,
		}

		def steps(client):
			return [
				api(
					client,
					"frappe.www.printview.get_html_and_style",
					doc=json.dumps(values),
					print_format="Opinion Report",
				)
				for values in (forged, forged | {"unit": B}, forged | {"unit": A})
			]

		for response in self.session(A_OFFICER, steps):
			self.assertNotIn(marker("request_city_draft"), text(response))

	def test_the_collaborator_list_prints_only_readable_collaborators(self):
		"""The print format "Collaborator List" of a unit, printed (saved or forged to span the whole tree)
		by a sibling unit's officer, lists none of the other unit's collaborators; its own unit's it does."""
		forged = {"doctype": "DLXH Unit", "name": B, "unit_name": B, "lft": 0, "rgt": 10**9}

		def steps(client):
			return [
				client.get(
					"/printview",
					query_string={"doctype": "DLXH Unit", "name": B, "format": "Collaborator List"},
				),
				api(
					client,
					"frappe.www.printview.get_html_and_style",
					doc=json.dumps(forged),
					print_format="Collaborator List",
				),
				client.get(
					"/printview",
					query_string={"doctype": "DLXH Unit", "name": A, "format": "Collaborator List"},
				),
			]

		*beyond, own = self.session(A_OFFICER, steps)
		for response in beyond:
			self.assertNotIn(marker("collaborator_b"), text(response))
		self.assertIn(marker("collaborator_a"), text(own))

	def test_messages_do_not_name_hidden_documents(self):
		fixture = self.fixture

		def steps(client):
			return [
				client.post(
					"/api/resource/Plan Adjustment Request",
					json={
						"unit": A,
						"plan": fixture.name("plan_city_draft"),
						"subject": "Đề nghị",
						"description": "Nội dung",
					},
				),
				client.post(
					"/api/resource/DLXH Plan",
					json={
						"title": "Kế hoạch",
						"plan_year": 2025,
						"issuing_unit": A,
						"parent_plan": fixture.name("plan_b"),
					},
				),
				client.put(
					f"/api/resource/Opinion Report/{fixture.name('report_a')}",
					json={
						"items": [
							{
								"topic": "SEC Chủ đề an ninh",
								"content": "x",
								"opinion_entry": fixture.name("entry_b"),
							}
						]
					},
				),
			]

		hidden = ("plan_city_draft", "plan_b", "entry_b")
		for response, key in zip(self.session(A_OFFICER, steps), hidden, strict=True):
			with self.subTest(key=key):
				self.assertEqual(response.status_code, 417, text(response)[:300])
				self.assertNotIn(fixture.name(key), text(response))
				self.assertIn("another unit", text(response))

	def test_no_traceback_for_ordinary_users(self):
		fixture = self.fixture

		def steps(client):
			return [
				client.get(f"/api/resource/Opinion Report/{fixture.name('report_b')}"),
				api(client, "frappe.client.get_value", doctype="No Such DocType", fieldname="name"),
			]

		for response in self.session(A_OFFICER, steps):
			body = text(response)
			self.assertNotIn("Traceback", body)
			self.assertNotIn('File \\"', body)


class TestExpensivePaths(SecurityTestCase):
	"""The compliance and synthesis computations are limited per user however they are reached."""

	# Slow by nature (3–9 s): each of four paths is called one time more than the per-minute limit allows,
	# and each call computes compliance or figures over the fixture's units.
	def test_each_path_counts_against_the_users_limit(self):
		paths = {
			"api": lambda client: api(
				client,
				"dlxh_app.dlxh_reporting.api.get_compliance",
				from_period="2026-01",
				to_period="2026-11",
			),
			"script report": lambda client: run_report(
				client, "Report Compliance", {"from_period": "2026-01", "to_period": "2026-11"}
			),
			"number card": lambda client: api(client, "dlxh_app.dlxh_reporting.dashboard.late_units"),
			"chart": lambda client: api(
				client,
				"dlxh_app.dlxh_reporting.dashboard_chart_source.opinion_trend_by_month.opinion_trend_by_month.get_data",
			),
		}

		def steps(client):
			outcomes = {}
			for name, call in paths.items():
				frappe.cache.delete_keys("dlxh-limit")
				responses = [call(client) for _ in range(EXPENSIVE_CALLS_PER_MINUTE + 1)]
				outcomes[name] = [refused(response) for response in responses]
			return outcomes

		def refused(response) -> bool:
			if response.status_code == 429:
				return True
			# The script report shows its refusal with no rows rather than raising (see its execute).
			result = response.json.get("message") if response.status_code == 200 else None
			return bool(
				isinstance(result, dict)
				and not result.get("result")
				and "Wait a minute" in response.json.get("_server_messages", "")
			)

		self.addCleanup(frappe.cache.delete_keys, "dlxh-limit")
		for path, outcomes in self.session(A_OFFICER, steps).items():
			with self.subTest(path=path):
				self.assertEqual(outcomes, [False] * EXPENSIVE_CALLS_PER_MINUTE + [True])

	def test_the_script_report_refuses_without_raising(self):
		# Frappe v15 cancels the timer that turns a slow script report into a prepared report only when
		# `execute` returns: a report that raised would switch to a prepared report for everyone.
		from dlxh_app.dlxh_reporting.report.report_compliance.report_compliance import execute

		frappe.set_user(A_OFFICER)
		for filters in ({"unit": B}, {"from_period": "2026-13"}):
			with self.subTest(filters=filters):
				self.assertEqual(execute(filters)[1], [])
