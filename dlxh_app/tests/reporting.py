"""The unit tree, users and records the reporting cycle's tests share."""

from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

import frappe
from frappe.utils import get_system_timezone

from dlxh_app.tests.base import SharedFixtureTestCase, freeze_time
from dlxh_app.tests.utils import as_user, insert_as, make_unit, make_user

HCM = ZoneInfo("Asia/Ho_Chi_Minh")

# The city department and its office; a district with a ward below it; a sibling district; a district
# dissolved on 1/7/2025.
CITY = "BC Ban Tuyên giáo Thành ủy"
OFFICE = "BC Phòng Thông tin - Tổng hợp"
DISTRICT = "BC Quận ủy Ninh Kiều"
WARD = "BC Đảng ủy phường An Hòa"
SIBLING = "BC Quận ủy Bình Thủy"
DISSOLVED = "BC Huyện ủy Cũ"
UNITS = (CITY, OFFICE, DISTRICT, WARD, SIBLING, DISSOLVED)

MANAGER = "bc.manager@test.local"
CITY_OFFICER = "bc.city.officer@test.local"
OFFICER = "bc.officer@test.local"
LEADER = "bc.leader@test.local"
WARD_OFFICER = "bc.ward.officer@test.local"
SIBLING_OFFICER = "bc.sibling.officer@test.local"
SIBLING_LEADER = "bc.sibling.leader@test.local"
COLLABORATOR = "bc.collaborator@test.local"
OTHER_COLLABORATOR = "bc.collaborator.two@test.local"
# A collaborator who is also an officer of the unit works as an officer.
COLLABORATING_OFFICER = "bc.collaborating.officer@test.local"

# Those who sign the units' reports and the city's requests.
UNIT_SIGNER = {"signing_authority": "", "signer_title": "TRƯỞNG BAN", "signer_name": "Lê Văn Ký"}
CITY_SIGNER = {
	"signing_authority": "K/T TRƯỞNG BAN",
	"signer_title": "PHÓ TRƯỞNG BAN",
	"signer_name": "Trần Thị Thành",
}

TOPIC_GROUP = "BC Tổ chức bộ máy"
TOPIC = "BC Sắp xếp đơn vị hành chính"
OTHER_TOPIC = "BC Giá điện"


def make_fixture():
	# The city and the district with the header lines and places of their printed documents.
	make_unit(
		CITY,
		unit_type="City Department",
		abbreviation="BCTU",
		is_group=1,
		parent_body_line="BC",
		issuer_line="Ban Tuyên giáo",
		place_name="Cần Thơ",
	)
	make_unit(OFFICE, unit_type="Department Office", abbreviation="BCPTT", parent_dlxh_unit=CITY)
	make_unit(
		DISTRICT,
		parent_dlxh_unit=CITY,
		is_group=1,
		is_reporting_unit=1,
		parent_body_line=DISTRICT,
		issuer_line="Ban Tuyên giáo",
		place_name="Ninh Kiều",
	)
	make_unit(
		WARD,
		unit_type="Commune/Ward Party Committee",
		abbreviation="ĐU",
		parent_dlxh_unit=DISTRICT,
		is_reporting_unit=1,
	)
	make_unit(SIBLING, parent_dlxh_unit=CITY, is_reporting_unit=1, parent_body_line=SIBLING)
	make_unit(DISSOLVED, parent_dlxh_unit=CITY, is_reporting_unit=1, valid_to="2025-06-30")
	for email, roles, unit in (
		(MANAGER, ["DLXH Manager"], CITY),
		(CITY_OFFICER, ["DLXH City Officer"], OFFICE),
		(OFFICER, ["DLXH Unit Officer"], DISTRICT),
		(LEADER, ["DLXH Unit Leader"], DISTRICT),
		(WARD_OFFICER, ["DLXH Unit Officer"], WARD),
		(SIBLING_OFFICER, ["DLXH Unit Officer"], SIBLING),
		(SIBLING_LEADER, ["DLXH Unit Leader"], SIBLING),
		(COLLABORATOR, ["DLXH Collaborator"], DISTRICT),
		(OTHER_COLLABORATOR, ["DLXH Collaborator"], DISTRICT),
		(COLLABORATING_OFFICER, ["DLXH Collaborator", "DLXH Unit Officer"], DISTRICT),
	):
		make_user(email, roles, unit)
	frappe.get_doc({"doctype": "Opinion Topic", "topic_name": TOPIC_GROUP, "is_group": 1}).insert()
	frappe.get_doc(
		{"doctype": "Opinion Topic", "topic_name": TOPIC, "parent_opinion_topic": TOPIC_GROUP}
	).insert()
	frappe.get_doc({"doctype": "Opinion Topic", "topic_name": OTHER_TOPIC}).insert()


