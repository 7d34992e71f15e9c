"""The demo data of `make run`: it loads, loads only once, shows each plan and report to the right users,
tells the 2025 reporting cycle its data describes and the months since as its letters say, whatever today
is (setup/data/demo/report_units.json: one letter a month per unit), and the README's walkthrough runs as
written with the README's own table. The city plan's three surveys are as their users took them through
(library questionnaires, sampling plans and budgets of illustrative norms, synthetic responses), and the
collaborator network as the units' users see it: a few hundred collaborators across the wards and mass
organisations (43 listed, the rest generated from data) with uneven coverage, the city's targets, the
regulation in two versions, trainings and the previous year's evaluations.

The demo is loaded once for the class and rolled back after it; a test that changes it rolls back to a
savepoint."""

import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import frappe
from frappe.desk.query_report import run as run_report
from frappe.utils import get_datetime, getdate, now_datetime, today
from frappe.utils.password import check_password

from dlxh_app.dlxh_collaborators.api import get_coverage
from dlxh_app.dlxh_reporting.compliance import get_matrix
from dlxh_app.dlxh_reporting.dashboard import open_report_requests, reports_due
from dlxh_app.dlxh_reporting.doctype.opinion_report.opinion_report import local_now
from dlxh_app.dlxh_reporting.rules.compliance import Compliance, owes_report
from dlxh_app.dlxh_reporting.rules.deadline import deadline_for
from dlxh_app.dlxh_reporting.rules.period import add_months, entry_window
from dlxh_app.setup.demo import get_demo_logins, make_demo
from dlxh_app.setup.demo_users import make_user
from dlxh_app.setup.install import read_data
from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.printing import lines, read_pdf
from dlxh_app.tests.utils import act, as_user, in_request_thread, insert_as

README = Path(frappe.get_app_path("dlxh_app")).parent / "README.md"
CITY = "Ban Tuyên giáo Thành ủy Cần Thơ"
NINH_KIEU = "Quận ủy Ninh Kiều"
BINH_THUY = "Quận ủy Bình Thủy"
NINH_KIEU_WARD = "Đảng ủy phường Ninh Kiều"
CAI_KHE_WARD = "Đảng ủy phường Cái Khế"
LONG_TUYEN_WARD = "Đảng ủy phường Long Tuyền"
THOI_AN_DONG_WARD = "Đảng ủy phường Thới An Đông"
POLICE = "Đảng ủy Công an thành phố Cần Thơ"
WARD_OFFICER = "officer.phuongninhkieu@dlxh.local"
CITY_OFFICER = "officer@dlxh.local"
ENUMERATOR = "enumerator@dlxh.local"
COUNTED = (
	"DLXH Unit",
	"DLXH Unit Successor",
	"User",
	"Has Role",
	"DLXH Plan",
	"DLXH Plan Activity",
	"DLXH Document Counter",
	"Version",
	"Opinion Entry",
	"Opinion Report",
	"Opinion Report Item",
	"Report Request",
	"Opinion Synthesis",
	"Comment",
	"Workflow Action",
	"Opinion Survey",
	"Survey Budget Norm",
	"Survey Budget Line",
	"DLXH Collaborator",
	"Collaborator Target",
	"Collaborator Regulation",
	"Collaborator Regulation Adoption",
	"Collaborator Training",
	"Collaborator Evaluation",
)
MONTHS_2025 = [(2025, month) for month in range(1, 13)]
# What the compliance report makes of each outcome letter of a month that is over: a report returned by
# the city and sent again in time, or waiting for the city, came on time.
STATUS_OF_LETTER = {
	".": Compliance.ON_TIME,
	"R": Compliance.ON_TIME,
	"S": Compliance.ON_TIME,
	"L": Compliance.LATE,
	"O": Compliance.RETURNED,
	"P": Compliance.MISSING,
	"D": Compliance.MISSING,
	"M": Compliance.MISSING,
	"-": Compliance.NOT_APPLICABLE,
}


def plan_of(unit: str, year: int = 2025) -> frappe._dict:
	return frappe.db.get_value(
		"DLXH Plan",
		{"issuing_unit": unit, "plan_year": year},
		[
			"name",
			"workflow_state",
			"docstatus",
			"document_reference",
			"party_term",
			"parent_plan",
			"owner",
			"progress",
		],
		as_dict=True,
	)


# What the surveys' tests read of each survey.
SURVEY_FIELDS = [
	"name",
	"document_date",
	"title",
	"workflow_state",
	"document_reference",
	"decision_reference",
	"decision_date",
	"timing",
	"paired_survey",
	"questionnaire",
	"sample_size",
	"estimated_total",
	"settled_total",
	"online_enabled",
	"opens_on",
	"closes_on",
	"plan",
]


def surveys() -> list[frappe._dict]:
	return frappe.get_all(
		"Opinion Survey",
		{"responsible_unit": CITY, "survey_year": 2025},
		SURVEY_FIELDS,
		order_by="creation asc",
	)


def visible(doctype: str, user: str, field: str = "name") -> list:
	return as_user(user, frappe.get_list, doctype, pluck=field, limit_page_length=0)


def committed(doctype: str, name: str) -> bool:
	"""Whether the record exists for another connection, which sees only committed data."""
	site, sites_path = frappe.local.site, frappe.local.sites_path

	def look():
		frappe.init(site, sites_path=sites_path)
		frappe.connect()
		return bool(frappe.db.exists(doctype, name))

	return in_request_thread(look)


def staff_by_unit(role: str, field: str) -> dict:
	"""A field of the demo's users who have `role`, by their unit (one such user a unit)."""
	return dict(
		frappe.get_all(
			"User",
			filters=[["Has Role", "role", "=", role], ["User", "name", "like", "%@dlxh.local"]],
			fields=["dlxh_unit", field],
			as_list=True,
		)
	)


def readme_demo_section() -> str:
	text = README.read_text(encoding="utf-8")
	start = text.index("### Demo")
	return text[start : text.index("\n## ", start)]


def readme_demo_table() -> list[dict]:
	"""The rows of the first table of the README's Demo section, by the header's words."""
	lines = [line for line in readme_demo_section().splitlines() if line.startswith("|")]
	header, rows = lines[0], lines[2:]

	def cells(line: str) -> list[str]:
		return [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]

	return [dict(zip(cells(header), cells(row), strict=True)) for row in rows]


