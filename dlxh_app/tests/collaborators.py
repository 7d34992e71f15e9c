"""The unit tree, users and collaborators the collaborator tests share, built once per test class and rolled
back after each test (CollaboratorTestCase)."""

import frappe
from frappe.utils import add_days, getdate, today

from dlxh_app.permissions import clear_unit_scope_cache
from dlxh_app.tests.base import SharedFixtureTestCase
from dlxh_app.tests.utils import as_user, insert_as, make_city_unit, make_unit, make_user

YEAR = getdate(today()).year
WARD_TYPE = "Commune/Ward Party Committee"

# The city department; a district with two wards; a sibling district with one ward.
CITY = "CTV Ban Tuyên giáo Thành ủy"
DISTRICT = "CTV Quận ủy Ninh Kiều"
WARD = "CTV Đảng ủy phường An Hòa"
OTHER_WARD = "CTV Đảng ủy phường Cái Khế"
SIBLING = "CTV Quận ủy Bình Thủy"
SIBLING_WARD = "CTV Đảng ủy phường Long Hòa"
# A ward of the tree before 1 July 2025, ended since.
OLD_WARD = "CTV Đảng ủy phường Xuân Khánh"

CITY_OFFICER = "ctv.city.officer@test.local"
DISTRICT_OFFICER = "ctv.district.officer@test.local"
WARD_OFFICER = "ctv.ward.officer@test.local"
SIBLING_OFFICER = "ctv.sibling.officer@test.local"
COLLABORATOR_USER = "ctv.collaborator@test.local"
TOPIC = "CTV Chủ đề thử"


def collaborator_values(**values) -> dict:
	"""A valid collaborator of the ward, as an officer types one."""
	return {
		"doctype": "DLXH Collaborator",
		"full_name": "Nguyễn Văn An",
		"gender": "Male",
		"birth_year": YEAR - 45,
		"social_stratum": "Workers",
		"sector": "Economy",
		"organisation_type": "Trade Union",
		"managing_unit": WARD,
		"residential_area": WARD,
		"term_start": add_days(today(), -300),
		"criteria": [{"criterion": "Political steadfastness", "met": 1, "note": "Đảng viên 20 năm"}],
	} | values


class CollaboratorTestCase(SharedFixtureTestCase):
	names: dict[str, str]

	@classmethod
	def make_fixture(cls):
		make_city_unit(CITY, "CTVTU", "CTV")
		make_unit(DISTRICT, parent_dlxh_unit=CITY, is_group=1, abbreviation="CTVQU")
		for ward, parent in ((WARD, DISTRICT), (OTHER_WARD, DISTRICT)):
			make_unit(
				ward, parent_dlxh_unit=parent, unit_type=WARD_TYPE, abbreviation="ĐU", parent_body_line=ward
			)
		make_unit(SIBLING, parent_dlxh_unit=CITY, is_group=1, abbreviation="CTVBT")
		make_unit(
			SIBLING_WARD,
			parent_dlxh_unit=SIBLING,
			unit_type=WARD_TYPE,
			abbreviation="ĐU",
			parent_body_line=SIBLING_WARD,
		)
		make_unit(
			OLD_WARD,
			parent_dlxh_unit=DISTRICT,
			unit_type=WARD_TYPE,
			abbreviation="ĐU",
			parent_body_line=OLD_WARD,
			valid_from="2020-01-01",
			valid_to="2025-06-30",
		)
		make_user(CITY_OFFICER, ["DLXH City Officer"], CITY)
		make_user(DISTRICT_OFFICER, ["DLXH Unit Officer"], DISTRICT)
		make_user(WARD_OFFICER, ["DLXH Unit Officer"], WARD)
		make_user(SIBLING_OFFICER, ["DLXH Unit Officer"], SIBLING)
		make_user(COLLABORATOR_USER, ["DLXH Collaborator"], WARD)
		clear_unit_scope_cache()
		if not frappe.db.exists("Opinion Topic", TOPIC):
			frappe.get_doc({"doctype": "Opinion Topic", "topic_name": TOPIC}).insert()
		cls.names = {
			"ward": insert_as(WARD_OFFICER, collaborator_values(user=COLLABORATOR_USER)).name,
			"other_ward": insert_as(
				DISTRICT_OFFICER,
				collaborator_values(
					full_name="Trần Thị Bình",
					gender="Female",
					social_stratum="Intellectuals",
					sector="Education",
					managing_unit=DISTRICT,
					residential_area=OTHER_WARD,
				),
			).name,
			"sibling": insert_as(
				SIBLING_OFFICER,
				collaborator_values(
					full_name="Lê Văn Cường",
					managing_unit=SIBLING,
					residential_area=SIBLING_WARD,
					social_stratum="Farmers",
					sector="Residential community",
				),
			).name,
		}

	def insert_as(self, officer: str, **values):
		return insert_as(officer, collaborator_values(**values))

	def list_as(self, user: str, doctype: str = "DLXH Collaborator", **kwargs) -> set[str]:
		return set(as_user(user, frappe.get_list, doctype, pluck="name", limit_page_length=0, **kwargs))
