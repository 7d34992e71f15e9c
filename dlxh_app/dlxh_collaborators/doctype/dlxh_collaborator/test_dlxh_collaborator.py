import frappe
from frappe.utils import add_days, today

from dlxh_app.dlxh_collaborators import exports
from dlxh_app.tests.collaborators import (
	CITY,
	CITY_OFFICER,
	COLLABORATOR_USER,
	DISTRICT,
	DISTRICT_OFFICER,
	OLD_WARD,
	OTHER_WARD,
	SIBLING,
	SIBLING_OFFICER,
	SIBLING_WARD,
	TOPIC,
	WARD,
	WARD_OFFICER,
	YEAR,
	CollaboratorTestCase,
)
from dlxh_app.tests.utils import as_user, insert_as


class TestCollaboratorAccess(CollaboratorTestCase):
	"""Personal data: the managing unit, the units above it and the city read a collaborator; a sibling
	unit and collaborators read none."""

	def test_who_lists_whom(self):
		names = self.names
		expected = {
			WARD_OFFICER: {names["ward"]},
			DISTRICT_OFFICER: {names["ward"], names["other_ward"]},
			SIBLING_OFFICER: {names["sibling"]},
			CITY_OFFICER: set(names.values()),
		}
		for user, readable in expected.items():
			with self.subTest(user=user):
				self.assertEqual(self.list_as(user) & set(names.values()), readable)
				for key, name in names.items():
					self.assertEqual(
						bool(frappe.has_permission("DLXH Collaborator", "read", name, user=user)),
						name in readable,
						key,
					)
		with self.assertRaises(frappe.PermissionError):
			self.list_as(COLLABORATOR_USER)
		self.assertFalse(
			frappe.has_permission("DLXH Collaborator", "read", names["ward"], user=COLLABORATOR_USER)
		)

	def test_criteria_rows_follow_their_collaborator(self):
		rows = as_user(
			SIBLING_OFFICER,
			frappe.get_list,
			"DLXH Collaborator Criterion",
			parent_doctype="DLXH Collaborator",
			fields=["parent"],
			limit_page_length=0,
		)
		self.assertEqual({row.parent for row in rows} & set(self.names.values()), {self.names["sibling"]})

	def test_another_units_collaborator_is_neither_made_nor_taken_over(self):
		with self.assertRaises(frappe.PermissionError):
			self.insert_as(SIBLING_OFFICER, full_name="Phạm Văn Dũng")
		frappe.set_user(SIBLING_OFFICER)
		doc = frappe.get_doc("DLXH Collaborator", self.names["sibling"])
		doc.managing_unit = WARD
		doc.residential_area = WARD
		with self.assertRaises(frappe.PermissionError):
			doc.save()

	def test_own_unit_is_the_default(self):
		doc = self.insert_as(WARD_OFFICER, full_name="Võ Thị Em", managing_unit=None)
		self.assertEqual(doc.managing_unit, WARD)


