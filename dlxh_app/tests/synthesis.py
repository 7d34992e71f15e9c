"""Two consecutive months of unit reports, counted by hand, for the synthesis and workspace tests.

Units owing both months (tests/reporting.py): the district, its ward, the sibling district and the
district dissolved on 30/6/2025.
- 04/2025: the district and the sibling accepted (topic: 2 items; other topic: 3).
- 05/2025: the district accepted, sent on the 10th (on time); the sibling accepted, sent on the 17th
  (3 days late); the ward sent on the 12th but not accepted yet; the dissolved district sent nothing.
  Accepted items: topic 4 (one of each trend), other topic 2 (negative, concerned).
The city's synthesis of a month is made with make_synthesis in a SynthesisTestCase."""

import frappe

from dlxh_app.tests.reporting import (
	CITY,
	CITY_OFFICER,
	LEADER,
	OFFICER,
	OTHER_TOPIC,
	SIBLING_LEADER,
	SIBLING_OFFICER,
	TOPIC,
	WARD_OFFICER,
	ReportingTestCase,
	at,
	insert_as,
	make_report,
)
from dlxh_app.tests.utils import act

# The default signer of the city's documents.
SIGNER = "Nguyễn Văn Tổng Hợp"

MAY_DISTRICT = {
	"concerned": "Người lao động lo mất việc sau khi sáp nhập phường.",
	"mixed": "Băn khoăn về nơi đặt trụ sở làm việc mới.",
	"negative": "Thủ tục hành chính còn chậm trong thời gian chuyển đổi.",
	"prices": "Giá điện tăng cao trong mùa nắng nóng.",
}
MAY_SIBLING = {
	"positive": "Đồng tình với việc tinh gọn bộ máy.",
	"prices": "Lo hóa đơn tiền điện tháng tới.",
}
MAY_WARD = "Ý kiến của phường chưa được tiếp nhận."


def row(topic, trend, level, content):
	return {"topic": topic, "trend": trend, "level_of_interest": level, "content": content}


def report(officer, leader, month, sent_on, items, accept=True):
	"""A monthly report of 2025 filled by `officer`, sent by `leader` at `sent_on` (day, hour) local time,
	and accepted by the city unless told otherwise."""
	doc = act(make_report(officer, period_month=month, items=items), (officer, "Send to Leader"))
	with at(2025, month, *sent_on):
		doc = act(doc, (leader, "Approve and Send"))
	if accept:
		doc = act(doc, (CITY_OFFICER, "Accept"))
	return frappe.get_doc(doc.doctype, doc.name)


def make_two_months():
	report(
		OFFICER,
		LEADER,
		4,
		(10, 9),
		[
			row(TOPIC, "Concerned", "High", "Lo lắng việc làm khi sắp xếp đơn vị hành chính."),
			row(OTHER_TOPIC, "Negative", "Medium", "Giá điện tăng."),
			row(OTHER_TOPIC, "Negative", "Low", "Hóa đơn tiền điện cao."),
		],
	)
	report(
		SIBLING_OFFICER,
		SIBLING_LEADER,
		4,
		(11, 9),
		[
			row(TOPIC, "Positive", "Medium", "Đồng tình chủ trương sắp xếp."),
			row(OTHER_TOPIC, "Mixed", "Low", "Ý kiến trái chiều về giá điện."),
		],
	)
	report(
		OFFICER,
		LEADER,
		5,
		(10, 9),
		[
			row(TOPIC, "Concerned", "High", MAY_DISTRICT["concerned"]),
			row(TOPIC, "Mixed", "Medium", MAY_DISTRICT["mixed"]),
			row(TOPIC, "Negative", "Low", MAY_DISTRICT["negative"]),
			row(OTHER_TOPIC, "Negative", "High", MAY_DISTRICT["prices"]),
		],
	)
	report(
		SIBLING_OFFICER,
		SIBLING_LEADER,
		5,
		(17, 10),
		[
			row(TOPIC, "Positive", "Low", MAY_SIBLING["positive"]),
			row(OTHER_TOPIC, "Concerned", "Medium", MAY_SIBLING["prices"]),
		],
	)
	return report(WARD_OFFICER, LEADER, 5, (12, 9), [row(TOPIC, "Negative", "High", MAY_WARD)], accept=False)


def make_synthesis(user=CITY_OFFICER, **values):
	return insert_as(
		user,
		{
			"doctype": "Opinion Synthesis",
			"period_year": 2025,
			"period_month": 5,
			"situation_summary": "<p>Ổn định.</p>",
		}
		| values,
	)


class SynthesisTestCase(ReportingTestCase):
	"""The city unit issues the syntheses, signed by SIGNER unless told otherwise."""

	@classmethod
	def make_fixture(cls):
		super().make_fixture()
		frappe.db.set_single_value("DLXH Settings", {"city_unit": CITY, "signer_name": SIGNER})
		frappe.clear_document_cache("DLXH Settings", "DLXH Settings")
		cls.addClassCleanup(frappe.clear_document_cache, "DLXH Settings", "DLXH Settings")
