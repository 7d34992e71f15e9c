"""The plan's progress counts the collaborator trainings held in its year by its unit and the units below
it, up to today, as far as the user may read them."""

from frappe.utils import add_days, today

from dlxh_app.dlxh_planning.report.dlxh_plan_progress.dlxh_plan_progress import execute
from dlxh_app.tests.collaborators import (
	CITY,
	CITY_OFFICER,
	DISTRICT,
	DISTRICT_OFFICER,
	SIBLING_OFFICER,
	SIBLING_WARD,
	WARD,
	WARD_OFFICER,
	YEAR,
	CollaboratorTestCase,
)
from dlxh_app.tests.utils import as_user, insert_as, make_plan


class TestPlanProgressTrainings(CollaboratorTestCase):
	def train(self, user, unit, day, hours):
		return insert_as(
			user,
			{
				"doctype": "Collaborator Training",
				"topic": f"Tập huấn {day}",
				"training_date": day,
				"hours": hours,
				"organiser_unit": unit,
			},
		)

	def progress_as(self, user, plan):
		rows = as_user(user, execute, {"plan_year": YEAR})[1]
		return next((row.trainings_held, row.training_hours) for row in rows if row.plan == plan)

	def test_the_years_trainings_held_by_the_unit_and_below(self):
		district_plan = as_user(DISTRICT_OFFICER, make_plan, DISTRICT, YEAR).name
		city_plan = as_user(CITY_OFFICER, make_plan, CITY, YEAR).name
		self.assertEqual(self.progress_as(DISTRICT_OFFICER, district_plan), (0, 0))
		self.train(WARD_OFFICER, WARD, today(), 4)  # a ward below the district, this year
		self.train(DISTRICT_OFFICER, DISTRICT, f"{YEAR}-01-01", 2.5)  # the district itself
		self.train(WARD_OFFICER, WARD, f"{YEAR - 1}-06-01", 8)  # last year's
		self.train(WARD_OFFICER, WARD, add_days(today(), 10), 3)  # planned, not held yet
		self.train(SIBLING_OFFICER, SIBLING_WARD, today(), 6)  # the sibling district's ward
		self.assertEqual(self.progress_as(DISTRICT_OFFICER, district_plan), (2, 6.5))
		# The city's plan counts the whole city's; the city reads the district plan's as the district does.
		self.assertEqual(self.progress_as(CITY_OFFICER, city_plan), (3, 12.5))
		self.assertEqual(self.progress_as(CITY_OFFICER, district_plan), (2, 6.5))
