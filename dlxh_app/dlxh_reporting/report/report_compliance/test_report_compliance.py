# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""Report Compliance and the compliance API against a hand-counted fixture, as the city, a district, a
ward and a sibling district see it, and exported to Excel through the desk's own export."""

import io
import json

import frappe
from frappe.desk.query_report import export_query
from frappe.desk.query_report import run as run_report
from frappe.utils.password import update_password
from openpyxl import load_workbook

from dlxh_app.dlxh_reporting.api import get_compliance
from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.reporting import (
	CITY,
	CITY_OFFICER,
	COLLABORATOR,
	DISSOLVED,
	DISTRICT,
	OFFICER,
	SIBLING,
	SIBLING_OFFICER,
	WARD,
	WARD_OFFICER,
	ReportingTestCase,
	as_user,
	at,
	make_report,
	reload,
)
from dlxh_app.tests.utils import act, in_language, make_user, rest_session

ADMIN = "Administrator"
PERIODS = ["2025-05", "2025-06", "2025-07", "2025-08"]
# Counted by hand from `make_reports`, on 12/08/2025 (before August's deadline), in tree order.
MATRIX = {
	DISTRICT: ["On Time", "Late (3 days)", "Returned", "On Time"],
	WARD: ["On Time", "Missing", "Missing", "Not Yet Due"],
	SIBLING: ["Late (1 day)", "On Time", "Late (20 days)", "Not Yet Due"],
	DISSOLVED: ["On Time", "Missing", "Not Applicable", "Not Applicable"],
}
# (on time, late, missing, returned)
UNIT_TOTALS = {DISTRICT: (2, 1, 0, 1), WARD: (1, 0, 2, 0), SIBLING: (1, 2, 0, 0), DISSOLVED: (1, 0, 1, 0)}
PERIOD_TOTALS = {
	"2025-05": {"On Time": 3, "Late": 1},
	"2025-06": {"On Time": 1, "Late": 1, "Missing": 2},
	"2025-07": {"Late": 1, "Missing": 1, "Returned": 1, "Not Applicable": 1},
	"2025-08": {"On Time": 1, "Not Yet Due": 2, "Not Applicable": 1},
}
TOTAL_ROW = [
	"3 on time, 1 late, 0 missing, 0 returned",
	"1 on time, 1 late, 2 missing, 0 returned",
	"0 on time, 1 late, 1 missing, 1 returned",
	"1 on time, 0 late, 0 missing, 0 returned",
]
NOW = (2025, 8, 12, 10, 0)
STATUSES = ("On Time", "Late", "Returned", "Missing", "Not Yet Due", "Not Applicable")


def monthly_report(unit, month, sent=None, pending=False):
	"""The unit's report of month/2025, drafted on the 1st and sent by its leader at `sent` (local)."""
	with at(2025, month, 1, 9, 0):
		report = make_report(ADMIN, unit=unit, period_month=month)
	if pending or sent:
		report = act(report, (ADMIN, "Send to Leader"))
	if sent:
		with at(*sent):
			report = act(report, (ADMIN, "Approve and Send"))
	return report


def make_reports():
	accept = (ADMIN, "Accept")
	act(monthly_report(DISTRICT, 5, sent=(2025, 5, 10, 9, 0)), accept)
	monthly_report(DISTRICT, 6, sent=(2025, 6, 17, 10, 0))  # 2 days 10 hours after: 3 days begun
	returned = monthly_report(DISTRICT, 7, sent=(2025, 7, 14, 16, 0))
	with at(2025, 7, 16, 8, 0):
		as_user(CITY_OFFICER, reload(returned).return_for_revision, "Bổ sung dư luận về giá điện")
	monthly_report(DISTRICT, 8, sent=(2025, 8, 5, 8, 0))

	monthly_report(WARD, 5, sent=(2025, 5, 14, 23, 59))  # the last minute before the deadline
	monthly_report(WARD, 7)  # a draft is not sent
	monthly_report(WARD, 8, pending=True)

	monthly_report(SIBLING, 5, sent=(2025, 5, 15, 0, 0))
	monthly_report(SIBLING, 6, sent=(2025, 6, 14, 8, 0))
	monthly_report(SIBLING, 7, sent=(2025, 8, 3, 8, 0))

	monthly_report(DISSOLVED, 5, sent=(2025, 5, 2, 8, 0))


