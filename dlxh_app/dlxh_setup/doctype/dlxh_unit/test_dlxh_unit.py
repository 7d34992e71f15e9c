# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import unicodedata

import frappe
from frappe.utils import getdate
from frappe.utils.nestedset import NestedSetRecursionError, get_descendants_of

from dlxh_app.dlxh_setup.units import get_current_successors, get_unit_and_descendants, get_units_valid_on
from dlxh_app.tests.base import SharedFixtureTestCase
from dlxh_app.tests.utils import make_city_unit, make_unit, make_user

CITY = "Ban Tuyên giáo Thành ủy Cần Thơ"
OFFICE = "Phòng Thông tin - Tổng hợp"
NINH_KIEU = "Ban Tuyên giáo Quận ủy Ninh Kiều"
BINH_THUY = "Ban Tuyên giáo Quận ủy Bình Thủy"
WARD = "Đảng ủy phường Ninh Kiều"


def make_units():
	"""The city department with its office, two districts (until the 2025 reorganisation) and a ward."""
	make_city_unit(CITY, "btgtu", "Thành ủy Cần Thơ")
	make_unit(OFFICE, unit_type="Department Office", abbreviation="PTT-TH", parent_dlxh_unit=CITY)
	for name, body in ((NINH_KIEU, "Quận ủy Ninh Kiều"), (BINH_THUY, "Quận ủy Bình Thủy")):
		make_unit(
			name,
			parent_dlxh_unit=CITY,
			is_group=1,
			is_reporting_unit=1,
			parent_body_line=body,
			issuer_line="Ban Tuyên giáo",
			valid_to="2025-06-30",
		)
	make_unit(
		WARD,
		unit_type="Commune/Ward Party Committee",
		abbreviation="ĐU",
		parent_dlxh_unit=CITY,
		is_reporting_unit=1,
		parent_body_line="Đảng ủy phường Ninh Kiều",
		valid_from="2025-07-01",
	)


