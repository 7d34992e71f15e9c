import frappe
from frappe.utils import add_days, today

from dlxh_app.tests.collaborators import (
	COLLABORATOR_USER,
	DISTRICT_OFFICER,
	SIBLING_OFFICER,
	TOPIC,
	WARD,
	WARD_OFFICER,
	YEAR,
	CollaboratorTestCase,
)
from dlxh_app.tests.utils import insert_as


class TestTrainingAndEvaluation(CollaboratorTestCase):
	def training(self, user=WARD_OFFICER, **values):
		return insert_as(
			user,
			{
				"doctype": "Collaborator Training",
				"topic": "Kỹ năng nắm bắt dư luận trên mạng xã hội",
				"training_date": add_days(today(), -20),
				"hours": 4,
				"trainer": "Phòng Thông tin - Tổng hợp",
			}
			| values,
		)

	def test_evaluation_counts_the_years_contributions(self):
		ward = self.names["ward"]
		for _ in range(3):
			insert_as(
				COLLABORATOR_USER,
				{"doctype": "Opinion Entry", "topic": TOPIC, "content": "Người dân quan tâm giá điện"},
			)
		# An officer's own entry is not the collaborator's.
		insert_as(WARD_OFFICER, {"doctype": "Opinion Entry", "topic": TOPIC, "content": "Ý kiến khác"})
		training = self.training(
			participants=[
				{"collaborator": ward, "attended": 1},
				{"collaborator": None, "user": WARD_OFFICER, "attended": 1},
			]
		)
		self.assertEqual(training.attended_count, 2)
		self.training(topic="Buổi vắng mặt", participants=[{"collaborator": ward, "attended": 0}])
		evaluation = insert_as(
			WARD_OFFICER,
			{
				"doctype": "Collaborator Evaluation",
				"collaborator": ward,
				"evaluation_year": YEAR,
				"rating": "Duties well fulfilled",
				"recommendation": "Keep collaborating",
				# Forged evidence is counted again by the server.
				"entries_recorded": 99,
			},
		)
		self.assertEqual(
			(
				evaluation.entries_recorded,
				evaluation.entries_used,
				evaluation.trainings_attended,
				evaluation.training_hours,
			),
			(3, 0, 1, 4),
		)
		self.assertEqual((evaluation.unit, evaluation.evaluator), (WARD, WARD_OFFICER))
		self.assertTrue(
			frappe.has_permission("Collaborator Evaluation", "read", evaluation.name, user=DISTRICT_OFFICER)
		)
		self.assertFalse(
			frappe.has_permission("Collaborator Evaluation", "read", evaluation.name, user=SIBLING_OFFICER)
		)
		self.assertFalse(
			frappe.has_permission("Collaborator Training", "read", training.name, user=SIBLING_OFFICER)
		)
		with self.assertRaises(frappe.DuplicateEntryError):
			insert_as(
				WARD_OFFICER,
				{
					"doctype": "Collaborator Evaluation",
					"collaborator": ward,
					"evaluation_year": YEAR,
					"rating": "Duties fulfilled",
				},
			)

	def test_another_units_collaborator_is_neither_trained_nor_evaluated_here(self):
		with self.assertRaises(frappe.ValidationError):
			self.training(SIBLING_OFFICER, participants=[{"collaborator": self.names["ward"]}])
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.ValidationError):
			insert_as(
				SIBLING_OFFICER,
				{
					"doctype": "Collaborator Evaluation",
					"collaborator": self.names["ward"],
					"evaluation_year": YEAR,
					"rating": "Duties not fulfilled",
				},
			)

	def test_bad_input(self):
		for values, label in (
			({"hours": 0}, "Hours"),
			({"hours": 500}, "Hours"),
			(
				{
					"training_date": add_days(today(), 5),
					"participants": [{"collaborator": self.names["ward"], "attended": 1}],
				},
				"Attended",
			),
			(
				{
					"participants": [
						{"collaborator": self.names["ward"]},
						{"collaborator": self.names["ward"]},
					]
				},
				"Collaborator",
			),
			({"participants": [{"note": "Không rõ ai"}]}, "Collaborator"),
		):
			frappe.set_user("Administrator")
			with self.subTest(values=values), self.assertRaises(frappe.ValidationError) as caught:
				self.training(**values)
			self.assertIn(label, str(caught.exception.args) + str(frappe.local.message_log))
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.ValidationError):
			insert_as(
				WARD_OFFICER,
				{
					"doctype": "Collaborator Evaluation",
					"collaborator": self.names["ward"],
					"evaluation_year": YEAR + 1,
					"rating": "Duties well fulfilled",
				},
			)
