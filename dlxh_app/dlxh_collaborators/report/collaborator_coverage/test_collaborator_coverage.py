import frappe
from frappe.desk.query_report import run as run_report
from frappe.utils import add_days, today

from dlxh_app.dlxh_collaborators.api import get_coverage
from dlxh_app.dlxh_collaborators.rules.coverage import STRATA
from dlxh_app.tests.collaborators import (
	CITY,
	CITY_OFFICER,
	COLLABORATOR_USER,
	DISTRICT,
	DISTRICT_OFFICER,
	OTHER_WARD,
	SIBLING,
	SIBLING_OFFICER,
	SIBLING_WARD,
	TOPIC,
	WARD,
	WARD_OFFICER,
	CollaboratorTestCase,
)
from dlxh_app.tests.utils import as_user, insert_as


def by_unit(rows):
	return {row["unit"]: row for row in rows}


class TestCoverage(CollaboratorTestCase):
	def coverage_as(self, user, unit=None):
		return by_unit(as_user(user, get_coverage, unit))

	def test_each_unit_sees_its_network_and_those_below(self):
		rows = self.coverage_as(WARD_OFFICER)
		self.assertEqual(set(rows), {WARD})
		self.assertEqual(rows[WARD]["actual"], 1)
		self.assertEqual(rows[WARD]["areas"], 1)
		self.assertEqual(rows[WARD]["areas_without"], [])
		self.assertEqual(rows[WARD]["missing_strata"], [s for s in STRATA if s != "Workers"])

		rows = self.coverage_as(DISTRICT_OFFICER)
		self.assertEqual(list(rows), [DISTRICT, WARD, OTHER_WARD])
		# The ward's collaborator and the district's own, over both current wards (the ended one is not
		# an area any more).
		self.assertEqual((rows[DISTRICT]["actual"], rows[DISTRICT]["areas"]), (2, 2))
		self.assertEqual(rows[OTHER_WARD]["actual"], 0)
		self.assertEqual(rows[OTHER_WARD]["areas_without"], [OTHER_WARD])

		rows = self.coverage_as(CITY_OFFICER, CITY)
		self.assertEqual((rows[CITY]["actual"], rows[CITY]["areas"]), (3, 3))

	def test_a_sibling_sees_nothing_of_the_other_district(self):
		rows = self.coverage_as(SIBLING_OFFICER)
		self.assertEqual(set(rows), {SIBLING, SIBLING_WARD})
		with self.assertRaises(frappe.PermissionError):
			self.coverage_as(SIBLING_OFFICER, DISTRICT)
		with self.assertRaises(frappe.PermissionError):
			self.coverage_as(COLLABORATOR_USER)

	def test_only_current_collaborators_count(self):
		insert_as(
			WARD_OFFICER,
			{
				"doctype": "DLXH Collaborator",
				"full_name": "Đinh Văn Cũ",
				"gender": "Male",
				"birth_year": 1970,
				"social_stratum": "Veterans",
				"sector": "Other",
				"managing_unit": WARD,
				"residential_area": WARD,
				"term_start": "2020-01-01",
				"term_end": add_days(today(), -1),
			},
		)
		insert_as(
			WARD_OFFICER,
			{
				"doctype": "DLXH Collaborator",
				"full_name": "Đinh Văn Mới",
				"gender": "Male",
				"birth_year": 1990,
				"social_stratum": "Retirees",
				"sector": "Other",
				"managing_unit": WARD,
				"residential_area": WARD,
				"term_start": add_days(today(), 10),
			},
		)
		row = self.coverage_as(WARD_OFFICER)[WARD]
		self.assertEqual(row["actual"], 1)
		# Registered: the active one and the one whose term has ended (not the one yet to begin).
		self.assertEqual(
			(row["quality"]["registered"], row["quality"]["active"], row["quality"]["active_share"]),
			(2, 1, 50.0),
		)

	def test_quality_counts_who_contributes(self):
		self.assertEqual(self.coverage_as(WARD_OFFICER)[WARD]["quality"]["contributing"], 0)
		insert_as(
			COLLABORATOR_USER,
			{"doctype": "Opinion Entry", "topic": TOPIC, "content": "Người dân quan tâm an toàn giao thông"},
		)
		quality = self.coverage_as(WARD_OFFICER)[WARD]["quality"]
		self.assertEqual((quality["contributing"], quality["contributing_share"]), (1, 100.0))

	def test_targets_default_and_override(self):
		frappe.set_user(CITY_OFFICER)
		frappe.get_doc(
			{
				"doctype": "Collaborator Target",
				"min_collaborators": 2,
				"min_per_area": 1,
				"max_share": 50,
				"training_hours": 8,
				"lines": [{"dimension": "Social Stratum", "value": "Youth and students", "minimum": 1}],
			}
		).insert()
		frappe.get_doc(
			{
				"doctype": "Collaborator Target",
				"unit": DISTRICT,
				"min_collaborators": 1,
				"lines": [{"dimension": "Sector", "value": "Education", "minimum": 2}],
			}
		).insert()
		frappe.set_user("Administrator")
		insert_as(
			WARD_OFFICER,
			{
				"doctype": "Collaborator Training",
				"topic": "Kỹ năng phản ánh",
				"training_date": today(),
				"hours": 4,
			},
		)
		rows = self.coverage_as(DISTRICT_OFFICER)
		ward, district = rows[WARD], rows[DISTRICT]
		# The ward's session counts for the ward and the district above it; only the default asks for hours.
		self.assertEqual(
			(ward["training"]["hours"], ward["training"]["target"], ward["training"]["short"]), (4, 8, True)
		)
		self.assertEqual((district["training"]["hours"], district["training"]["short"]), (4, False))
		self.assertEqual(ward["target"]["source"], "Default")
		self.assertTrue(ward["too_small"])
		self.assertEqual(
			[(gap["value"], gap["actual"], gap["target"]) for gap in ward["gaps"]],
			[("Youth and students", 0, 1)],
		)
		self.assertEqual(district["target"]["source"], DISTRICT)
		self.assertFalse(district["too_small"])
		self.assertEqual([(gap["value"], gap["shortfall"]) for gap in district["gaps"]], [("Education", 1)])
		self.assertTrue(all(row["has_gaps"] for row in rows.values()))

	def test_the_rules_strata_are_the_collaborators_own(self):
		"""The pure rules list the strata a network should follow: every stratum a collaborator may have,
		but Other. A stratum added to the DocType and not to the rules would never show as missing."""
		options = frappe.get_meta("DLXH Collaborator").get_field("social_stratum").options.split("\n")
		self.assertEqual(list(STRATA), [option for option in options if option and option != "Other"])

	def test_target_values_belong_to_their_dimension(self):
		frappe.set_user(CITY_OFFICER)
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{
					"doctype": "Collaborator Target",
					"unit": WARD,
					"lines": [{"dimension": "Sector", "value": "Workers", "minimum": 1}],
				}
			).insert()
		# A unit's officers read their target; only the city sets it.
		with self.assertRaises(frappe.PermissionError):
			insert_as(WARD_OFFICER, {"doctype": "Collaborator Target", "unit": WARD, "min_collaborators": 1})

	def test_report(self):
		frappe.set_user(DISTRICT_OFFICER)
		result = run_report("Collaborator Coverage", filters={})
		rows = {row["unit"]: row for row in result["result"]}
		self.assertEqual(list(rows), [DISTRICT, WARD, OTHER_WARD])
		self.assertEqual(rows[OTHER_WARD]["areas_without"], OTHER_WARD)
		self.assertEqual(rows[DISTRICT]["actual"], 2)
		self.assertEqual(result["chart"]["data"]["labels"], [DISTRICT, WARD, OTHER_WARD])
		result = run_report("Collaborator Coverage", filters={"unit": SIBLING})
		self.assertEqual(result["result"], [])
