"""The enumerator's home (dlxh_app.dlxh_reporting.home.get_enumerator_home) on the surveys' fixture: the
surveys in the field the user may read, what the user entered today and in all, the quota progress; a
sibling unit's user sees none of them, a collaborator and Guest are refused."""

import frappe
from frappe.utils import add_days, now_datetime

from dlxh_app.dlxh_reporting import home
from dlxh_app.dlxh_surveys.responses import store_responses
from dlxh_app.tests.surveys import (
	COLLABORATOR,
	LEADER,
	OFFICER,
	SIBLING_OFFICER,
	SurveyTestCase,
	answers,
	collecting_survey,
)
from dlxh_app.tests.utils import as_user


class TestEnumeratorHome(SurveyTestCase):
	def test_entered_today_and_in_all_with_the_quotas(self):
		survey = collecting_survey(self.records, forms_per_enumerator_day=12).name
		as_user(
			OFFICER,
			store_responses,
			survey,
			[answers(), answers(gioi_tinh="nu")],
			"Paper",
			form_numbers=["P-001", "P-002"],
		)
		as_user(
			LEADER, store_responses, survey, [answers(khu_vuc="cai_khe")], "Paper", form_numbers=["P-003"]
		)
		# Entered yesterday: counted in all, not today.
		yesterday = add_days(now_datetime(), -1)
		as_user(OFFICER, store_responses, survey, [answers()], "Paper", form_numbers=["P-004"])
		latest = frappe.get_all(
			"Survey Response", filters={"survey": survey}, order_by="creation desc", pluck="name", limit=1
		)[0]
		frappe.db.set_value("Survey Response", latest, "creation", yesterday, update_modified=False)

		data = as_user(OFFICER, home.get_enumerator_home)
		(row,) = [row for row in data["surveys"] if row.name == survey]
		self.assertEqual((row.entered_today, row.entered, row.forms_per_enumerator_day), (2, 3, 12))
		self.assertEqual(row.quota["total"]["achieved"], 4)
		slug = frappe.db.get_value("Opinion Survey", survey, "public_slug")
		self.assertEqual(row.paper_entry, f"/khao-sat/{slug}/nhap-phieu")
		self.assertEqual(as_user(LEADER, home.get_enumerator_home)["surveys"][0]["entered_today"], 1)

	def test_another_units_survey_is_not_listed(self):
		survey = collecting_survey(self.records).name
		data = as_user(SIBLING_OFFICER, home.get_enumerator_home)
		self.assertNotIn(survey, [row.name for row in data["surveys"]])

	def test_collaborators_and_guest_are_refused(self):
		for user in (COLLABORATOR, "Guest"):
			with self.subTest(user=user):
				self.assertRaises(frappe.PermissionError, as_user, user, home.get_enumerator_home)
