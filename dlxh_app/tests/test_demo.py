"""The demo data of `make run`: it loads, loads only once, shows each plan and report to the right users,
and tells the 2025 reporting cycle its data describes (setup/data/demo/report_units.json: one letter a
month per unit). The demo is loaded once for the class (it takes a while) and rolled back after it."""

from datetime import datetime

import frappe
from frappe.utils import get_datetime
from frappe.utils.password import check_password

from dlxh_app.dlxh_reporting.compliance import get_matrix
from dlxh_app.dlxh_reporting.rules.compliance import Compliance
from dlxh_app.setup.demo import get_demo_logins, make_demo
from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.utils import in_request_thread

CITY = "Ban Tuyên giáo Thành ủy Cần Thơ"
NINH_KIEU = "Quận ủy Ninh Kiều"
BINH_THUY = "Quận ủy Bình Thủy"
NINH_KIEU_WARD = "Đảng ủy phường Ninh Kiều"
CAI_KHE_WARD = "Đảng ủy phường Cái Khế"
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
)
MONTHS_2025 = [(2025, month) for month in range(1, 13)]


def plan_of(unit: str) -> frappe._dict:
	return frappe.db.get_value(
		"DLXH Plan",
		{"issuing_unit": unit, "plan_year": 2025},
		["name", "workflow_state", "docstatus", "document_reference", "parent_plan", "owner", "progress"],
		as_dict=True,
	)