def make_entry(user=COLLABORATOR, **values):
	return insert_as(
		user,
		{
			"doctype": "Opinion Entry",
			"entry_date": "2025-05-05",
			"topic": TOPIC,
			"trend": "Concerned",
			"level_of_interest": "High",
			"social_stratum": "Workers",
			"source": "Collaborator",
			"area": "Phường An Hòa",
			"content": "<p>Người lao động lo lắng về việc làm sau khi sáp nhập phường.</p>",
		}
		| values,
	)


def make_report(user=OFFICER, **values):
	"""A monthly report of 05/2025 with one item, signed for sending to the city."""
	return insert_as(
		user,
		{
			"doctype": "Opinion Report",
			"report_type": "Monthly",
			"period_year": 2025,
			"period_month": 5,
			"situation_summary": "<p>Tình hình tư tưởng trong đơn vị ổn định.</p>",
			"items": [
				{
					"topic": TOPIC,
					"trend": "Mixed",
					"level_of_interest": "Medium",
					"content": "Nhân dân quan tâm việc sắp xếp đơn vị hành chính.",
				}
			],
			"forecast": "<p>Dư luận tiếp tục quan tâm.</p>",
		}
		| UNIT_SIGNER
		| values,
	)


def make_request(user=CITY_OFFICER, **values):
	return insert_as(
		user,
		{
			"doctype": "Report Request",
			"subject": "Dư luận về việc sắp xếp đơn vị hành chính",
			"topic": TOPIC_GROUP,
			"issuing_unit": CITY,
			"deadline": "2025-05-20 17:00:00",
			"content": "<p>Đề nghị các đơn vị báo cáo nhanh.</p>",
			"units": [{"unit": DISTRICT}, {"unit": SIBLING}],
		}
		| CITY_SIGNER
		| values,
	)


def at(*args):
	"""Freeze the clock at this local (Asia/Ho_Chi_Minh) time, whatever the system time zone: the
	framework's helper reads a naive time in the system's zone."""
	moment = datetime(*args, tzinfo=HCM).astimezone(ZoneInfo(get_system_timezone()))
	return freeze_time(moment.replace(tzinfo=None))


@contextmanager
def system_time_zone(zone: str):
	"""Run as a server whose System Settings keep datetimes in `zone` (UTC on many servers)."""
	previous = frappe.db.get_single_value("System Settings", "time_zone")
	frappe.db.set_single_value("System Settings", "time_zone", zone)
	# System Settings are cached per request and in Redis.
	frappe.clear_cache()
	try:
		yield
	finally:
		frappe.db.set_single_value("System Settings", "time_zone", previous)
		frappe.clear_cache()


def reload(doc):
	return frappe.get_doc(doc.doctype, doc.name)


def listed(doctype, user, **filters):
	return set(as_user(user, frappe.get_list, doctype, filters=filters, pluck="name", limit_page_length=0))


class ReportingTestCase(SharedFixtureTestCase):
	"""The unit tree, users and topics above, made once per class."""

	@classmethod
	def make_fixture(cls):
		make_fixture()

	def assertRefused(self, run, *words, exception=frappe.ValidationError):
		with self.assertRaises(exception) as caught:
			run()
		for word in words:
			self.assertIn(word, str(caught.exception))
		return caught.exception
