"""The unit-scoped access matrix: users of two sibling units, of a parent unit and of the city, each
logged in, reading, listing, writing, running a report and calling REST. Every cell is checked both
ways: nothing leaks to a user who should not see it, and nothing is hidden from one who should."""

import frappe
from frappe.desk.query_report import run as run_report
from frappe.utils.password import update_password

from dlxh_app import hooks
from dlxh_app.consts import SCOPED_CHILD_TABLES, UNIT_SCOPED_DOCTYPES
from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.utils import act, make_plan, make_unit, make_user, rest_session

CITY = "PM Ban Tuyên giáo Thành ủy"
DISTRICT_A = "PM Quận ủy An"
DISTRICT_B = "PM Quận ủy Bình"
WARD_A = "PM Đảng ủy phường An Một"
UNITS = (CITY, DISTRICT_A, DISTRICT_B, WARD_A)
PASSWORD = "Pm-Test-Pass-2025!"

MANAGER = "pm.manager@test.local"
CITY_OFFICER = "pm.city.officer@test.local"
A_LEADER = "pm.a.leader@test.local"
A_OFFICER = "pm.a.officer@test.local"
B_OFFICER = "pm.b.officer@test.local"
WARD_OFFICER = "pm.ward.officer@test.local"
NO_UNIT = "pm.no.unit@test.local"
USERS = {
	MANAGER: ("DLXH Manager", CITY),
	CITY_OFFICER: ("DLXH City Officer", CITY),
	A_LEADER: ("DLXH Unit Leader", DISTRICT_A),
	A_OFFICER: ("DLXH Unit Officer", DISTRICT_A),
	B_OFFICER: ("DLXH Unit Officer", DISTRICT_B),
	WARD_OFFICER: ("DLXH Unit Officer", WARD_A),
	NO_UNIT: ("DLXH Unit Officer", None),
}

# Plans by key: (issuing unit, year, issued?)
PLANS = {
	"city_issued": (CITY, 2025, True),
	"city_draft": (CITY, 2026, False),
	"a_issued": (DISTRICT_A, 2025, True),
	"a_draft": (DISTRICT_A, 2026, False),
	"b_draft": (DISTRICT_B, 2025, False),
	"ward_draft": (WARD_A, 2025, False),
}
ALL = set(PLANS)
# What each user may read; issued plans of the units above are readable, not writable.
READABLE = {
	MANAGER: ALL,
	CITY_OFFICER: ALL,
	A_LEADER: {"city_issued", "a_issued", "a_draft", "ward_draft"},
	A_OFFICER: {"city_issued", "a_issued", "a_draft", "ward_draft"},
	B_OFFICER: {"city_issued", "b_draft"},
	WARD_OFFICER: {"city_issued", "a_issued", "ward_draft"},
	NO_UNIT: set(),
}
WRITABLE_DRAFTS = {
	MANAGER: {"city_draft", "a_draft", "b_draft", "ward_draft"},
	CITY_OFFICER: {"city_draft", "a_draft", "b_draft", "ward_draft"},
	A_LEADER: {"a_draft", "ward_draft"},
	A_OFFICER: {"a_draft", "ward_draft"},
	B_OFFICER: {"b_draft"},
	WARD_OFFICER: {"ward_draft"},
	NO_UNIT: set(),
}


def make_fixture() -> dict[str, str]:
	make_unit(CITY, unit_type="City Department", abbreviation="PMTU", is_group=1, parent_body_line="PM")
	make_unit(DISTRICT_A, parent_dlxh_unit=CITY, is_group=1, parent_body_line=DISTRICT_A)
	make_unit(DISTRICT_B, parent_dlxh_unit=CITY, parent_body_line=DISTRICT_B)
	make_unit(
		WARD_A, parent_dlxh_unit=DISTRICT_A, unit_type="Commune/Ward Party Committee", abbreviation="ĐU"
	)
	for email, (role, unit) in USERS.items():
		make_user(email, [role], unit)
		update_password(email, PASSWORD)

	drafter = {CITY: CITY_OFFICER, DISTRICT_A: A_OFFICER, DISTRICT_B: B_OFFICER, WARD_A: WARD_OFFICER}
	approver = {CITY: MANAGER, DISTRICT_A: A_LEADER}
	names = {}
	for key, (unit, year, issued) in PLANS.items():
		frappe.set_user(drafter[unit])
		plan = make_plan(unit, year)
		frappe.set_user("Administrator")
		if issued:
			act(
				plan,
				(drafter[unit], "Send for Approval"),
				(approver[unit], "Approve"),
				(drafter[unit], "Issue"),
			)
		names[key] = plan.name
	return names


def delete_fixture(names: dict[str, str]):
	plans = list(names.values())
	for table, column in (
		("DLXH Plan Activity", "parent"),
		("DLXH Plan Legal Basis", "parent"),
		("DLXH Plan Topic", "parent"),
		("Comment", "reference_name"),
		("Version", "docname"),
		("DLXH Plan", "name"),
	):
		frappe.db.delete(table, {column: ["in", plans]})
	frappe.db.delete("DLXH Plan", {"issuing_unit": ["in", UNITS]})
	frappe.db.delete("DLXH Document Counter", {"issuing_unit": ["in", UNITS]})
	for email in USERS:
		frappe.delete_doc("User", email, force=True, ignore_missing=True)
	for unit in reversed(UNITS):
		frappe.delete_doc("DLXH Unit", unit, force=True, ignore_missing=True)