class TestDLXHUnit(SharedFixtureTestCase):
	@classmethod
	def make_fixture(cls):
		make_units()

	def position(self, name):
		return frappe.db.get_value("DLXH Unit", name, ["lft", "rgt"])

	def assertInside(self, name, ancestor):
		lft, rgt = self.position(name)
		ancestor_lft, ancestor_rgt = self.position(ancestor)
		self.assertTrue(ancestor_lft < lft < rgt < ancestor_rgt, f"{name} is not inside {ancestor}")

	def assertRefused(self, doc, *words, exception=frappe.ValidationError):
		with self.assertRaises(exception) as caught:
			doc.save()
		for word in words:
			self.assertIn(word, str(caught.exception))
		return caught.exception

	def test_tree_insert_and_move(self):
		for name in (OFFICE, NINH_KIEU, BINH_THUY, WARD):
			self.assertInside(name, CITY)
		self.assertEqual(set(get_unit_and_descendants(CITY)), {CITY, OFFICE, NINH_KIEU, BINH_THUY, WARD})
		self.assertEqual(get_unit_and_descendants(NINH_KIEU), [NINH_KIEU])

		office = frappe.get_doc("DLXH Unit", OFFICE)
		office.parent_dlxh_unit = NINH_KIEU
		office.save()
		self.assertInside(OFFICE, NINH_KIEU)
		self.assertEqual(get_unit_and_descendants(NINH_KIEU), [NINH_KIEU, OFFICE])
		self.assertEqual(get_descendants_of("DLXH Unit", BINH_THUY), [])
		self.assertEqual(frappe.db.get_value("DLXH Unit", OFFICE, "old_parent"), NINH_KIEU)

	def test_unit_cannot_be_its_own_parent(self):
		doc = frappe.get_doc("DLXH Unit", NINH_KIEU)
		doc.parent_dlxh_unit = NINH_KIEU
		self.assertRefused(doc, "Parent Unit", NINH_KIEU, exception=NestedSetRecursionError)
		self.assertEqual(frappe.db.get_value("DLXH Unit", NINH_KIEU, "parent_dlxh_unit"), CITY)

	def test_unit_cannot_move_under_a_unit_below_it(self):
		make_unit("Ban Tuyên giáo Đảng ủy Khối", parent_dlxh_unit=NINH_KIEU, parent_body_line="Đảng ủy Khối")
		for below in ("Ban Tuyên giáo Đảng ủy Khối", NINH_KIEU):
			city = frappe.get_doc("DLXH Unit", CITY)
			city.parent_dlxh_unit = below
			self.assertRefused(city, "Parent Unit", below, exception=NestedSetRecursionError)
		self.assertFalse(frappe.db.get_value("DLXH Unit", CITY, "parent_dlxh_unit"))

	def test_parent_must_be_a_group(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			make_unit("Tổ thư ký", parent_dlxh_unit=OFFICE, abbreviation="TTK")
		self.assertIn("Parent Unit", str(caught.exception))
		self.assertIn("Is Group", str(caught.exception))
		self.assertFalse(frappe.db.exists("DLXH Unit", "Tổ thư ký"))

	def test_group_with_units_below_stays_a_group(self):
		city = frappe.get_doc("DLXH Unit", CITY)
		city.is_group = 0
		self.assertRefused(city, "Is Group")

	def test_values_are_cleaned(self):
		city = frappe.get_doc("DLXH Unit", CITY)
		self.assertEqual(city.abbreviation, "BTGTU")
		self.assertEqual(city.parent_body_line, "THÀNH ỦY CẦN THƠ")
		self.assertEqual(city.issuer_line, "BAN TUYÊN GIÁO")
		# The place name comes from the parent unit when left empty.
		self.assertEqual(frappe.db.get_value("DLXH Unit", NINH_KIEU, "place_name"), "Cần Thơ")

		decomposed = unicodedata.normalize("NFD", "  Ban Tuyên giáo  Huyện ủy Phong Điền ")
		unit = make_unit(decomposed, parent_dlxh_unit=CITY, parent_body_line="Huyện ủy Phong Điền")
		self.assertEqual(unit.name, "Ban Tuyên giáo Huyện ủy Phong Điền")
		self.assertEqual(unit.unit_name, unit.name)

	def test_default_signer_is_cleaned_and_in_party_style(self):
		ward = frappe.get_doc("DLXH Unit", WARD)
		ward.update(
			{
				"signing_authority": "t/m  ban thường vụ",
				"signer_title": "phó bí thư",
				"signer_name": " Lương  Thanh Tú ",
			}
		)
		ward.save()
		self.assertEqual(
			(ward.signing_authority, ward.signer_title, ward.signer_name),
			("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lương Thanh Tú"),
		)
		ward.signing_authority = "TM. Ban Thường vụ"
		self.assertRefused(ward, "Signing Authority", "TM.")

	def test_bad_abbreviation_is_refused_naming_the_field(self):
		doc = frappe.get_doc("DLXH Unit", OFFICE)
		doc.abbreviation = "PTT/TH"
		self.assertRefused(doc, "Abbreviation", "PTT/TH")

	def test_missing_abbreviation_is_reported_as_mandatory(self):
		with self.assertRaises(frappe.MandatoryError) as caught:
			make_unit("Ban Tuyên giáo Huyện ủy Cờ Đỏ", parent_dlxh_unit=CITY, abbreviation=" ")
		self.assertIn("abbreviation", str(caught.exception))

	def test_abbreviation_is_unique_among_units_existing_at_the_same_time(self):
		# Same abbreviation and same header line while both exist: refused.
		with self.assertRaises(frappe.UniqueValidationError) as caught:
			make_unit(
				"Ban Tuyên giáo Quận ủy Ninh Kiều (trùng)",
				parent_dlxh_unit=CITY,
				parent_body_line="QUẬN ỦY NINH KIỀU",
				issuer_line="BAN TUYÊN GIÁO",
				valid_from="2025-06-01",
			)
		self.assertIn("Abbreviation", str(caught.exception))
		self.assertIn(NINH_KIEU, str(caught.exception))
		# The same issuer again once the first one no longer exists: allowed.
		make_unit(
			"Ban Tuyên giáo Quận ủy Ninh Kiều (mới)",
			parent_dlxh_unit=CITY,
			parent_body_line="Quận ủy Ninh Kiều",
			valid_from="2025-07-01",
		)
		# BTGQU is shared by every district department; the header line tells them apart.
		self.assertEqual(frappe.db.get_value("DLXH Unit", BINH_THUY, "abbreviation"), "BTGQU")
		# Commune Party committees all write ĐU under the same parent body; the issuer line tells them apart.
		for ward in ("Đảng ủy phường Cái Khế", "Đảng ủy phường Tân An"):
			make_unit(
				ward,
				unit_type="Commune/Ward Party Committee",
				abbreviation="ĐU",
				parent_dlxh_unit=CITY,
				parent_body_line="Đảng bộ thành phố Cần Thơ",
				issuer_line=ward,
				valid_from="2025-07-01",
			)

	def test_valid_to_before_valid_from_is_refused(self):
		doc = frappe.get_doc("DLXH Unit", WARD)
		doc.valid_to = "2025-06-30"
		self.assertRefused(doc, "Valid To", "Valid From")
		self.assertIsNone(frappe.db.get_value("DLXH Unit", WARD, "valid_to"))

	def test_successor_rules(self):
		def district_with(*rows):
			doc = frappe.get_doc("DLXH Unit", NINH_KIEU)
			for row in rows:
				doc.append("successors", row)
			return doc

		self.assertRefused(district_with({"successor_unit": NINH_KIEU}), "Successor Unit", "itself")
		self.assertRefused(
			district_with({"successor_unit": WARD}, {"successor_unit": WARD}),
			"Successor Unit",
			"listed twice",
		)
		# The ward only exists from 01/07/2025.
		self.assertRefused(
			district_with({"successor_unit": WARD, "effective_date": "2025-06-01"}), "Effective Date", WARD
		)
		self.assertFalse(frappe.get_all("DLXH Unit Successor", filters={"parent": NINH_KIEU}))

		district = district_with({"successor_unit": WARD, "note": "Sắp xếp theo Nghị quyết 18-NQ/TW"})
		district.save()
		# Left empty, the successor takes over the day after the unit's last day.
		self.assertEqual(getdate(district.successors[0].effective_date), getdate("2025-07-01"))

		# Successions do not go round in a circle.
		binh_thuy = frappe.get_doc("DLXH Unit", BINH_THUY)
		binh_thuy.append("successors", {"successor_unit": NINH_KIEU, "effective_date": "2025-06-01"})
		binh_thuy.save()
		district = frappe.get_doc("DLXH Unit", NINH_KIEU)
		district.append("successors", {"successor_unit": BINH_THUY, "effective_date": "2025-06-01"})
		self.assertRefused(district, "Successor Unit", BINH_THUY, "circle")

	def test_unit_with_successor_needs_valid_to(self):
		doc = frappe.get_doc("DLXH Unit", BINH_THUY)
		doc.valid_to = None
		doc.append("successors", {"successor_unit": WARD, "effective_date": "2025-07-01"})
		self.assertRefused(doc, "Valid To", "Successor Units")

	def test_units_valid_on_a_day(self):
		def names(**kwargs):
			return [unit["name"] for unit in get_units_valid_on(**kwargs)]

		self.assertEqual(names(date="2025-01-15"), [CITY, OFFICE, NINH_KIEU, BINH_THUY])
		self.assertEqual(names(date="2025-07-01"), [CITY, OFFICE, WARD])
		self.assertEqual(names(date="2025-01-15", reporting_only=1), [NINH_KIEU, BINH_THUY])
		self.assertEqual(names(date="2025-06-30", reporting_only="1"), [NINH_KIEU, BINH_THUY])

	def test_units_valid_on_is_whitelisted(self):
		self.assertEqual(
			[
				unit["name"]
				for unit in frappe.call("dlxh_app.dlxh_setup.units.get_units_valid_on", date="2025-08-01")
			],
			[CITY, OFFICE, WARD],
		)
		self.assertIn("get_units_valid_on", {fn.__name__ for fn in frappe.whitelisted})

	def test_units_valid_on_needs_read_permission(self):
		frappe.set_user(make_user("no-role-unit@example.com"))
		with self.assertRaises(frappe.PermissionError):
			get_units_valid_on("2025-01-15")

	def test_current_successors(self):
		district = frappe.get_doc("DLXH Unit", NINH_KIEU)
		district.append("successors", {"successor_unit": WARD})
		district.save()
		self.assertEqual(get_current_successors(NINH_KIEU, "2025-03-01"), [NINH_KIEU])
		self.assertEqual(get_current_successors(NINH_KIEU, "2025-08-01"), [WARD])
		self.assertEqual(get_current_successors(BINH_THUY, "2025-08-01"), [])

	def test_dissolved_unit_keeps_its_name(self):
		district = frappe.get_doc("DLXH Unit", NINH_KIEU)
		district.append("successors", {"successor_unit": WARD})
		district.save()
		self.assertEqual(frappe.get_doc("DLXH Unit", NINH_KIEU).unit_name, NINH_KIEU)

	def test_rename_keeps_unit_name_and_tree(self):
		frappe.rename_doc("DLXH Unit", OFFICE, "Phòng Thông tin – Tổng hợp")
		office = frappe.get_doc("DLXH Unit", "Phòng Thông tin – Tổng hợp")
		self.assertEqual(office.unit_name, "Phòng Thông tin – Tổng hợp")
		self.assertEqual(office.parent_dlxh_unit, CITY)
		self.assertInside(office.name, CITY)

	def test_unit_roles_read_city_roles_write(self):
		officer = make_user("unit-officer@example.com", ["DLXH Unit Officer"], unit=NINH_KIEU)
		city_officer = make_user("city-officer@example.com", ["DLXH City Officer"], unit=OFFICE)
		doc = frappe.get_doc("DLXH Unit", NINH_KIEU)
		self.assertTrue(frappe.has_permission("DLXH Unit", "read", doc=doc, user=officer))
		self.assertFalse(frappe.has_permission("DLXH Unit", "write", doc=doc, user=officer))
		self.assertFalse(frappe.has_permission("DLXH Unit", "create", user=officer))
		self.assertTrue(frappe.has_permission("DLXH Unit", "write", doc=doc, user=city_officer))
		self.assertTrue(frappe.has_permission("DLXH Unit", "create", user=city_officer))

		frappe.set_user(officer)
		doc = frappe.get_doc("DLXH Unit", NINH_KIEU)
		doc.place_name = "Ninh Kiều"
		with self.assertRaises(frappe.PermissionError):
			doc.save()

		frappe.set_user(city_officer)
		make_unit(
			"Ban Tuyên giáo Huyện ủy Thới Lai", parent_dlxh_unit=CITY, parent_body_line="Huyện ủy Thới Lai"
		)
