# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from datetime import datetime, timedelta

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.utils import get_datetime, get_datetime_in_timezone

from dlxh_app.tests.reporting import (
	CITY_OFFICER,
	COLLABORATOR,
	DISSOLVED,
	DISTRICT,
	LEADER,
	MANAGER,
	OFFICE,
	OFFICER,
	OTHER_TOPIC,
	SIBLING,
	SIBLING_OFFICER,
	TOPIC,
	WARD,
	WARD_OFFICER,
	ReportingTestCase,
	as_user,
	at,
	listed,
	make_entry,
	make_report,
	reload,
	system_time_zone,
)
from dlxh_app.tests.utils import act, in_language


class TestReportWorkflow(ReportingTestCase):
	def pending(self, **values):
		return act(make_report(**values), (OFFICER, "Send to Leader"))

	def sent(self, **values):
		return act(self.pending(**values), (LEADER, "Approve and Send"))

	def test_officer_fills_leader_sends_city_accepts(self):
		make_entry(COLLABORATOR, entry_date="2025-05-02", verification_status="Verified")
		report = make_report(items=[])
		self.assertEqual((report.unit, report.workflow_state), (DISTRICT, "Draft"))
		self.assertEqual(as_user(OFFICER, report.pull_entries), 1)
		self.assertEqual(report.items[0].topic, TOPIC)

		report = act(report, (OFFICER, "Send to Leader"))
		self.assertRefused(
			lambda: act(report, (OFFICER, "Approve and Send")), exception=WorkflowTransitionError
		)
		with at(2025, 5, 10, 9, 30):
			report = act(report, (LEADER, "Approve and Send"))
		report = reload(report)
		self.assertEqual(report.workflow_state, "Sent to City")
		self.assertEqual(get_datetime(report.sent_on), datetime(2025, 5, 10, 9, 30))
		self.assertEqual(get_datetime(report.deadline), datetime(2025, 5, 15))
		self.assertEqual((report.is_late, report.days_late), (0, 0))

		# Only the city receives it.
		self.assertRefused(lambda: act(report, (LEADER, "Accept")), exception=WorkflowTransitionError)
		report = reload(act(report, (CITY_OFFICER, "Accept")))
		self.assertEqual((report.docstatus, report.workflow_state), (1, "Accepted"))
		self.assertTrue(report.accepted_on)

		report.forecast = "<p>Sửa sau khi đã tiếp nhận</p>"
		self.assertRefused(
			lambda: as_user(CITY_OFFICER, report.save), exception=frappe.UpdateAfterSubmitError
		)
		report = reload(report)
		report.items[0].content = "Sửa nội dung"
		# The unit may not touch an accepted report at all.
		self.assertRefused(lambda: as_user(OFFICER, report.save), exception=frappe.PermissionError)

	def test_on_time_until_the_last_minute_before_the_deadline_day_in_local_time(self):
		# (month, local send time) -> (late, days late); the deadline is 00:00 on the 15th.
		cases = {
			(1, (2025, 1, 14, 23, 59)): (0, 0),
			(2, (2025, 2, 15, 0, 0)): (1, 1),
			(3, (2025, 3, 15, 0, 1)): (1, 1),
			(4, (2025, 4, 16, 8, 0)): (1, 2),
		}
		for (month, sent), expected in cases.items():
			with self.subTest(sent=sent):
				report = self.pending(period_month=month)
				with at(*sent):
					act(report, (LEADER, "Approve and Send"))
				report = reload(report)
				self.assertEqual((report.is_late, report.days_late), expected)
				self.assertEqual(get_datetime(report.sent_on), datetime(*sent))
				self.assertEqual(get_datetime(report.deadline), datetime(2025, month, 15))

	def test_deadline_on_a_server_keeping_time_in_utc(self):
		with system_time_zone("UTC"):
			cases = {1: ((2025, 1, 14, 23, 59), (0, 0)), 2: ((2025, 2, 15, 0, 0), (1, 1))}
			for month, (local, expected) in cases.items():
				with self.subTest(local=local):
					report = self.pending(period_month=month)
					with at(*local):
						act(report, (LEADER, "Approve and Send"))
					report = reload(report)
					self.assertEqual((report.is_late, report.days_late), expected)
					# Stored in UTC: 23:59 local on the 14th is 16:59 UTC, the deadline 17:00 UTC.
					self.assertEqual(get_datetime(report.sent_on), datetime(*local) - timedelta(hours=7))
					self.assertEqual(get_datetime(report.deadline), datetime(2025, month, 14, 17, 0))

	def test_deadline_day_comes_from_the_settings(self):
		frappe.db.set_single_value("DLXH Settings", "report_deadline_day", 10)
		frappe.clear_document_cache("DLXH Settings", "DLXH Settings")
		self.addCleanup(frappe.clear_document_cache, "DLXH Settings", "DLXH Settings")
		report = self.pending()
		with at(2025, 5, 10, 0, 0):
			act(report, (LEADER, "Approve and Send"))
		report = reload(report)
		self.assertEqual(get_datetime(report.deadline), datetime(2025, 5, 10))
		self.assertEqual((report.is_late, report.days_late), (1, 1))

	def test_nobody_approves_their_own_report(self):
		report = act(make_report(LEADER), (LEADER, "Send to Leader"))
		self.assertRefused(lambda: act(report, (LEADER, "Approve and Send")), "Self approval")
		self.assertEqual(reload(report).workflow_state, "Pending Leader Approval")

	def test_sending_to_the_city_needs_the_leader(self):
		report = make_report()
		for user in (OFFICER, LEADER):
			with self.subTest(user=user):
				doc = reload(report)
				doc.workflow_state = "Sent to City"
				self.assertRefused(lambda: as_user(user, doc.save), exception=WorkflowPermissionError)
		self.assertRefused(
			lambda: act(report, (LEADER, "Approve and Send")), exception=WorkflowTransitionError
		)
		self.assertEqual(reload(report).workflow_state, "Draft")

	def test_city_returns_with_a_reason_and_the_unit_sends_again(self):
		report = self.sent()
		first_sent_on = reload(report).sent_on
		self.assertRefused(lambda: act(report, (CITY_OFFICER, "Return")), "Return Reason")
		as_user(CITY_OFFICER, reload(report).return_for_revision, "  Bổ sung dư luận về giá điện  ")

		returned = reload(report)
		self.assertEqual(returned.workflow_state, "Returned")
		self.assertEqual(returned.return_reason, "Bổ sung dư luận về giá điện")
		self.assertEqual(returned.situation_summary, "<p>Tình hình tư tưởng trong đơn vị ổn định.</p>")
		self.assertEqual(len(returned.items), 1)
		comments = frappe.get_all(
			"Comment", {"reference_doctype": "Opinion Report", "reference_name": report.name}, pluck="content"
		)
		self.assertTrue(any("Bổ sung dư luận về giá điện" in comment for comment in comments))

		returned.append(
			"items", {"topic": OTHER_TOPIC, "trend": "Negative", "content": "Lo ngại giá điện tăng."}
		)
		as_user(OFFICER, returned.save)
		report = act(returned, (OFFICER, "Send to Leader"))
		# The reason stays in the timeline; a later return needs its own.
		self.assertEqual(reload(report).return_reason, "")
		self.assertRefused(lambda: act(report, (LEADER, "Return")), "Return Reason")
		with at(2025, 5, 20, 8, 0):
			report = act(report, (LEADER, "Approve and Send"))
		report = reload(report)
		self.assertEqual(report.workflow_state, "Sent to City")
		self.assertNotEqual(report.sent_on, first_sent_on)
		self.assertEqual((report.is_late, report.days_late), (1, 6))
		report = reload(act(report, (MANAGER, "Accept")))
		self.assertEqual((report.docstatus, len(report.items)), (1, 2))

	def test_leader_sends_it_as_the_units_numbered_document(self):
		report = reload(make_report())
		self.assertEqual(report.place_name, "Ninh Kiều")
		self.assertEqual(
			report.recipients, "- Ban Tuyên giáo Thành ủy (qua Phòng Thông tin - Tổng hợp);\n- Lưu: VT."
		)
		self.assertFalse(report.document_reference)
		report = act(report, (OFFICER, "Send to Leader"))
		# The leader settles the signer while approving; the content stays frozen.
		report = reload(report)
		report.signer_name = ""
		as_user(LEADER, report.save)
		with at(2025, 5, 10, 9, 0):
			self.assertRefused(lambda: act(report, (LEADER, "Approve and Send")), "Signer Name")
			self.assertEqual(reload(report).workflow_state, "Pending Leader Approval")
			report = reload(report)
			report.signer_name = "Lê Văn Ký"
			as_user(LEADER, report.save)
			report = reload(act(report, (LEADER, "Approve and Send")))
		self.assertEqual(report.document_reference, "01-BC/BTGQU")
		self.assertEqual((report.document_number, str(report.document_date)), (1, "2025-05-10"))
		self.assertTrue(report.party_term)
		# Sent, it is what the city received: the signer is settled too.
		report.signer_name = "Người khác"
		self.assertRefused(lambda: as_user(CITY_OFFICER, report.save), "Signer Name")

		# Returned and sent again, it keeps its number; the unit's next report takes the next one.
		as_user(CITY_OFFICER, reload(report).return_for_revision, "Bổ sung số liệu")
		report = act(report, (OFFICER, "Send to Leader"))
		with at(2025, 5, 12, 9, 0):
			report = reload(act(report, (LEADER, "Approve and Send")))
		self.assertEqual(report.document_reference, "01-BC/BTGQU")
		self.assertEqual(self.sent(period_month=4).document_reference, "02-BC/BTGQU")

	def test_unit_signs_with_its_default_signer(self):
		frappe.db.set_value(
			"DLXH Unit",
			DISTRICT,
			{
				"signing_authority": "K/T TRƯỞNG BAN",
				"signer_title": "PHÓ TRƯỞNG BAN",
				"signer_name": "Võ Thanh Tùng",
			},
		)
		report = make_report(signing_authority="", signer_title="", signer_name="")
		self.assertEqual(
			(report.signing_authority, report.signer_title, report.signer_name),
			("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Võ Thanh Tùng"),
		)
		# A signer written on the report is kept.
		self.assertEqual(make_report(WARD_OFFICER).signer_name, "Lê Văn Ký")
		with at(2025, 5, 10, 9, 0):
			report = reload(act(report, (OFFICER, "Send to Leader"), (LEADER, "Approve and Send")))
		self.assertEqual((report.workflow_state, report.document_reference), ("Sent to City", "01-BC/BTGQU"))

	def test_leader_returns_to_the_officer(self):
		report = self.pending()
		as_user(LEADER, reload(report).return_for_revision, "Viết lại phần dự báo")
		self.assertEqual(reload(report).workflow_state, "Returned")
		self.assertRefused(lambda: act(report, (CITY_OFFICER, "Accept")), exception=WorkflowTransitionError)

	def test_content_is_frozen_while_under_review(self):
		report = reload(self.pending())
		report.situation_summary = "<p>Sửa khi đang chờ duyệt</p>"
		self.assertRefused(lambda: as_user(LEADER, report.save), "Situation Summary")
		report = reload(report)
		report.items[0].content = "Sửa nội dung"
		self.assertRefused(lambda: as_user(LEADER, report.save), "Opinion Items")

		report = reload(act(report, (LEADER, "Approve and Send")))
		report.forecast = "<p>Sửa khi đã gửi</p>"
		self.assertRefused(lambda: as_user(CITY_OFFICER, report.save), "Forecast")
		# The reviewer's reason may be written before returning.
		report = reload(report)
		report.return_reason = "Thiếu số liệu"
		as_user(CITY_OFFICER, report.save)

	def test_only_a_draft_can_be_deleted(self):
		entry = make_entry(OFFICER)
		draft = make_report(items=[])
		as_user(OFFICER, draft.pull_entries)
		as_user(OFFICER, frappe.delete_doc, "Opinion Report", draft.name)
		self.assertIsNone(frappe.db.get_value("Opinion Entry", entry.name, "used_in_report"))

		sent = self.sent(period_month=4)
		self.assertRefused(
			lambda: as_user(OFFICER, frappe.delete_doc, "Opinion Report", sent.name), "kept on record"
		)