class TestUnitAccess(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# REST requests run on their own connection and see only committed data.
		cls.names = {}
		try:
			cls.names = make_fixture()
		finally:
			frappe.db.commit()
		cls.key_of = {name: key for key, name in cls.names.items()}

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		delete_fixture(cls.names)
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def keys(self, names):
		return {self.key_of[name] for name in names if name in self.key_of}

	def test_hooks_cover_every_unit_scoped_doctype_and_its_child_tables(self):
		for doctype in UNIT_SCOPED_DOCTYPES:
			self.assertEqual(
				hooks.permission_query_conditions[doctype],
				"dlxh_app.permissions.get_permission_query_conditions",
			)
			self.assertEqual(hooks.has_permission[doctype], "dlxh_app.permissions.has_permission")
		children = {
			table.options: doctype
			for doctype in UNIT_SCOPED_DOCTYPES
			for table in frappe.get_meta(doctype).get_table_fields()
		}
		self.assertEqual(children, SCOPED_CHILD_TABLES)
		for child in children:
			self.assertEqual(
				hooks.permission_query_conditions[child], "dlxh_app.permissions.get_child_table_conditions"
			)

	def test_lists(self):
		for user, expected in READABLE.items():
			frappe.set_user(user)
			with self.subTest(user=user):
				self.assertEqual(
					self.keys(frappe.get_list("DLXH Plan", pluck="name", limit_page_length=0)), expected
				)
				# Through the database API too, as the desk's list and report views query it.
				rows = frappe.db.get_list("DLXH Plan", fields=["name"], limit_page_length=0)
				self.assertEqual(self.keys(row.name for row in rows), expected)

	def test_single_documents(self):
		for user in USERS:
			for key, name in self.names.items():
				doc = frappe.get_doc("DLXH Plan", name)
				with self.subTest(user=user, plan=key):
					self.assertEqual(
						bool(frappe.has_permission("DLXH Plan", "read", doc=doc, user=user)),
						key in READABLE[user],
					)
					if doc.docstatus == 0:
						self.assertEqual(
							bool(frappe.has_permission("DLXH Plan", "write", doc=doc, user=user)),
							key in WRITABLE_DRAFTS[user],
						)

	def test_saving_another_units_draft_is_refused(self):
		frappe.set_user(B_OFFICER)
		doc = frappe.get_doc("DLXH Plan", self.names["a_draft"])
		doc.issuing_unit = DISTRICT_B
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		frappe.set_user(A_OFFICER)
		with self.assertRaises(frappe.PermissionError):
			make_plan(DISTRICT_B, 2027)

	def test_issued_plan_of_the_city_is_read_only_below(self):
		doc = frappe.get_doc("DLXH Plan", self.names["city_issued"])
		self.assertTrue(frappe.has_permission("DLXH Plan", "print", doc=doc, user=A_OFFICER))
		self.assertFalse(frappe.has_permission("DLXH Plan", "write", doc=doc, user=A_OFFICER))
		self.assertFalse(frappe.has_permission("DLXH Plan", "cancel", doc=doc, user=A_LEADER))

	def test_progress_report(self):
		for user, expected in READABLE.items():
			if not expected:
				continue
			frappe.set_user(user)
			with self.subTest(user=user):
				result = run_report("DLXH Plan Progress", filters={})
				self.assertEqual(self.keys(row["plan"] for row in result["result"]), expected)

	def test_report_filter_by_unit_includes_units_below(self):
		frappe.set_user(CITY_OFFICER)
		result = run_report("DLXH Plan Progress", filters={"issuing_unit": DISTRICT_A})
		self.assertEqual(
			self.keys(row["plan"] for row in result["result"]), {"a_issued", "a_draft", "ward_draft"}
		)

	def test_rest(self):
		names = self.names

		def steps(client):
			listing = client.get("/api/resource/DLXH Plan", query_string={"limit_page_length": 0})
			own = client.get(f"/api/resource/DLXH Plan/{names['a_draft']}")
			sibling = client.get(f"/api/resource/DLXH Plan/{names['b_draft']}")
			city_draft = client.get(f"/api/resource/DLXH Plan/{names['city_draft']}")
			takeover = client.put(
				f"/api/resource/DLXH Plan/{names['b_draft']}", json={"issuing_unit": DISTRICT_A}
			)
			foreign = client.post(
				"/api/resource/DLXH Plan",
				json={"title": "Kế hoạch giả", "plan_year": 2027, "issuing_unit": DISTRICT_B},
			)
			return listing, own, sibling, city_draft, takeover, foreign

		listing, own, sibling, city_draft, takeover, foreign = rest_session(A_OFFICER, PASSWORD, steps)
		self.assertEqual(self.keys(row["name"] for row in listing.json["data"]), READABLE[A_OFFICER])
		self.assertEqual(own.status_code, 200)
		self.assertEqual(own.json["data"]["issuing_unit"], DISTRICT_A)
		for response in (sibling, city_draft, takeover, foreign):
			self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:300])
		self.assertEqual(frappe.db.get_value("DLXH Plan", names["b_draft"], "issuing_unit"), DISTRICT_B)
		self.assertFalse(frappe.db.exists("DLXH Plan", {"issuing_unit": DISTRICT_B, "plan_year": 2027}))

	def test_rest_for_the_city(self):
		def steps(client):
			return client.get(
				"/api/resource/DLXH Plan",
				query_string={"limit_page_length": 0, "fields": '["name", "issuing_unit"]'},
			)

		listing = rest_session(CITY_OFFICER, PASSWORD, steps)
		self.assertEqual(self.keys(row["name"] for row in listing.json["data"]), ALL)