def as_user(user: str, function, *args, **kwargs):
	frappe.set_user(user)
	try:
		return function(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


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


class TestDemo(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_demo()

	def setUp(self):
		self.city, self.ninh_kieu, self.binh_thuy = (plan_of(unit) for unit in (CITY, NINH_KIEU, BINH_THUY))

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
		self.assertFalse(committed("User", "officer@dlxh.local"))
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

	def test_users_log_in_with_their_role_and_unit(self):
		logins = get_demo_logins()
		self.assertEqual(len(logins), 7)
		for login in logins:
			user = frappe.get_doc("User", login["email"])
			self.assertIn(login["role"], frappe.get_roles(user.name))
			self.assertEqual(user.dlxh_unit, login["unit"])
			self.assertEqual(user.language, "vi")
			# The password `make run` prints is the one the login form checks.
			self.assertEqual(check_password(login["email"], login["password"]), user.name)
		self.assertEqual(frappe.db.get_single_value("DLXH Settings", "city_unit"), CITY)

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
		self.assertEqual(plan.owner, "officer@dlxh.local")
		self.assertEqual(str(plan.document_date), "2025-01-15")
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

	def test_each_user_sees_the_plans_of_their_unit_and_the_issued_plans_above(self):
		city, ninh_kieu, binh_thuy = self.city.name, self.ninh_kieu.name, self.binh_thuy.name
		self.assertEqual(set(visible("DLXH Plan", "officer.ninhkieu@dlxh.local")), {city, ninh_kieu})
		self.assertEqual(set(visible("DLXH Plan", "leader.ninhkieu@dlxh.local")), {city, ninh_kieu})
		self.assertEqual(set(visible("DLXH Plan", "officer.binhthuy@dlxh.local")), {city, binh_thuy})
		for city_user in ("officer@dlxh.local", "manager@dlxh.local"):
			self.assertLessEqual({city, ninh_kieu, binh_thuy}, set(visible("DLXH Plan", city_user)))

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

	def test_reports_went_through_the_workflow(self):
		states = frappe.db.sql(
			"""select report_type, workflow_state, count(*) from `tabOpinion Report`
			group by report_type, workflow_state"""
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
		officers = dict(
			frappe.get_all(
				"User",
				filters=[["Has Role", "role", "=", "DLXH Unit Officer"]],
				fields=["dlxh_unit", "name"],
				as_list=True,
			)
		)
		for report in reports:
			self.assertEqual(report.owner, officers[report.unit], report.name)
			sent = report.workflow_state not in ("Draft", "Pending Leader Approval")
			self.assertEqual(bool(report.document_reference and report.signer_name), sent, report.name)
			self.assertEqual(bool(report.return_reason), report.workflow_state == "Returned", report.name)
		# Returned by the city with a reason, on the timeline: 2 not sent again, 10 sent again.
		self.assertEqual(
			frappe.db.count(
				"Comment",
				{
					"reference_doctype": "Opinion Report",
					"comment_type": "Comment",
					"owner": "officer@dlxh.local",
				},
			),
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

	def test_reports_carry_the_times_of_2025(self):
		reports = frappe.get_all(
			"Opinion Report",
			fields=[
				"name",
				"report_type",
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
		year = (datetime(2025, 1, 1), datetime(2026, 1, 1))
		for report in reports:
			# SQLite gives the standard timestamps back as text.
			report.creation, report.modified = get_datetime(report.creation), get_datetime(report.modified)
			self.assertTrue(year[0] <= report.creation <= report.modified < year[1], report.name)
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
		timeline = frappe.db.sql(
			"""select max(creation), max(modified) from `tabComment`
			where reference_doctype in ('Opinion Report', 'Report Request', 'Opinion Synthesis')"""
		)[0]
		self.assertTrue(all(get_datetime(moment) < year[1] for moment in timeline))

	def test_unit_users_see_only_their_units_reports(self):
		self.assertEqual(visible("Opinion Report", "officer.ninhkieu@dlxh.local", "unit"), [NINH_KIEU] * 6)
		self.assertEqual(visible("Opinion Report", "leader.ninhkieu@dlxh.local", "unit"), [NINH_KIEU] * 6)
		self.assertEqual(visible("Opinion Report", "officer.binhthuy@dlxh.local", "unit"), [BINH_THUY] * 5)
		# The ward that took over part of Ninh Kiều: its monthly reports and its answers to both requests.
		self.assertEqual(
			visible("Opinion Report", "officer.phuongninhkieu@dlxh.local", "unit"), [NINH_KIEU_WARD] * 8
		)
		self.assertEqual(len(visible("Opinion Report", "officer@dlxh.local")), 202)

	def test_collaborator_opinions_were_pulled_into_ninh_kieu_reports(self):
		entries = frappe.get_all(
			"Opinion Entry",
			filters={"owner": "collaborator@dlxh.local"},
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
		self.assertEqual(len(visible("Opinion Entry", "collaborator@dlxh.local")), 13)

	def test_requests_list_who_answered(self):
		merger, floods = (
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
		responses = {row["unit"]: row for row in as_user("officer@dlxh.local", merger.get_responses)}
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

		self.assertEqual((floods.workflow_state, floods.document_reference), ("Issued", "02-CV/BTGTU"))
		# Every reporting unit that existed on the day it was issued: the wards, not the districts.
		responses = as_user("officer@dlxh.local", floods.get_responses)
		self.assertEqual(len(responses), 15)
		self.assertEqual(sum(row["answered"] for row in responses), 9)
		self.assertEqual([row["unit"] for row in responses if row["is_late"]], ["Đảng ủy phường An Bình"])
		# A unit sees its own answer only.
		self.assertEqual(
			[row["unit"] for row in as_user("officer.phuongninhkieu@dlxh.local", floods.get_responses)],
			[NINH_KIEU_WARD],
		)

	def test_syntheses_of_january_and_february_are_issued(self):
		syntheses = frappe.get_all(
			"Opinion Synthesis",
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
			],
			[
				(1, "Issued", 1, "01-BC/BTGTU", "2025-01-28", "officer@dlxh.local", "manager@dlxh.local"),
				(2, "Issued", 1, "02-BC/BTGTU", "2025-02-28", "officer@dlxh.local", "manager@dlxh.local"),
			],
		)
		# January: 17 units owed, 2 late (Thốt Nốt, Vĩnh Thạnh); February: 3 late, the veterans missing.
		self.assertEqual(
			[
				(row.units_owing, row.sent_on_time, row.sent_late, row.not_sent, row.reports_accepted)
				for row in syntheses
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