class TestReportBadInput(ReportingTestCase):
	def test_one_monthly_report_per_unit_and_period(self):
		first = make_report()
		self.assertRefused(make_report, "Month", DISTRICT, "05/2025", first.name)
		self.assertRefused(lambda: make_report(LEADER), "Month", DISTRICT)
		make_report(period_month=4)
		make_report(WARD_OFFICER)
		# Changing the period of another report onto a taken one is refused too.
		other = reload(make_report(period_month=3))
		other.period_month = 5
		self.assertRefused(lambda: as_user(OFFICER, other.save), "Month", "05/2025")

	def test_future_period(self):
		now = get_datetime_in_timezone("Asia/Ho_Chi_Minh")
		year, month = (now.year, now.month + 1) if now.month < 12 else (now.year + 1, 1)
		self.assertRefused(lambda: make_report(period_year=year, period_month=month), "Month", "future")
		self.assertRefused(lambda: make_report(period_month=13), "Month")
		current = make_report(period_year=now.year, period_month=now.month)
		self.assertEqual(current.period_month, now.month)

	def test_period_defaults_to_the_current_month(self):
		with at(2025, 7, 3, 10, 0):
			report = make_report(period_year=None, period_month=None)
		self.assertEqual((report.period_year, report.period_month), (2025, 7))
		# Named by that period too.
		self.assertTrue(report.name.startswith("BCDL-2025-"), report.name)

	def test_unit_must_report_and_exist_in_the_period(self):
		self.assertRefused(lambda: make_report("Administrator", unit=OFFICE), "Unit", "not a reporting unit")
		make_report("Administrator", unit=DISSOLVED, period_month=6)
		self.assertRefused(
			lambda: make_report("Administrator", unit=DISSOLVED, period_month=7), "Unit", "07/2025"
		)
		# A month, not a year: "tháng 07/2025".
		with in_language("vi"):
			self.assertRefused(
				lambda: make_report("Administrator", unit=DISSOLVED, period_month=7),
				"không tồn tại trong tháng 07/2025.",
			)

	def test_ad_hoc_report_needs_a_request_addressed_to_the_unit(self):
		self.assertRefused(lambda: make_report(report_type="Ad hoc"), "Report Request")

	def test_unit_cannot_report_for_a_unit_outside_its_reach(self):
		self.assertRefused(lambda: make_report(unit=SIBLING), exception=frappe.PermissionError)
		self.assertEqual(make_report(WARD_OFFICER).unit, WARD)