class TestCollaboratorInput(CollaboratorTestCase):
	def assert_refused(self, fieldname_label: str, exc=frappe.ValidationError, **values):
		with self.assertRaises(exc) as caught:
			self.insert_as(WARD_OFFICER, **values)
		self.assertIn(fieldname_label, str(caught.exception))

	def test_birth_year_of_a_child_or_a_very_old_person(self):
		self.assert_refused("Birth Year", full_name="Đỗ Văn Nhỏ", birth_year=YEAR - 12)
		self.assert_refused("Birth Year", full_name="Đỗ Văn Cụ", birth_year=YEAR - 120)
		self.insert_as(WARD_OFFICER, full_name="Đỗ Văn Trẻ", birth_year=YEAR - 18)

	def test_same_person_twice_with_other_accents_and_case(self):
		# The ward's own record: named to its officer.
		with self.assertRaises(frappe.DuplicateEntryError) as caught:
			self.insert_as(WARD_OFFICER, full_name="  nguyen  van AN ")
		self.assertIn(self.names["ward"], str(caught.exception))
		# Registered by a sibling unit in the same area: refused without naming the record.
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.DuplicateEntryError) as caught:
			self.insert_as(
				CITY_OFFICER,
				full_name="Lê Văn Cường",
				managing_unit=CITY,
				residential_area=SIBLING_WARD,
			)
		# Another birth year or area is another person.
		self.insert_as(WARD_OFFICER, full_name="Nguyễn Văn An", birth_year=YEAR - 46)
		self.insert_as(
			DISTRICT_OFFICER, full_name="Nguyễn Văn An", managing_unit=DISTRICT, residential_area=OTHER_WARD
		)

	def test_duplicate_not_named_to_who_may_not_read_it(self):
		citys = self.insert_as(
			CITY_OFFICER, full_name="Phan Văn Hải", managing_unit=CITY, residential_area=SIBLING_WARD
		)
		with self.assertRaises(frappe.DuplicateEntryError) as caught:
			self.insert_as(
				SIBLING_OFFICER,
				full_name="Phan Van Hai",
				managing_unit=SIBLING,
				residential_area=SIBLING_WARD,
			)
		self.assertNotIn(citys.name, str(caught.exception))
		self.assertIn("another unit", str(caught.exception))

	def test_term_that_ends_before_it_starts(self):
		self.assert_refused(
			"Term End", full_name="Mai Văn Hạn", term_start=today(), term_end=add_days(today(), -1)
		)

	def test_decision_number_used_twice(self):
		first = self.insert_as(
			WARD_OFFICER,
			full_name="Mai Thị Một",
			decision_number="12-QĐ/ĐU",
			decision_issuer="Đảng ủy phường",
		)
		self.assertEqual(first.decision_number, "12-QĐ/ĐU")
		self.assert_refused(
			"Decision Number",
			frappe.DuplicateEntryError,
			full_name="Mai Thị Hai",
			decision_number="12-QĐ/ĐU",
			decision_issuer="Đảng ủy  phường",
		)
		# Another issuer's decision 12 is another decision.
		self.insert_as(
			WARD_OFFICER, full_name="Mai Thị Ba", decision_number="12-QĐ/ĐU", decision_issuer="Quận ủy"
		)

	def test_residential_area_is_a_current_ward_of_the_unit(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			self.insert_as(
				DISTRICT_OFFICER, full_name="Hồ Văn Xã", managing_unit=DISTRICT, residential_area=DISTRICT
			)
		self.assertIn("commune or ward", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			self.insert_as(
				DISTRICT_OFFICER, full_name="Hồ Văn Cũ", managing_unit=DISTRICT, residential_area=OLD_WARD
			)
		self.assertIn("no longer exists", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			self.insert_as(WARD_OFFICER, full_name="Hồ Văn Ngoài", residential_area=OTHER_WARD)
		self.assertIn(WARD, str(caught.exception))
		# The city's collaborators live anywhere.
		self.insert_as(
			CITY_OFFICER, full_name="Hồ Văn Thành", managing_unit=CITY, residential_area=SIBLING_WARD
		)

	def test_suspended_or_ended_needs_a_date_and_a_reason(self):
		self.assert_refused("Status Date", full_name="Lý Văn Nghỉ", status="Ended")
		frappe.set_user("Administrator")
		self.assert_refused("Status Reason", full_name="Lý Văn Nghỉ", status="Suspended", status_date=today())
		frappe.set_user("Administrator")
		self.insert_as(
			WARD_OFFICER,
			full_name="Lý Văn Nghỉ",
			status="Ended",
			status_date=today(),
			status_reason="Chuyển công tác",
		)

	def test_a_criterion_listed_twice(self):
		self.assert_refused(
			"Criterion",
			full_name="Tạ Văn Lặp",
			criteria=[{"criterion": "Capacity"}, {"criterion": "Capacity", "note": "Lặp"}],
		)

	def test_a_login_belongs_to_one_collaborator(self):
		self.assert_refused(
			"User", frappe.DuplicateEntryError, full_name="Tạ Văn Trùng", user=COLLABORATOR_USER
		)


class TestOpinionEntryCollaborator(CollaboratorTestCase):
	def entry(self, user: str, **values):
		return insert_as(
			user,
			{
				"doctype": "Opinion Entry",
				"topic": TOPIC,
				"content": "Người dân phấn khởi với việc sắp xếp phường mới",
			}
			| values,
		)

	def test_the_collaborators_login_names_them(self):
		entry = self.entry(COLLABORATOR_USER)
		self.assertEqual(entry.collaborator, self.names["ward"])
		self.assertEqual(entry.source, "Collaborator")
		self.assertEqual(entry.unit, WARD)

	def test_the_link_is_never_taken_from_the_client(self):
		entry = self.entry(WARD_OFFICER, collaborator=self.names["ward"])
		self.assertFalse(entry.collaborator)
		entry = self.entry(COLLABORATOR_USER, collaborator=self.names["other_ward"])
		self.assertEqual(entry.collaborator, self.names["ward"])

	def test_a_suspended_collaborator_records_no_more(self):
		frappe.db.set_value(
			"DLXH Collaborator",
			self.names["ward"],
			{"status": "Suspended", "status_date": today(), "status_reason": "Tạm dừng"},
		)
		with self.assertRaises(frappe.ValidationError):
			self.entry(COLLABORATOR_USER)


class TestExportLog(CollaboratorTestCase):
	def export(self, user: str, file_format_type: str = "CSV", **params):
		def run():
			frappe.local.form_dict = frappe._dict(
				doctype="DLXH Collaborator",
				file_format_type=file_format_type,
				fields='["`tabDLXH Collaborator`.`name`", "`tabDLXH Collaborator`.`full_name`"]',
				title="DLXH Collaborator",
				**params,
			)
			frappe.local.response = frappe._dict()
			exports.export_query()
			return frappe.local.response.filecontent

		return as_user(user, run)

	def last_log(self):
		return frappe.get_last_doc("DLXH Export Log")

	def test_export_is_logged_with_its_rows(self):
		content = self.export(DISTRICT_OFFICER).decode("utf-8-sig")
		self.assertIn("Nguyễn Văn An", content)
		self.assertNotIn("Lê Văn Cường", content)
		log = self.last_log()
		self.assertEqual(
			(log.exported_doctype, log.user, log.row_count, log.file_type),
			("DLXH Collaborator", DISTRICT_OFFICER, 2, "CSV"),
		)
		self.assertTrue(log.export_time)

	def test_excel_export_and_selected_rows(self):
		self.export(CITY_OFFICER, "Excel")
		self.assertEqual(self.last_log().row_count, 3)
		self.export(CITY_OFFICER, selected_items=frappe.as_json([self.names["ward"]]))
		log = self.last_log()
		self.assertEqual(log.row_count, 1)
		self.assertIn(self.names["ward"], log.filters)

	def test_other_lists_are_not_logged(self):
		before = frappe.db.count("DLXH Export Log")

		def run():
			frappe.local.form_dict = frappe._dict(
				doctype="Opinion Topic", file_format_type="CSV", fields='["name"]', title="Opinion Topic"
			)
			frappe.local.response = frappe._dict()
			exports.export_query()

		as_user(CITY_OFFICER, run)
		self.assertEqual(frappe.db.count("DLXH Export Log"), before)

	def test_export_log_is_the_citys(self):
		self.export(WARD_OFFICER)
		self.assertFalse(frappe.has_permission("DLXH Export Log", "read", user=WARD_OFFICER))
		self.assertTrue(frappe.has_permission("DLXH Export Log", "read", user=CITY_OFFICER))


class TestCollaboratorConnections(CollaboratorTestCase):
	"""The collaborator's form lists their opinions, trainings and evaluations (Connections)."""

	def test_history_on_the_form(self):
		from frappe.desk.notifications import get_open_count

		ward = self.names["ward"]
		insert_as(
			COLLABORATOR_USER, {"doctype": "Opinion Entry", "topic": TOPIC, "content": "Ý kiến về giá điện"}
		)
		insert_as(
			WARD_OFFICER,
			{
				"doctype": "Collaborator Training",
				"topic": "Kỹ năng phản ánh",
				"training_date": today(),
				"hours": 2,
				"participants": [{"collaborator": ward, "attended": 1}],
			},
		)
		counts = as_user(WARD_OFFICER, get_open_count, "DLXH Collaborator", ward)["count"]
		found = {row["doctype"]: row["count"] for row in counts["external_links_found"]}
		self.assertEqual(
			found, {"Opinion Entry": 1, "Collaborator Training": 1, "Collaborator Evaluation": 0}
		)
		with self.assertRaises(frappe.PermissionError):
			as_user(SIBLING_OFFICER, get_open_count, "DLXH Collaborator", ward)
