"""The demo's collaborator network: a few hundred collaborators across the wards and mass organisations
(43 listed, the rest generated from data) with uneven coverage, the city's targets, the regulation in two versions, trainings and the previous year's
evaluations, as the units' users see them; loaded once for the class (the demo without its reporting
cycle) and rolled back after it."""

from collections import Counter

import frappe
from frappe.desk.query_report import run as run_report
from frappe.utils import getdate, today

from dlxh_app.dlxh_collaborators.api import get_coverage
from dlxh_app.setup.demo import make_demo
from dlxh_app.tests.base import DemoTestCase
from dlxh_app.tests.utils import as_user

CITY = "Ban Tuyên giáo Thành ủy Cần Thơ"
NINH_KIEU_WARD = "Đảng ủy phường Ninh Kiều"
CAI_KHE_WARD = "Đảng ủy phường Cái Khế"
LONG_TUYEN_WARD = "Đảng ủy phường Long Tuyền"
THOI_AN_DONG_WARD = "Đảng ủy phường Thới An Đông"
POLICE = "Đảng ủy Công an thành phố Cần Thơ"
WARD_OFFICER = "officer.phuongninhkieu@dlxh.local"
CITY_OFFICER = "officer@dlxh.local"


class TestDemoCollaborators(DemoTestCase):
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

	def test_loading_again_changes_nothing(self):
		doctypes = (
			"DLXH Collaborator",
			"Collaborator Target",
			"Collaborator Regulation",
			"Collaborator Regulation Adoption",
			"Collaborator Training",
			"Collaborator Evaluation",
		)
		counts = {doctype: frappe.db.count(doctype) for doctype in doctypes}
		make_demo(reporting=False)
		self.assertEqual({doctype: frappe.db.count(doctype) for doctype in doctypes}, counts)