class TestReportCompliance(ReportingTestCase):
	@classmethod
	def make_fixture(cls):
		super().make_fixture()
		make_reports()

	def report(self, user, **filters):
		filters = {"from_period": PERIODS[0], "to_period": PERIODS[-1]} | filters
		with at(*NOW):
			return as_user(user, run_report, "Report Compliance", filters=filters)

	def api(self, user, *args, **kwargs):
		with at(*NOW):
			return as_user(user, get_compliance, *args, **kwargs)

	def assertMatrix(self, result, units):
		columns = [column["fieldname"] for column in result["columns"]]
		self.assertEqual(
			[column["label"] for column in result["columns"]],
			["Unit", "05/2025", "06/2025", "07/2025", "08/2025", "On Time", "Late", "Missing", "Returned"],
		)
		rows = result["result"]
		self.assertEqual([row["unit"] for row in rows], [*units, "Total"])
		for row in rows[:-1]:
			unit = row["unit"]
			with self.subTest(unit=unit):
				self.assertEqual([row[column] for column in columns[1:5]], MATRIX[unit])
				self.assertEqual(tuple(row[column] for column in columns[5:]), UNIT_TOTALS[unit])
		total = rows[-1]
		if units == list(MATRIX):
			self.assertEqual([total[column] for column in columns[1:5]], TOTAL_ROW)
		self.assertEqual(
			tuple(total[column] for column in columns[5:]),
			tuple(sum(UNIT_TOTALS[unit][index] for unit in units) for index in range(4)),
		)

	def test_the_city_sees_every_unit(self):
		self.assertMatrix(self.report(CITY_OFFICER, unit=CITY), list(MATRIX))
		# Without a unit, the fixture's units are among all the site's.
		units = [row["unit"] for row in self.report(CITY_OFFICER)["result"]]
		self.assertEqual([unit for unit in units if unit in MATRIX], list(MATRIX))

	def test_a_district_sees_itself_and_its_wards_a_ward_itself(self):
		self.assertMatrix(self.report(OFFICER), [DISTRICT, WARD])
		self.assertMatrix(self.report(WARD_OFFICER), [WARD])

	def test_a_sibling_does_not_see_the_other_district(self):
		self.assertMatrix(self.report(SIBLING_OFFICER), [SIBLING])
		# Refused with the message and no rows: the report does not raise (see its execute).
		frappe.clear_messages()
		self.assertEqual(self.report(SIBLING_OFFICER, unit=DISTRICT)["result"], [])
		self.assertIn(DISTRICT, str(frappe.message_log))

	def test_api_gives_the_same_matrix_and_totals(self):
		result = self.api(CITY_OFFICER, "2025-05", "2025-08", unit=CITY)
		self.assertEqual([period["period"] for period in result["periods"]], PERIODS)
		self.assertEqual(result["periods"][0]["label"], "05/2025")
		self.assertEqual([row["unit"] for row in result["units"]], list(MATRIX))
		for row in result["units"]:
			with self.subTest(unit=row["unit"]):
				self.assertEqual([row["cells"][period]["label"] for period in PERIODS], MATRIX[row["unit"]])
				counts = row["totals"]
				self.assertEqual(
					(counts["On Time"], counts["Late"], counts["Missing"], counts["Returned"]),
					UNIT_TOTALS[row["unit"]],
				)
				self.assertEqual(sum(counts.values()), len(PERIODS))
		self.assertEqual(
			result["units"][0]["cells"]["2025-06"],
			{"status": "Late", "days_late": 3, "label": "Late (3 days)"},
		)
		for period, expected in PERIOD_TOTALS.items():
			with self.subTest(period=period):
				self.assertEqual(
					result["period_totals"][period], {status: expected.get(status, 0) for status in STATUSES}
				)

	def test_api_keeps_to_the_users_reach(self):
		self.assertEqual(
			[row["unit"] for row in self.api(OFFICER, "2025-05", "2025-08")["units"]], [DISTRICT, WARD]
		)
		self.assertEqual(
			[row["unit"] for row in self.api(SIBLING_OFFICER, "2025-05", "2025-08")["units"]], [SIBLING]
		)
		self.assertRefused(
			lambda: self.api(SIBLING_OFFICER, "2025-05", "2025-08", unit=DISTRICT),
			"unit",
			exception=frappe.PermissionError,
		)
		# Collaborators have no access to the unit's reports at all.
		self.assertRefused(
			lambda: self.api(COLLABORATOR, "2025-05", "2025-08"), exception=frappe.PermissionError
		)

	def test_api_refuses_bad_input_naming_the_parameter(self):
		cases = (
			(("2025-5", "2025-08"), {}, "from_period"),
			(("2025-05", "2025-13"), {}, "to_period"),
			(("", "2025-08"), {}, "from_period"),
			(("2025-08", "2025-05"), {}, "from_period"),
			(("2015-01", "2025-12"), {}, "to_period"),
			(("2025-05", "2025-08"), {"unit": "Không có đơn vị này"}, "unit"),
		)
		for args, kwargs, parameter in cases:
			with self.subTest(args=args, kwargs=kwargs):
				error = self.assertRefused(lambda: self.api(CITY_OFFICER, *args, **kwargs), parameter)
				self.assertTrue(str(error).startswith(parameter), str(error))
		# Ten years of months are fine.
		self.assertEqual(len(self.api(CITY_OFFICER, "2016-01", "2025-12", unit=CITY)["periods"]), 120)

	def test_vietnamese_reader(self):
		with in_language("vi"):
			row = self.api(OFFICER, "2025-06", "2025-06")["units"][0]
		self.assertEqual(row["cells"]["2025-06"]["label"], "Trễ hạn (3 ngày)")

	def test_excel_export(self):
		# As the desk calls it: the request's form, as the user (set first: set_user clears the form).
		previous_response = frappe.local.response
		frappe.set_user(OFFICER)
		frappe.local.form_dict = frappe._dict(
			report_name="Report Compliance",
			file_format_type="Excel",
			filters=json.dumps({"from_period": PERIODS[0], "to_period": PERIODS[-1]}),
			visible_idx="[]",
		)
		try:
			with at(*NOW):
				export_query()
			content, filename = frappe.response["filecontent"], frappe.response["filename"]
		finally:
			frappe.local.response = previous_response
			frappe.set_user(ADMIN)
		self.assertTrue(filename.endswith(".xlsx"), filename)
		sheet = load_workbook(io.BytesIO(content)).active
		rows = list(sheet.iter_rows(values_only=True))
		self.assertEqual(list(rows[0][:5]), ["Unit", "05/2025", "06/2025", "07/2025", "08/2025"])
		self.assertEqual(list(rows[1][:5]), [DISTRICT, *MATRIX[DISTRICT]])
		self.assertEqual(list(rows[2][:5]), [WARD, *MATRIX[WARD]])
		self.assertEqual(list(rows[1][5:9]), list(UNIT_TOTALS[DISTRICT]))
		self.assertEqual(rows[3][0], "Total")
		self.assertNotIn(SIBLING, [row[0] for row in rows])


class TestComplianceOverHttp(IntegrationTestCase):
	USER = "rl.city.officer@test.local"
	PASSWORD = "Rl-Test-Pass-2025!"
	METHOD = "dlxh_app.dlxh_reporting.api.get_compliance"

	def setUp(self):
		# The request runs on its own connection and sees only committed data.
		make_user(self.USER, ["DLXH City Officer"])
		update_password(self.USER, self.PASSWORD)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.delete_doc, "User", self.USER, force=True, ignore_missing=True)

	def test_answers_over_http(self):
		# Its limit, shared with the other ways to the computation, is tested in tests/test_security.py.
		def steps(client):
			query = {"from_period": "2025-05", "to_period": "2025-05"}
			return client.get(f"/api/method/{self.METHOD}", query_string=query)

		response = rest_session(self.USER, self.PASSWORD, steps)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:300])
		self.assertEqual(response.json["message"]["periods"], [{"period": "2025-05", "label": "05/2025"}])