class TestDemo(IntegrationTestCase):
	# The class builds the whole demo once (50–100 s), as `make run` does: two years of monthly reports
	# taken through their workflows, plans, syntheses, surveys and the collaborator network; one load
	# serves every test of the demo.
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_demo()
		cls.units = read_data("demo/report_units.json")
		cls.now = local_now()
		cls.current = (cls.now.year, cls.now.month)

	def setUp(self):
		self.city, self.ninh_kieu, self.binh_thuy = (plan_of(unit) for unit in (CITY, NINH_KIEU, BINH_THUY))

	def tearDown(self):
		frappe.set_user("Administrator")

	def rolled_back_after(self):
		"""Roll back what the test changes in the demo once it ends."""
		frappe.db.savepoint("demo_test")
		self.addCleanup(frappe.db.rollback, save_point="demo_test")

	def outcome(self, unit: dict, period: tuple[int, int]) -> str:
		"""The unit's letter for the period, as the demo reads it."""
		if period[0] == 2025:
			return unit["record"][period[1] - 1]
		back = (self.current[0] - period[0]) * 12 + self.current[1] - period[1]
		return unit["recent"][12 - back] if unit.get("recent") else "-"

	def last_changes(self) -> dict:
		return {
			doctype: frappe.db.sql(f"select max(modified) from `tab{doctype}`")[0][0]
			for doctype in (
				"DLXH Plan",
				"Opinion Entry",
				"Opinion Report",
				"Report Request",
				"Opinion Synthesis",
			)
		}

	def test_second_run_changes_nothing(self):
		counts = {doctype: frappe.db.count(doctype) for doctype in COUNTED}
		last_changes = self.last_changes()
		make_demo()
		self.assertEqual({doctype: frappe.db.count(doctype) for doctype in COUNTED}, counts)
		self.assertEqual(self.last_changes(), last_changes)

	def test_nothing_is_committed(self):
		self.assertTrue(frappe.db.exists("DLXH Unit", CITY))
		self.assertFalse(committed("DLXH Unit", CITY))
		self.assertFalse(committed("User", CITY_OFFICER))
		report = frappe.db.get_value("Opinion Report", {"unit": NINH_KIEU})
		self.assertFalse(committed("Opinion Report", report))

	def test_units_of_january_2025_and_their_successors(self):
		reporting = frappe.get_all(
			"DLXH Unit", filters={"is_reporting_unit": 1, "valid_from": ("is", "not set")}, pluck="unit_type"
		)
		self.assertEqual(reporting.count("District Party Committee"), 9)
		self.assertEqual(reporting.count("Fatherland Front"), 1)
		self.assertEqual(reporting.count("Socio-political Organisation"), 5)
		successors = frappe.get_all(
			"DLXH Unit Successor", filters={"parent": NINH_KIEU}, fields=["successor_unit", "effective_date"]
		)
		self.assertIn(NINH_KIEU_WARD, [row.successor_unit for row in successors])
		self.assertEqual({str(row.effective_date) for row in successors}, {"2025-07-01"})
		# Every unit but the department is below it, so its issued plans reach them all.
		self.assertEqual(
			frappe.get_all("DLXH Unit", filters={"parent_dlxh_unit": ("is", "not set")}, pluck="name"), [CITY]
		)

	def test_reporting_units_sign_as_their_leaders(self):
		leaders = staff_by_unit("DLXH Unit Leader", "full_name")
		units = frappe.get_all(
			"DLXH Unit",
			filters={"is_reporting_unit": 1},
			fields=["name", "signing_authority", "signer_title", "signer_name"],
		)
		self.assertEqual(len(units), 24)
		for unit in units:
			self.assertEqual(unit.signer_name, leaders[unit.name], unit.name)
			self.assertTrue(unit.signing_authority and unit.signer_title, unit.name)

	def test_users_log_in_with_their_role_and_unit(self):
		logins = get_demo_logins()
		self.assertEqual(len(logins), 6)
		for login in logins:
			user = frappe.get_doc("User", login["email"])
			self.assertIn(login["role"], frappe.get_roles(user.name))
			self.assertEqual(user.dlxh_unit, login["unit"])
			self.assertEqual(user.language, "vi")
			# The password `make run` prints is the one the login form checks.
			self.assertEqual(check_password(login["email"], login["password"]), user.name)
			# On a unit that exists today.
			valid_from, valid_to = frappe.db.get_value(
				"DLXH Unit", user.dlxh_unit, ["valid_from", "valid_to"]
			)
			self.assertTrue(owes_report(valid_from, valid_to, *self.current), login["email"])
		self.assertEqual(frappe.db.get_single_value("DLXH Settings", "city_unit"), CITY)

	def test_users_are_made_as_data_import_makes_them(self):
		# With the limit of new users an hour reached, Frappe refuses a user made by hand ("Throttled"),
		# not one imported: a site that has just got a few users still takes the demo's fifty.
		self.rolled_back_after()
		limit = frappe.local.conf.get("throttle_user_limit")
		frappe.local.conf["throttle_user_limit"] = 0
		try:
			with self.assertRaises(frappe.ValidationError):
				frappe.get_doc(
					{"doctype": "User", "email": "by.hand@dlxh.local", "first_name": "Tay"}
				).insert()
			make_user("imported@dlxh.local", "Nhập Từ Tệp", "DLXH Unit Officer", CAI_KHE_WARD)
		finally:
			frappe.local.conf["throttle_user_limit"] = limit
		self.assertEqual(frappe.db.get_value("User", "imported@dlxh.local", "enabled"), 1)

	def test_every_reporting_unit_has_a_leader_and_an_officer(self):
		units = frappe.get_all("DLXH Unit", filters={"is_reporting_unit": 1}, pluck="name")
		self.assertEqual(len(units), 24)
		for role in ("DLXH Unit Leader", "DLXH Unit Officer"):
			staffed = frappe.get_all(
				"User",
				filters=[["Has Role", "role", "=", role], ["User", "name", "like", "%@dlxh.local"]],
				pluck="dlxh_unit",
			)
			self.assertEqual(sorted(staffed), sorted(units), role)
		self.assertEqual(
			frappe.db.get_value("User", "leader.cairang@dlxh.local", "dlxh_unit"), "Quận ủy Cái Răng"
		)

	def test_city_plan_is_the_seed_issued(self):
		plan = frappe.get_doc("DLXH Plan", self.city.name)
		self.assertEqual((plan.workflow_state, plan.docstatus), ("Issued", 1))
		self.assertRegex(plan.document_reference, r"^\d{2}-KH/BTGTU$")
		self.assertEqual(plan.party_term, "2020-2025")
		self.assertEqual(plan.owner, CITY_OFFICER)
		self.assertEqual(str(plan.document_date), "2025-01-15")
		self.assertEqual(get_datetime(plan.creation), datetime(2025, 1, 6, 8, 30))
		self.assertEqual(len(plan.activities), 5)
		self.assertTrue(plan.activities[2].content.startswith("<p>Đây mạnh ứng dụng"))  # the seed's typo kept
		self.assertEqual([row.legal_document for row in plan.legal_bases], ["1475-QĐ/TU", "185-HD/BTGTW"])
		self.assertEqual(plan.planned_surveys, 3)
		self.assertEqual(plan.recipients.splitlines()[-1], "- Lưu: PTT-TH, VT.")
		self.assertEqual(plan.progress, 40)

	def test_district_plans_derive_from_the_city_plan(self):
		self.assertEqual(self.ninh_kieu.parent_plan, self.city.name)
		self.assertEqual(self.ninh_kieu.workflow_state, "Issued")
		self.assertRegex(self.ninh_kieu.document_reference, r"^\d{2}-KH/BTGQU$")
		self.assertEqual(self.binh_thuy.parent_plan, self.city.name)
		self.assertEqual((self.binh_thuy.workflow_state, self.binh_thuy.docstatus), ("Pending Approval", 0))

	def test_plans_of_this_year_and_the_next(self):
		year = self.current[0]
		city, ward = plan_of(CITY, year), plan_of(NINH_KIEU_WARD, year)
		# The city issues its plan in the first days of January and the ward follows (yearly_plans.json).
		issued = datetime(year, 1, 16, 8, 0, tzinfo=self.now.tzinfo)
		if self.now >= issued:
			self.assertEqual((city.workflow_state, ward.workflow_state), ("Issued", "Issued"))
			self.assertEqual((city.party_term, ward.party_term), ("2025-2030", "2025-2030"))
			self.assertRegex(city.document_reference, r"^\d{2}-KH/BTGTU$")
			self.assertEqual(ward.parent_plan, city.name)
			self.assertEqual(ward.owner, WARD_OFFICER)
			# Activities under way as of today.
			self.assertTrue(
				frappe.db.exists("DLXH Plan Activity", {"parent": city.name, "status": "In Progress"})
			)
		# The city drafts next year's plan from 20 November.
		next_year = plan_of(CITY, year + 1)
		drafting = self.now >= datetime(year, 11, 20, 9, 0, tzinfo=self.now.tzinfo)
		self.assertEqual(bool(next_year), drafting)
		if drafting:
			self.assertEqual((next_year.docstatus, next_year.owner), (0, CITY_OFFICER))
			self.assertIn(next_year.workflow_state, ("Draft", "Pending Approval", "Approved"))

	def test_each_user_sees_the_plans_of_their_unit_and_the_issued_plans_above(self):
		city, ninh_kieu, binh_thuy = self.city.name, self.ninh_kieu.name, self.binh_thuy.name
		issued_city = set(frappe.get_all("DLXH Plan", {"issuing_unit": CITY, "docstatus": 1}, pluck="name"))
		self.assertIn(city, issued_city)
		self.assertEqual(set(visible("DLXH Plan", "officer.ninhkieu@dlxh.local")), issued_city | {ninh_kieu})
		self.assertEqual(set(visible("DLXH Plan", "leader.ninhkieu@dlxh.local")), issued_city | {ninh_kieu})
		self.assertEqual(set(visible("DLXH Plan", "officer.binhthuy@dlxh.local")), issued_city | {binh_thuy})
		ward = set(frappe.get_all("DLXH Plan", {"issuing_unit": NINH_KIEU_WARD}, pluck="name"))
		self.assertEqual(set(visible("DLXH Plan", WARD_OFFICER)), issued_city | ward)
		for city_user in (CITY_OFFICER, "manager@dlxh.local"):
			self.assertEqual(
				set(visible("DLXH Plan", city_user)), set(frappe.get_all("DLXH Plan", pluck="name"))
			)

	def test_compliance_of_2025_as_the_records_say(self):
		# 24 units, 12 months: the 9 districts owe January to June, the 7 wards July to December, the
		# 8 others every month (192 owed). Hand-counted from the records: 26 late, 2 returned and not sent
		# again, 6 never drafted + 1 draft + 1 waiting for the leader missing; the rest on time (9 of
		# them returned by the city and sent again before the deadline, 2 waiting for the city).
		matrix = get_matrix(MONTHS_2025, unit=CITY)
		counts = {status: 0 for status in Compliance}
		for cell in matrix.cells.values():
			counts[cell.status] += 1
		self.assertEqual(
			counts,
			{
				Compliance.ON_TIME: 156,
				Compliance.LATE: 26,
				Compliance.RETURNED: 2,
				Compliance.MISSING: 8,
				Compliance.NOT_YET_DUE: 0,
				Compliance.NOT_APPLICABLE: 96,
			},
		)
		on, late, returned, missing, na = (
			Compliance.ON_TIME,
			Compliance.LATE,
			Compliance.RETURNED,
			Compliance.MISSING,
			Compliance.NOT_APPLICABLE,
		)
		self.assertEqual(
			[cell.status for cell in matrix.unit_cells(NINH_KIEU)], [on, on, late, on, on, on, *[na] * 6]
		)
		self.assertEqual(
			[cell.status for cell in matrix.unit_cells(CAI_KHE_WARD)],
			[*[na] * 6, late, on, on, returned, on, missing],
		)

	def test_the_last_twelve_months_as_the_letters_say_whatever_today_is(self):
		past = [add_months(*self.current, back) for back in range(-12, 0)]
		matrix = get_matrix([*past, self.current], unit=CITY)
		existing_today = [unit for unit in self.units if unit.get("recent")]
		self.assertEqual(len(existing_today), 15)
		for unit in self.units:
			expected = [STATUS_OF_LETTER[self.outcome(unit, period)] for period in past]
			self.assertEqual(
				[cell.status for cell in matrix.unit_cells(unit["unit"])[:-1]]
				if unit["unit"] in matrix.units
				else [Compliance.NOT_APPLICABLE] * 12,
				expected,
				unit["unit"],
			)
		# The current month runs as its days allow: nothing is sent after now, and the ward of the
		# README's walkthrough has left its report to the reader.
		self.assertFalse(frappe.db.exists("Opinion Report", {"sent_on": (">", frappe.utils.now_datetime())}))
		self.assertFalse(
			frappe.db.exists(
				"Opinion Report",
				{"unit": NINH_KIEU_WARD, "period_year": self.current[0], "period_month": self.current[1]},
			)
		)
		deadline = deadline_for(*self.current, 15, "Asia/Ho_Chi_Minh")
		walkthrough = matrix.cells[NINH_KIEU_WARD, self.current].status
		self.assertEqual(walkthrough, Compliance.NOT_YET_DUE if self.now < deadline else Compliance.MISSING)

	def test_reports_went_through_the_workflow(self):
		states = frappe.db.sql(
			"""select report_type, workflow_state, count(*) from `tabOpinion Report`
			where period_year = 2025 group by report_type, workflow_state"""
		)
		self.assertEqual(
			{(report_type, state): reports for report_type, state, reports in states},
			{
				("Monthly", "Accepted"): 180,
				("Monthly", "Sent to City"): 2,
				("Monthly", "Returned"): 2,
				("Monthly", "Pending Leader Approval"): 1,
				("Monthly", "Draft"): 1,
				("Ad hoc", "Accepted"): 14,
				("Ad hoc", "Sent to City"): 1,
				("Ad hoc", "Draft"): 1,
			},
		)
		reports = frappe.get_all(
			"Opinion Report",
			fields=[
				"name",
				"unit",
				"owner",
				"workflow_state",
				"document_reference",
				"signer_name",
				"return_reason",
			],
		)
		officers = staff_by_unit("DLXH Unit Officer", "name")
		signers = dict(frappe.get_all("DLXH Unit", fields=["name", "signer_name"], as_list=True))
		for report in reports:
			self.assertEqual(report.owner, officers[report.unit], report.name)
			self.assertEqual(report.signer_name, signers[report.unit], report.name)
			sent = report.workflow_state not in ("Draft", "Pending Leader Approval")
			self.assertEqual(bool(report.document_reference), sent, report.name)
			self.assertEqual(bool(report.return_reason), report.workflow_state == "Returned", report.name)
		# Returned by the city with a reason, on the timeline: in 2025, 2 not sent again, 10 sent again.
		self.assertEqual(
			frappe.db.sql(
				"""select count(*) from `tabComment` comment
				join `tabOpinion Report` report on report.name = comment.reference_name
				where comment.reference_doctype = 'Opinion Report' and comment.comment_type = 'Comment'
					and comment.owner = 'officer@dlxh.local' and report.period_year = 2025"""
			)[0][0],
			12,
		)
		ninh_kieu = frappe.get_all(
			"Opinion Report",
			filters={"unit": NINH_KIEU},
			fields=["period_month", "document_reference"],
			order_by="period_month",
		)
		self.assertEqual(
			[row.document_reference for row in ninh_kieu], [f"{month:02d}-BC/BTGQU" for month in range(1, 7)]
		)

	def test_numbers_start_again_in_the_new_party_term(self):
		self.assertEqual(frappe.db.get_single_value("DLXH Settings", "current_party_term"), "2025-2030")
		# The ward's reports (monthly and ad hoc) sent before the term began (15/10/2025) and after it.
		ward = frappe.get_all(
			"Opinion Report",
			filters={"unit": CAI_KHE_WARD, "document_reference": ("is", "set")},
			fields=["period_year", "period_month", "party_term", "document_number", "sent_on"],
			order_by="sent_on",
		)
		terms = [row.party_term for row in ward]
		self.assertEqual(terms, sorted(terms))
		first_of_new_term = terms.index("2025-2030")
		self.assertEqual(ward[first_of_new_term].document_number, 1)
		self.assertGreaterEqual(get_datetime(ward[first_of_new_term].sent_on), datetime(2025, 10, 15))
		self.assertEqual(
			[row.document_number for row in ward[first_of_new_term:]],
			list(range(1, len(ward) - first_of_new_term + 1)),
		)

	def test_records_carry_the_times_they_stand_for(self):
		reports = frappe.get_all(
			"Opinion Report",
			fields=[
				"name",
				"report_type",
				"period_year",
				"period_month",
				"creation",
				"modified",
				"sent_on",
				"deadline",
				"is_late",
				"days_late",
				"accepted_on",
				"document_date",
			],
		)
		now = frappe.utils.now_datetime()
		for report in reports:
			# SQLite gives the standard timestamps back as text.
			report.creation, report.modified = get_datetime(report.creation), get_datetime(report.modified)
			self.assertTrue(datetime(2025, 1, 1) <= report.creation <= report.modified <= now, report.name)
			if report.report_type == "Monthly":
				self.assertEqual(report.creation.year, report.period_year, report.name)
			if not report.sent_on:
				continue
			self.assertTrue(report.creation < report.sent_on <= report.modified, report.name)
			self.assertEqual(bool(report.is_late), report.sent_on >= report.deadline, report.name)
			self.assertEqual(report.days_late > 0, bool(report.is_late), report.name)
			self.assertLessEqual(report.document_date, report.sent_on.date(), report.name)
			if report.report_type == "Monthly":
				self.assertEqual(report.sent_on.month, report.period_month, report.name)
			if report.accepted_on:
				self.assertTrue(report.sent_on < report.accepted_on <= report.modified, report.name)
		for doctype in ("Opinion Entry", "Report Request", "Opinion Synthesis", "DLXH Plan", "Comment"):
			latest = frappe.db.sql(f"select max(creation), max(modified) from `tab{doctype}`")[0]
			self.assertTrue(all(get_datetime(moment) <= now for moment in latest), doctype)

	def test_unit_users_see_only_their_units_reports(self):
		self.assertEqual(visible("Opinion Report", "officer.ninhkieu@dlxh.local", "unit"), [NINH_KIEU] * 6)
		self.assertEqual(visible("Opinion Report", "leader.ninhkieu@dlxh.local", "unit"), [NINH_KIEU] * 6)
		self.assertEqual(visible("Opinion Report", "officer.binhthuy@dlxh.local", "unit"), [BINH_THUY] * 5)
		# The ward of the walkthrough: its monthly reports as its letters say and its answers to the two
		# requests of 2025.
		ward = next(unit for unit in self.units if unit["unit"] == NINH_KIEU_WARD)
		periods = sorted({*MONTHS_2025, *(add_months(*self.current, back) for back in range(-12, 1))})
		monthly = sum(self.outcome(ward, period) not in "-M" for period in periods if period <= self.current)
		self.assertEqual(
			visible("Opinion Report", WARD_OFFICER, "unit"),
			[NINH_KIEU_WARD] * (monthly + 2),
		)
		self.assertEqual(len(visible("Opinion Report", CITY_OFFICER)), frappe.db.count("Opinion Report"))

	def test_collaborators_opinions(self):
		# The district's collaborator of 2025: pulled into the district's reports, unless unfounded.
		entries = frappe.get_all(
			"Opinion Entry",
			filters={"owner": "collaborator.ninhkieu@dlxh.local"},
			fields=["name", "entry_date", "verification_status", "used_in_report"],
		)
		self.assertEqual(len(entries), 13)
		for entry in entries:
			self.assertTrue(entry.name.startswith(f"YK-{entry.entry_date.year}-"), entry.name)
			if entry.verification_status == "Unfounded":
				self.assertIsNone(entry.used_in_report)
				continue
			report = frappe.db.get_value(
				"Opinion Report", entry.used_in_report, ["unit", "report_type"], as_dict=True
			)
			self.assertEqual((report.unit, report.report_type), (NINH_KIEU, "Monthly"), entry.name)
			self.assertTrue(
				frappe.db.exists(
					"Opinion Report Item", {"parent": entry.used_in_report, "opinion_entry": entry.name}
				)
			)
		self.assertEqual(len(visible("Opinion Entry", "collaborator.ninhkieu@dlxh.local")), 13)
		# The README's collaborator: this month's opinions in the ward, waiting to be pulled in.
		current = frappe.get_all(
			"Opinion Entry",
			filters={"owner": "collaborator@dlxh.local"},
			fields=["unit", "entry_date", "used_in_report", "collaborator"],
		)
		self.assertEqual(len(current), 3)
		self.assertEqual({(row.unit, row.used_in_report) for row in current}, {(NINH_KIEU_WARD, None)})
		# Her login is the ward's collaborator's (demo_collaborators.py): her opinions name her.
		collaborator = frappe.db.get_value("DLXH Collaborator", {"user": "collaborator@dlxh.local"}, "name")
		self.assertEqual({row.collaborator for row in current}, {collaborator})
		window = entry_window(*self.current, 15)
		self.assertTrue(
			all(window[0] <= row.entry_date <= min(window[1], self.now.date()) for row in current)
		)
		self.assertEqual(len(visible("Opinion Entry", "collaborator@dlxh.local")), 3)

	# Slow by nature (2–3 s): the emerging-issue rule reads the nine weeks' counts of thousands of entries,
	# per unit and city-wide.
	def test_ai_entries_of_the_last_twelve_weeks(self):
		"""The opinion AI's labelled entries: thousands, in the wards that exist today (none in the README's
		collaborator's ward, whose walkthrough pulls its own), numbered from the series as inserts would be,
		with this week's emerging issues for the city."""
		from dlxh_app.dlxh_reporting.ai.api import find_issues
		from dlxh_app.setup.demo_ai import ENTRIES

		today = self.now.date()
		since = frappe.utils.add_days(today, -7 * 12)
		rows = frappe.get_all(
			"Opinion Entry",
			filters={"entry_date": [">=", since], "owner": ["like", "officer.%"]},
			fields=["name", "unit", "topic", "trend", "entry_date"],
		)
		self.assertGreaterEqual(len(rows), ENTRIES)
		self.assertNotIn(NINH_KIEU_WARD, {row.unit for row in rows})
		self.assertTrue(all(row.topic and row.trend and row.entry_date <= today for row in rows))
		self.assertGreaterEqual(len({row.topic for row in rows}), 12)
		self.assertTrue(all(re.fullmatch(rf"YK-{row.entry_date.year}-\d{{5}}", row.name) for row in rows))
		# The next entry inserted takes the number after them.
		last = max(int(row.name.rsplit("-", 1)[1]) for row in rows if row.entry_date.year == today.year)
		self.assertEqual(frappe.db.get_value("Series", f"YK-{today.year}-", "current", order_by="name"), last)
		issues = find_issues(today)
		self.assertTrue(any(issue.unit == "" and issue.kind == "topic" for issue in issues))
		self.assertTrue(any(issue.unit and issue.kind == "topic" for issue in issues))

	def test_the_citys_signals_from_the_press(self):
		"""A source of the city, an attached CSV file of this week's local press, read into signals."""
		from dlxh_app.setup.demo_ai import SIGNAL_SOURCE, SIGNALS

		source = frappe.get_doc("Opinion Signal Source", SIGNAL_SOURCE)
		self.assertEqual((source.last_status, source.signals_imported), ("Imported", len(SIGNALS)))
		signals = frappe.get_all("Opinion Signal", {"source": SIGNAL_SOURCE}, ["title", "published_on"])
		self.assertEqual({row.title for row in signals}, {title for _days, title, _text in SIGNALS})
		self.assertTrue(all(row.published_on.date() < self.now.date() for row in signals))
		self.assertEqual(
			frappe.db.get_value("File", {"file_url": source.file}, "attached_to_name"), source.name
		)

	def test_requests_list_who_answered(self):
		merger, floods, fraud = (
			frappe.get_doc("Report Request", name)
			for name in frappe.get_all("Report Request", order_by="document_date", pluck="name")
		)
		self.assertEqual(
			(
				merger.workflow_state,
				merger.document_reference,
				str(merger.document_date),
				str(merger.deadline),
			),
			("Closed", "01-CV/BTGTU", "2025-07-07", "2025-07-21 17:00:00"),
		)
		responses = {row["unit"]: row for row in as_user(CITY_OFFICER, merger.get_responses)}
		self.assertEqual(len(responses), 11)
		self.assertEqual(
			{unit for unit, row in responses.items() if row["answered"]},
			{
				NINH_KIEU_WARD,
				CAI_KHE_WARD,
				"Đảng ủy phường Bình Thủy",
				"Đảng ủy phường Long Tuyền",
				"Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ",
				"Hội Liên hiệp Phụ nữ thành phố Cần Thơ",
			},
		)
		self.assertEqual(responses["Đảng ủy phường Long Tuyền"]["days_late"], 2)
		self.assertEqual(responses["Đảng ủy phường Thới An Đông"]["status"], "Draft")

		self.assertEqual((floods.workflow_state, floods.document_reference), ("Closed", "02-CV/BTGTU"))
		# Every reporting unit that existed on the day it was issued: the wards, not the districts.
		responses = as_user(CITY_OFFICER, floods.get_responses)
		self.assertEqual(len(responses), 15)
		self.assertEqual(sum(row["answered"] for row in responses), 9)
		self.assertEqual([row["unit"] for row in responses if row["is_late"]], ["Đảng ủy phường An Bình"])
		# A unit sees its own answer only.
		self.assertEqual(
			[row["unit"] for row in as_user(WARD_OFFICER, floods.get_responses)],
			[NINH_KIEU_WARD],
		)

		# Issued thirteen days ago, the first letter of the new term, due in a week: four answers so far.
		self.assertEqual((fraud.workflow_state, fraud.party_term), ("Issued", "2025-2030"))
		self.assertEqual(fraud.document_reference, "01-CV/BTGTU")
		self.assertEqual((self.now.date() - fraud.document_date).days, 13)
		self.assertGreater(get_datetime(fraud.deadline), frappe.utils.now_datetime())
		responses = as_user(CITY_OFFICER, fraud.get_responses)
		self.assertEqual(len(responses), 15)
		self.assertEqual(sum(row["answered"] for row in responses), 4)
		self.assertFalse(any(row["is_late"] for row in responses))

	def test_syntheses_of_january_and_february_2025_are_issued(self):
		syntheses = frappe.get_all(
			"Opinion Synthesis",
			filters={"period_year": 2025},
			fields=[
				"name",
				"period_month",
				"workflow_state",
				"docstatus",
				"document_reference",
				"document_date",
				"owner",
				"modified_by",
				"units_owing",
				"sent_on_time",
				"sent_late",
				"not_sent",
				"reports_accepted",
			],
			order_by="period_month",
		)
		self.assertEqual(
			[
				(
					row.period_month,
					row.workflow_state,
					row.docstatus,
					row.document_reference,
					str(row.document_date),
					row.owner,
					row.modified_by,
				)
				for row in syntheses
				if row.period_month <= 2
			],
			[
				(1, "Issued", 1, "01-BC/BTGTU", "2025-01-28", CITY_OFFICER, "manager@dlxh.local"),
				(2, "Issued", 1, "02-BC/BTGTU", "2025-02-28", CITY_OFFICER, "manager@dlxh.local"),
			],
		)
		# January: 17 units owed, 2 late (Thốt Nốt, Vĩnh Thạnh); February: 3 late, the veterans missing.
		self.assertEqual(
			[
				(row.units_owing, row.sent_on_time, row.sent_late, row.not_sent, row.reports_accepted)
				for row in syntheses[:2]
			],
			[(17, 15, 2, 0, 17), (17, 13, 3, 1, 16)],
		)
		january = frappe.get_doc("Opinion Synthesis", syntheses[0].name)
		self.assertEqual(
			sum(row.total for row in january.topics),
			frappe.db.count(
				"Opinion Report Item",
				{
					"parent": (
						"in",
						frappe.get_all(
							"Opinion Report",
							filters={"report_type": "Monthly", "period_year": 2025, "period_month": 1},
							pluck="name",
						),
					)
				},
			),
		)
		self.assertTrue(
			any(
				row.assessment
				for row in january.topics
				if row.topic == "Sắp xếp tổ chức bộ máy của hệ thống chính trị"
			)
		)

	def test_syntheses_of_the_last_three_months_are_issued(self):
		for back in (-3, -2, -1):
			year, month = add_months(*self.current, back)
			synthesis = frappe.get_doc("Opinion Synthesis", {"period_year": year, "period_month": month})
			self.assertEqual(
				(synthesis.workflow_state, synthesis.modified_by), ("Issued", "manager@dlxh.local")
			)
			self.assertRegex(synthesis.document_reference, r"^\d{2}-BC/BTGTU$")
			self.assertEqual(synthesis.units_owing, 15)
			# Drawn from the reports sent by then, late ones too (by the 24th of the month).
			accepted = frappe.db.count(
				"Opinion Report",
				{
					"report_type": "Monthly",
					"period_year": year,
					"period_month": month,
					"docstatus": 1,
					"sent_on": ("<=", synthesis.built_on),
				},
			)
			self.assertEqual(synthesis.reports_accepted, accepted, (year, month))
			self.assertTrue(any(row.assessment for row in synthesis.topics))
		self.assertFalse(
			frappe.db.exists(
				"Opinion Synthesis", {"period_year": self.current[0], "period_month": self.current[1]}
			)
		)

	def test_number_cards_of_the_current_month(self):
		self.assertEqual(as_user(CITY_OFFICER, reports_due)["value"], 15)
		self.assertEqual(as_user(WARD_OFFICER, reports_due)["value"], 1)
		self.assertGreaterEqual(as_user(WARD_OFFICER, open_report_requests)["value"], 1)

	# The surveys
	def test_the_three_surveys_of_the_city_plan(self):
		before, after, resolution = surveys()
		self.assertEqual(
			[
				(survey.workflow_state, survey.document_reference, survey.decision_reference)
				for survey in surveys()
			],
			[
				("Closed", "01-TTr/BTGTU", "01-QĐ/BTGTU"),
				("Analysing", "02-TTr/BTGTU", "02-QĐ/BTGTU"),
				# Proposed after the Party term that began on 15/10/2025: numbered from 01 again.
				("In Field", "01-TTr/BTGTU", "01-QĐ/BTGTU"),
			],
		)
		self.assertEqual(
			[
				(str(survey.document_date), str(survey.decision_date))
				for survey in (before, after, resolution)
			],
			[("2025-02-25", "2025-03-05"), ("2025-10-01", "2025-10-08"), ("2025-11-15", "2025-11-20")],
		)
		self.assertEqual(frappe.db.get_value("Opinion Survey", resolution.name, "party_term"), "2025-2030")
		plan = frappe.db.get_value(
			"DLXH Plan", before.plan, ["planned_surveys", "surveys_done"], as_dict=True
		)
		self.assertEqual((plan.planned_surveys, plan.surveys_done), (3, 1))
		# The pair on the merger of communes and wards, one questionnaire for both.
		self.assertEqual((before.timing, before.paired_survey), ("Before Issuance", after.name))
		self.assertEqual((after.timing, after.paired_survey), ("After Implementation", before.name))
		self.assertEqual(before.questionnaire, after.questionnaire)
		self.assertTrue(frappe.db.get_value("Survey Questionnaire", resolution.questionnaire, "is_library"))
		# Online collection open around today for the survey in the field.
		self.assertTrue(resolution.online_enabled)
		self.assertLess(get_datetime(resolution.opens_on), now_datetime())
		self.assertGreater(get_datetime(resolution.closes_on), now_datetime())

	def test_the_reported_survey_has_its_issued_result_report(self):
		before, after, _resolution = surveys()
		report = frappe.get_all(
			"Survey Result Report",
			filters={"survey": before.name},
			fields=[
				"workflow_state",
				"docstatus",
				"document_reference",
				"document_date",
				"respondents",
				"owner",
			],
		)
		self.assertEqual(len(report), 1)
		self.assertEqual((report[0].workflow_state, report[0].docstatus), ("Issued", 1))
		self.assertRegex(report[0].document_reference, r"^\d{2}-BC/BTGTU$")
		self.assertEqual(str(report[0].document_date), "2025-05-21")
		self.assertGreater(report[0].respondents, 0)
		self.assertFalse(frappe.db.exists("Survey Result Report", {"survey": after.name}))

	def test_sampling_plans_and_budgets(self):
		before, after, resolution = surveys()
		for survey in (before, after):
			strata = frappe.get_all("Survey Stratum", {"parent": survey.name}, ["target", "population"])
			self.assertEqual(len(strata), 7)
			self.assertEqual(sum(row.target for row in strata), survey.sample_size)
		self.assertEqual(
			frappe.get_all("Survey Stratum", {"parent": resolution.name}, pluck="target", order_by="idx"),
			[200, 200, 400],
		)
		self.assertGreater(before.settled_total, 0)
		self.assertEqual(after.settled_total, 0)
		lines_ = frappe.get_all("Survey Budget Line", {"parent": before.name}, ["illustrative", "norm"])
		self.assertTrue(lines_ and all(row.illustrative and row.norm for row in lines_))
		self.assertEqual(frappe.db.count("Survey Budget Norm", {"province": "Cần Thơ", "illustrative": 0}), 0)

	# Slow by nature (2–3 s): the proposal is printed as a PDF.
	def test_printed_proposal_says_its_rates_are_illustrative(self):
		name = surveys()[0].name
		text = lines(
			[
				word
				for page in read_pdf(frappe.get_print("Opinion Survey", name, as_pdf=True))
				for word in page.region()
			]
		)
		for printed in (
			"TỜ TRÌNH",
			"Số 01-TTr/BTGTU",
			"Cần Thơ, ngày 25 tháng 02 năm 2025",
			"Đơn giá minh họa, không phải định mức chi chính thức",
		):
			self.assertIn(printed, text)

	def test_the_enumerator_reads_the_citys_approved_surveys(self):
		names = {survey.name for survey in surveys()}
		frappe.set_user(ENUMERATOR)
		self.assertEqual(set(frappe.get_list("Opinion Survey", pluck="name")) & names, names)

	def test_synthetic_responses_fill_the_strata_slightly_off_target(self):
		from dlxh_app.dlxh_surveys.responses import load_answers

		for survey in surveys():
			with self.subTest(survey=survey.title):
				strata = frappe.get_all(
					"Survey Stratum",
					{"parent": survey.name, "parenttype": "Opinion Survey"},
					["stratum_key", "target", "achieved"],
				)
				counted = Counter(
					frappe.get_all(
						"Survey Response", {"survey": survey.name, "is_current": 1}, pluck="stratum_key"
					)
				)
				self.assertEqual({row.stratum_key: row.achieved for row in strata if row.achieved}, counted)
				self.assertTrue(any(row.achieved != row.target for row in strata))
				frame = load_answers(survey.name)
				self.assertEqual(len(frame), sum(row.achieved for row in strata))
				if survey.workflow_state == "In Field":
					self.assertTrue(all(row.achieved < row.target for row in strata))
					self.assertIn("Online", set(frame["channel"]))
				else:
					total = sum(row.target for row in strata)
					self.assertLess(abs(len(frame) - total), total * 0.1)

	def test_answers_depend_on_who_answers(self):
		from dlxh_app.dlxh_surveys.responses import load_answers

		_before, after, resolution = surveys()
		frame = load_answers(after.name)
		ease = frame["hai_long_tiep_can"].astype(float).groupby(frame["khu_vuc"]).mean()
		self.assertGreater(ease["ninh_kieu"] - ease["long_tuyen"], 0.4)
		frame = load_answers(resolution.name)
		knows = frame["muc_do_biet"].isin(["biet_co_ban", "hieu_ro"]).groupby(frame["doi_tuong"]).mean()
		self.assertGreater(knows["dang_vien"] - knows["nhan_dan"], 0.2)
		# Skip logic honoured: only Party members answer whether they studied the resolution.
		self.assertTrue(frame.loc[frame["doi_tuong"] != "dang_vien", "da_hoc_tap"].isna().all())

	# The collaborator network
	def test_the_network(self):
		self.assertEqual(frappe.db.count("DLXH Collaborator"), 310)
		self.assertEqual(frappe.db.count("DLXH Collaborator", {"status": "Ended"}), 2)
		self.assertEqual(frappe.db.count("DLXH Collaborator", {"status": "Suspended"}), 1)
		readme = frappe.get_all(
			"DLXH Collaborator", {"user": "collaborator@dlxh.local"}, ["managing_unit", "status"]
		)
		self.assertEqual([(row.managing_unit, row.status) for row in readme], [(NINH_KIEU_WARD, "Active")])
		# Appointed on 15 July 2025, as the records say.
		self.assertEqual(
			{getdate(row.creation) for row in frappe.get_all("DLXH Collaborator", fields=["creation"])},
			{getdate("2025-07-15")},
		)

	def test_the_generated_network(self):
		"""The 267 generated from data: each unit's officer made theirs, with their criteria, the decision
		numbers following the listed ones', nobody twice."""
		counts = Counter(frappe.get_all("DLXH Collaborator", pluck="managing_unit", limit=0))
		self.assertEqual(counts[NINH_KIEU_WARD], 48)
		self.assertEqual(counts[CAI_KHE_WARD], 36)
		self.assertEqual((counts[THOI_AN_DONG_WARD], counts[POLICE]), (3, 1))
		self.assertNotIn(LONG_TUYEN_WARD, counts)
		self.assertFalse(frappe.db.exists("DLXH Collaborator", {"residential_area": LONG_TUYEN_WARD}))
		ninth = frappe.get_all(
			"DLXH Collaborator",
			{"managing_unit": NINH_KIEU_WARD, "decision_number": "09-QĐ/CTV"},
			["name", "owner", "decision_issuer", "status", "creation"],
		)
		self.assertEqual(
			[(row.owner, row.decision_issuer, row.status, getdate(row.creation)) for row in ninth],
			[(WARD_OFFICER, NINH_KIEU_WARD, "Active", getdate("2025-07-15"))],
		)
		people = frappe.get_all("DLXH Collaborator", fields=["name", "full_name", "birth_year"], limit=0)
		self.assertEqual(len({(row.full_name, row.birth_year) for row in people}), len(people))
		with_criteria = frappe.get_all("DLXH Collaborator Criterion", pluck="parent", distinct=True, limit=0)
		self.assertEqual(set(with_criteria), {row.name for row in people})
		# A generated record opens and saves through the form's checks unchanged.
		self.rolled_back_after()
		frappe.get_doc("DLXH Collaborator", ninth[0].name).save()

	def test_coverage_shows_real_gaps(self):
		rows = {row["unit"]: row for row in as_user(CITY_OFFICER, get_coverage, CITY)}
		city = rows[CITY]
		self.assertEqual(city["actual"], 307)
		self.assertFalse(city["too_small"])
		self.assertTrue(rows[THOI_AN_DONG_WARD]["too_small"])
		self.assertTrue(rows[POLICE]["too_small"])
		self.assertEqual(city["areas_without"], [LONG_TUYEN_WARD])
		self.assertEqual(set(city["missing_strata"]), {"Religious followers", "Ethnic minorities"})
		self.assertIn("Religious followers", {gap["value"] for gap in city["gaps"]})
		# A ward of workers only, and a ward nobody lives in.
		self.assertTrue(rows[CAI_KHE_WARD]["unbalanced"])
		self.assertEqual(rows[CAI_KHE_WARD]["dominant"]["value"], "Workers")
		self.assertEqual(rows[LONG_TUYEN_WARD]["actual"], 0)
		# The Ninh Kiều ward's own target: 6 in the ward, 2 young people, a Women's Union member.
		ninh_kieu = rows[NINH_KIEU_WARD]
		self.assertEqual((ninh_kieu["actual"], ninh_kieu["target"]["source"]), (47, NINH_KIEU_WARD))
		self.assertEqual(
			{(gap["value"], gap["actual"]) for gap in ninh_kieu["gaps"]},
			{("Youth and students", 1), ("Women's Union", 0)},
		)
		self.assertEqual(ninh_kieu["regulation"], {"adopted": 2, "current": 2, "outdated": False})
		# 47 of the 48 registered are active; 6 of them came to the ward's training forty days ago.
		quality = ninh_kieu["quality"]
		self.assertEqual((quality["registered"], quality["active"], quality["trained"]), (48, 47, 6))
		self.assertEqual(quality["trained_share"], 12.8)
		self.assertTrue(rows[CAI_KHE_WARD]["regulation"]["outdated"])

	def test_a_ward_sees_its_own_network(self):
		rows = as_user(WARD_OFFICER, get_coverage)
		self.assertEqual([row["unit"] for row in rows], [NINH_KIEU_WARD])
		names = as_user(WARD_OFFICER, frappe.get_list, "DLXH Collaborator", pluck="name", limit_page_length=0)
		self.assertEqual(len(names), 48)
		frappe.set_user(WARD_OFFICER)
		result = run_report("Collaborator Coverage", filters={})
		self.assertEqual([row["unit"] for row in result["result"]], [NINH_KIEU_WARD])

	def test_trainings_and_evaluations(self):
		trainings = frappe.get_all(
			"Collaborator Training",
			fields=["organiser_unit", "attended_count", "training_date"],
			order_by="training_date",
		)
		self.assertEqual([row.organiser_unit for row in trainings], [CITY, NINH_KIEU_WARD, CAI_KHE_WARD])
		self.assertEqual(trainings[0].attended_count, 14)
		self.assertEqual(trainings[-1].attended_count, 0)
		self.assertGreater(getdate(trainings[-1].training_date), getdate(today()))
		year = getdate(today()).year - 1
		evaluations = frappe.get_all(
			"Collaborator Evaluation", {"evaluation_year": year}, ["unit", "rating", "trainings_attended"]
		)
		self.assertEqual(len(evaluations), 11)
		if year == 2025:
			# The city's training of August 2025 is in their evidence.
			self.assertTrue(any(row.trainings_attended for row in evaluations))
		self.assertEqual(frappe.db.count("Collaborator Regulation"), 2)

	def test_readme_table_is_the_demo_logins(self):
		table = readme_demo_table()
		self.assertEqual(
			[(row["login"], row["role"], row["unit"]) for row in table],
			[(login["email"], login["role"], login["unit"]) for login in get_demo_logins()],
		)
		password = re.search(r"password `([^`]+)`", readme_demo_section()).group(1)
		self.assertEqual({login["password"] for login in get_demo_logins()}, {password})

	def test_this_months_cycle_as_the_readme_walks_it(self):
		"""The README's walkthrough, step by step, by the logins of its table, through the workflow."""
		self.rolled_back_after()
		password = re.search(r"password `([^`]+)`", readme_demo_section()).group(1)
		by_role = {row["role"]: row["login"] for row in readme_demo_table()}
		collaborator, officer, leader, city_officer, manager = (
			by_role[role]
			for role in (
				"DLXH Collaborator",
				"DLXH Unit Officer",
				"DLXH Unit Leader",
				"DLXH City Officer",
				"DLXH Manager",
			)
		)
		for login in (collaborator, officer, leader, city_officer, manager):
			self.assertEqual(check_password(login, password), login)
		unit = frappe.db.get_value("User", officer, "dlxh_unit")

		# 1. The collaborator records an opinion heard today.
		insert_as(
			collaborator,
			{
				"doctype": "Opinion Entry",
				"topic": "Tình hình kinh tế - xã hội",
				"trend": "Concerned",
				"content": "<p>Người dân hỏi về giá điện tháng này.</p>",
			},
		)
		# 2. The ward's officer drafts this month's report and pulls in the opinions of the month.
		report = insert_as(officer, {"doctype": "Opinion Report", "situation_summary": "<p>Ổn định.</p>"})
		self.assertEqual((report.unit, report.period_year, report.period_month), (unit, *self.current))
		self.assertTrue(report.name.startswith(f"BCDL-{self.current[0]}-"), report.name)
		# The demo's three, and the one just recorded unless today is past this month's window.
		last_day = entry_window(*self.current, 15)[1]
		self.assertEqual(as_user(officer, report.pull_entries), 3 + (self.now.date() <= last_day))
		# 3. Sent to the leader, who approves and sends it, signed by the ward's default signer.
		report = act(report, (officer, "Send to Leader"), (leader, "Approve and Send"))
		report = frappe.get_doc("Opinion Report", report.name)
		self.assertEqual(report.workflow_state, "Sent to City")
		self.assertEqual(report.signer_name, frappe.db.get_value("User", leader, "full_name"))
		self.assertRegex(report.document_reference, r"^\d{2}-BC/ĐU$")
		deadline = deadline_for(*self.current, 15, "Asia/Ho_Chi_Minh")
		self.assertEqual(bool(report.is_late), self.now >= deadline)
		# 4. The city officer returns it with a reason; the ward sends it again; the city accepts it.
		as_user(city_officer, report.return_for_revision, "Đề nghị bổ sung địa bàn.")
		report = act(
			report, (officer, "Send to Leader"), (leader, "Approve and Send"), (city_officer, "Accept")
		)
		self.assertEqual((report.workflow_state, report.docstatus), ("Accepted", 1))
		# 5. The city officer drafts the month's synthesis and sends it for approval; the manager issues it.
		synthesis = insert_as(city_officer, {"doctype": "Opinion Synthesis"})
		self.assertEqual((synthesis.period_year, synthesis.period_month), self.current)
		synthesis = act(synthesis, (city_officer, "Send for Approval"), (manager, "Issue"))
		synthesis = frappe.get_doc("Opinion Synthesis", synthesis.name)
		self.assertEqual((synthesis.workflow_state, synthesis.docstatus), ("Issued", 1))
		self.assertRegex(synthesis.document_reference, r"^\d{2}-BC/BTGTU$")
		accepted = {"report_type": "Monthly", "period_year": self.current[0], "period_month": self.current[1]}
		self.assertEqual(
			synthesis.reports_accepted, frappe.db.count("Opinion Report", accepted | {"docstatus": 1})
		)
		self.assertLessEqual({row.topic for row in report.items}, {row.topic for row in synthesis.topics})
