# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe.utils.nestedset import NestedSetRecursionError, get_descendants_of

from dlxh_app.tests.base import IntegrationTestCase
from dlxh_app.tests.utils import make_user

PARTY_POLICY = "Thực hiện nghị quyết, chủ trương của Đảng"
HO_CHI_MINH = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
SEA = "An ninh, chủ quyền biển, đảo"


def make_topic(topic_name, **values):
	return frappe.get_doc({"doctype": "Opinion Topic", "topic_name": topic_name} | values).insert()


class TestOpinionTopic(IntegrationTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_keywords_are_normalized(self):
		topic = make_topic(
			"Giá xăng dầu",
			parent_opinion_topic="Tình hình kinh tế - xã hội",
			keywords="xăng; dầu,\nXĂNG , giá  điện",
		)
		self.assertEqual(topic.keywords, "xăng, dầu, giá điện")

	def test_subtopic_is_added_and_moved(self):
		make_topic("Sạt lở bờ sông", parent_opinion_topic="Phòng, chống thiên tai, dịch bệnh")
		self.assertIn(
			"Sạt lở bờ sông", get_descendants_of("Opinion Topic", "Phòng, chống thiên tai, dịch bệnh")
		)
		topic = frappe.get_doc("Opinion Topic", "Sạt lở bờ sông")
		topic.parent_opinion_topic = SEA
		topic.save()
		self.assertEqual(get_descendants_of("Opinion Topic", SEA), ["Sạt lở bờ sông"])
		self.assertNotIn(
			"Sạt lở bờ sông", get_descendants_of("Opinion Topic", "Phòng, chống thiên tai, dịch bệnh")
		)

	def test_topic_cannot_be_placed_under_itself_or_below(self):
		group = frappe.get_doc("Opinion Topic", PARTY_POLICY)
		group.parent_opinion_topic = PARTY_POLICY
		with self.assertRaises(NestedSetRecursionError) as caught:
			group.save()
		self.assertIn("Parent Topic", str(caught.exception))

		group = frappe.get_doc("Opinion Topic", PARTY_POLICY)
		group.parent_opinion_topic = HO_CHI_MINH
		with self.assertRaises(NestedSetRecursionError):
			group.save()
		self.assertFalse(frappe.db.get_value("Opinion Topic", PARTY_POLICY, "parent_opinion_topic"))

	def test_topic_cannot_go_under_a_topic_that_is_not_a_group(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			make_topic("Cuộc thi tìm hiểu", parent_opinion_topic=HO_CHI_MINH)
		self.assertIn("Parent Topic", str(caught.exception))
		self.assertIn("Is Group", str(caught.exception))

	def test_unit_roles_and_collaborators_read_city_roles_write(self):
		collaborator = make_user("topic-collaborator@example.com", ["DLXH Collaborator"])
		city_officer = make_user("topic-city-officer@example.com", ["DLXH City Officer"])
		self.assertTrue(frappe.has_permission("Opinion Topic", "read", doc=SEA, user=collaborator))
		self.assertFalse(frappe.has_permission("Opinion Topic", "write", doc=SEA, user=collaborator))
		self.assertFalse(frappe.has_permission("Opinion Topic", "create", user=collaborator))

		frappe.set_user(collaborator)
		self.assertIn(SEA, frappe.get_list("Opinion Topic", pluck="name"))
		with self.assertRaises(frappe.PermissionError):
			make_topic("Ngư dân bám biển", parent_opinion_topic=SEA)

		frappe.set_user(city_officer)
		make_topic("Ngư dân bám biển", parent_opinion_topic=SEA)