class TestPullEntries(ReportingTestCase):
	def test_takes_exactly_the_units_unused_founded_entries_of_the_period(self):
		wanted = {
			make_entry(COLLABORATOR, entry_date="2025-04-15").name,  # the first day of May's window
			make_entry(OFFICER, entry_date="2025-05-14", verification_status="Verified").name,  # the last
			make_entry(OFFICER, entry_date="2025-05-01", topic=OTHER_TOPIC).name,
		}
		make_entry(COLLABORATOR, entry_date="2025-04-14")  # April's report
		make_entry(COLLABORATOR, entry_date="2025-05-15")  # June's report
		make_entry(OFFICER, entry_date="2025-05-02", verification_status="Unfounded")
		make_entry(WARD_OFFICER, entry_date="2025-05-02")  # the ward reports it itself
		make_entry(SIBLING_OFFICER, entry_date="2025-05-02")
		used = make_entry(OFFICER, entry_date="2025-04-10")
		april = make_report(items=[], period_month=4)
		as_user(OFFICER, april.pull_entries)
		self.assertEqual(frappe.db.get_value("Opinion Entry", used.name, "used_in_report"), april.name)

		report = make_report(items=[])
		self.assertEqual(as_user(OFFICER, report.pull_entries), 3)
		report = reload(report)
		self.assertEqual({row.opinion_entry for row in report.items}, wanted)
		self.assertEqual(
			set(frappe.get_all("Opinion Entry", {"used_in_report": report.name}, pluck="name")), wanted
		)
		first = next(row for row in report.items if row.opinion_entry in wanted and row.topic == TOPIC)
		self.assertEqual(
			(first.trend, first.level_of_interest, first.area, first.source, first.social_strata),
			("Concerned", "High", "Phường An Hòa", "Collaborator", "Workers"),
		)
		self.assertEqual(first.content, "Người lao động lo lắng về việc làm sau khi sáp nhập phường.")
		# Pulling again adds nothing.
		self.assertEqual(as_user(OFFICER, report.pull_entries), 0)

		# Removing an item gives its entry back to the next report.
		removed = report.items.pop(0)
		as_user(OFFICER, report.save)
		self.assertIsNone(frappe.db.get_value("Opinion Entry", removed.opinion_entry, "used_in_report"))

	def test_entries_of_another_unit_or_report_cannot_be_added_by_hand(self):
		sibling_entry = make_entry(SIBLING_OFFICER)
		unfounded = make_entry(OFFICER, verification_status="Unfounded")
		used = make_entry(OFFICER, entry_date="2025-04-10")
		april = make_report(items=[], period_month=4)
		as_user(OFFICER, april.pull_entries)
		for entry, words in (
			# The sibling's entry is not the unit's to read: neither it nor its unit is named.
			(sibling_entry, ("another unit", "row 1")),
			(unfounded, ("unfounded",)),
			(used, (april.name,)),
		):
			with self.subTest(entry=entry.name):
				self.assertRefused(
					lambda: make_report(
						items=[{"topic": TOPIC, "content": "x", "opinion_entry": entry.name}]
					),
					"Opinion Entry",
					*words,
				)


class TestReportAccess(ReportingTestCase):
	def test_units_see_their_own_reports_and_those_below(self):
		reports = {
			"district": make_report().name,
			"ward": make_report(WARD_OFFICER).name,
			"sibling": make_report(SIBLING_OFFICER).name,
		}
		key_of = {name: key for key, name in reports.items()}
		expected = {
			OFFICER: {"district", "ward"},
			LEADER: {"district", "ward"},
			WARD_OFFICER: {"ward"},
			SIBLING_OFFICER: {"sibling"},
			CITY_OFFICER: set(reports),
			MANAGER: set(reports),
		}
		for user, keys in expected.items():
			with self.subTest(user=user):
				self.assertEqual(
					{key_of[name] for name in listed("Opinion Report", user) if name in key_of}, keys
				)
				for key, name in reports.items():
					doc = frappe.get_doc("Opinion Report", name)
					self.assertEqual(
						bool(frappe.has_permission("Opinion Report", "read", doc=doc, user=user)), key in keys
					)
		self.assertRefused(lambda: listed("Opinion Report", COLLABORATOR), exception=frappe.PermissionError)

		doc = frappe.get_doc("Opinion Report", reports["district"])
		doc.forecast = "<p>Sửa bởi đơn vị khác</p>"
		self.assertRefused(lambda: as_user(SIBLING_OFFICER, doc.save), exception=frappe.PermissionError)
		doc.unit = SIBLING
		self.assertRefused(lambda: as_user(SIBLING_OFFICER, doc.save), exception=frappe.PermissionError)
