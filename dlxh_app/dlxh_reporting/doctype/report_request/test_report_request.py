# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from datetime import datetime

import frappe
from frappe.model.workflow import WorkflowTransitionError
from frappe.utils import get_datetime

from dlxh_app.tests.reporting import (
	CITY,
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
	SIBLING_LEADER,
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
	make_request,
	reload,
)
from dlxh_app.tests.utils import act


class RequestTestCase(ReportingTestCase):
	def issued(self, **values):
		"""A request issued on 5/5/2025 with its deadline on 20/5/2025, 17:00."""
		with at(2025, 5, 5, 9, 0):
			return reload(act(make_request(**values), (CITY_OFFICER, "Issue")))

	def answer(self, request, user=OFFICER, **values):
		return make_report(user, report_type="Ad hoc", report_request=request.name, **values)

	def send(self, report, *local_time):
		officer, leader = {DISTRICT: (OFFICER, LEADER), SIBLING: (SIBLING_OFFICER, SIBLING_LEADER)}[
			report.unit
		]
		report = act(report, (officer, "Send to Leader"))
		with at(*local_time):
			return reload(act(report, (leader, "Approve and Send")))


class TestReportRequest(RequestTestCase):
	def test_issued_as_a_numbered_official_letter(self):
		request = self.issued()
		self.assertEqual((request.docstatus, request.workflow_state), (1, "Issued"))
		self.assertEqual(request.document_reference, "01-CV/BCTU")
		self.assertEqual(str(request.document_date), "2025-05-05")
		self.assertEqual(self.issued(subject="Dư luận về giá điện").document_reference, "02-CV/BCTU")
		request = reload(act(request, (MANAGER, "Close")))
		self.assertEqual((request.docstatus, request.workflow_state), (1, "Closed"))

	def test_issued_with_the_place_and_a_signer(self):
		with at(2025, 5, 5, 9, 0):
			draft = reload(make_request())
			self.assertEqual(draft.place_name, "Cần Thơ")
			self.assertEqual(draft.recipients, "- Như trên;\n- Lưu: VT.")
			draft.signer_name = " "
			as_user(CITY_OFFICER, draft.save)
			self.assertRefused(lambda: act(draft, (CITY_OFFICER, "Issue")), "Signer Name")
		self.assertFalse(frappe.db.exists("DLXH Document Counter", {"issuing_unit": CITY}))

	def test_deadline_must_be_in_the_future(self):
		self.assertRefused(lambda: make_request(deadline="2020-01-01 17:00:00"), "Deadline", "future")
		# A draft whose deadline passed before it was issued is refused too.
		with at(2025, 5, 5, 9, 0):
			draft = make_request()
		with at(2025, 5, 21, 9, 0):
			self.assertRefused(lambda: act(draft, (CITY_OFFICER, "Issue")), "Deadline")
		self.assertEqual(frappe.db.get_value("Report Request", draft.name, "docstatus"), 0)
		self.assertFalse(frappe.db.exists("DLXH Document Counter", {"issuing_unit": CITY}))

	def test_addressed_units(self):
		with at(2025, 5, 5, 9, 0):
			self.assertRefused(lambda: make_request(units=[]), "Units", "All Reporting Units")
			for units, words in (
				([DISTRICT, OFFICE], ("row 2", OFFICE, "not a reporting unit")),
				([DISTRICT, DISTRICT], ("row 2", "twice")),
			):
				with self.subTest(units=units):
					self.assertRefused(
						lambda: make_request(units=[{"unit": unit} for unit in units]), "Unit", *words
					)
			self.assertRefused(
				lambda: make_request(issuing_unit=DISTRICT, units=[{"unit": SIBLING}]), SIBLING, DISTRICT
			)
		request = self.issued(all_reporting_units=1)
		self.assertEqual(request.units, [])
		# Every reporting unit below the city that existed when it was issued.
		self.assertEqual(request.addressed_units(), [DISTRICT, WARD, SIBLING, DISSOLVED])
		with at(2025, 7, 5, 9, 0):
			self.assertRefused(
				lambda: make_request(deadline="2025-07-20 17:00:00", units=[{"unit": DISSOLVED}]),
				"Unit",
				"row 1",
				DISSOLVED,
				"no longer exists",
			)
			july = act(
				make_request(deadline="2025-07-20 17:00:00", all_reporting_units=1), (MANAGER, "Issue")
			)
		self.assertEqual(reload(july).addressed_units(), [DISTRICT, WARD, SIBLING])

	def test_issuing_unit_defaults_to_the_city(self):
		settings = frappe.get_single("DLXH Settings")
		settings.city_unit = CITY
		settings.save()
		self.addCleanup(frappe.clear_document_cache, "DLXH Settings", "DLXH Settings")
		with at(2025, 5, 5, 9, 0):
			self.assertEqual(make_request(issuing_unit=None).issuing_unit, CITY)

	def test_units_below_read_issued_requests_only(self):
		with at(2025, 5, 5, 9, 0):
			draft = make_request(subject="Dự thảo")
		issued = self.issued()
		for user in (OFFICER, LEADER, WARD_OFFICER, SIBLING_OFFICER):
			with self.subTest(user=user):
				self.assertEqual(listed("Report Request", user, issuing_unit=CITY), {issued.name})
				self.assertTrue(frappe.has_permission("Report Request", "read", doc=issued, user=user))
				self.assertFalse(frappe.has_permission("Report Request", "write", doc=issued, user=user))
				self.assertFalse(frappe.has_permission("Report Request", "read", doc=draft, user=user))
		self.assertEqual(listed("Report Request", MANAGER, issuing_unit=CITY), {draft.name, issued.name})
		self.assertRefused(lambda: make_request(OFFICER), exception=frappe.PermissionError)
		self.assertRefused(lambda: act(draft, (OFFICER, "Issue")), exception=frappe.PermissionError)
		self.assertRefused(lambda: listed("Report Request", COLLABORATOR), exception=frappe.PermissionError)


class TestAdHocReport(RequestTestCase):
	def test_units_answer_and_the_request_shows_who_did(self):
		request = self.issued()
		district = self.send(self.answer(request), 2025, 5, 20, 16, 0)
		self.assertEqual(get_datetime(district.deadline), datetime(2025, 5, 20, 17, 0))
		self.assertEqual((district.is_late, district.days_late), (0, 0))
		self.answer(request, SIBLING_OFFICER)  # a draft is no answer yet

		responses = {row["unit"]: row for row in as_user(CITY_OFFICER, request.get_responses)}
		self.assertEqual(list(responses), [DISTRICT, SIBLING])
		self.assertEqual(
			{unit: (row["answered"], row["status"]) for unit, row in responses.items()},
			{DISTRICT: (True, "Sent to City"), SIBLING: (False, "Draft")},
		)
		self.assertEqual(responses[DISTRICT]["report"], district.name)

		# Accepted is answered too; a returned report is not, until it is sent again.
		act(district, (CITY_OFFICER, "Accept"))
		sibling_report = frappe.get_last_doc("Opinion Report", {"unit": SIBLING})
		sibling_report = self.send(sibling_report, 2025, 5, 21, 8, 0)
		self.assertEqual((sibling_report.is_late, sibling_report.days_late), (1, 1))
		as_user(CITY_OFFICER, sibling_report.return_for_revision, "Chưa đúng chủ đề")
		answered = {row["unit"]: row["answered"] for row in as_user(MANAGER, request.get_responses)}
		self.assertEqual(answered, {DISTRICT: True, SIBLING: False})

		# A unit sees only its own line.
		self.assertEqual([row["unit"] for row in as_user(OFFICER, request.get_responses)], [DISTRICT])
		self.assertEqual(as_user(WARD_OFFICER, request.get_responses), [])

	def test_request_addressed_to_all_reporting_units(self):
		request = self.issued(all_reporting_units=1)
		self.send(self.answer(request), 2025, 5, 10, 8, 0)
		responses = {row["unit"]: row["answered"] for row in as_user(CITY_OFFICER, request.get_responses)}
		self.assertEqual(responses, {DISTRICT: True, WARD: False, SIBLING: False, DISSOLVED: False})

	def test_only_addressed_units_answer_once_an_open_issued_request(self):
		request = self.issued()
		self.assertRefused(
			lambda: self.answer(request, WARD_OFFICER), "Report Request", "not addressed", WARD
		)
		first = self.answer(request)
		self.assertRefused(lambda: self.answer(request), "Report Request", first.name)
		# An ad hoc report does not take the place of the monthly one.
		make_report(period_month=5)

		with at(2025, 5, 5, 9, 0):
			draft = make_request(subject="Chưa ban hành")
		# A draft is not addressed to the units yet: they may not read it, and are not told more.
		self.assertRefused(lambda: self.answer(draft), "Report Request", "another unit")
		act(request, (CITY_OFFICER, "Close"))
		self.assertRefused(lambda: self.answer(request, SIBLING_OFFICER), "Report Request", "closed")

	def test_pull_takes_the_units_unused_entries_on_the_requests_topic(self):
		request = self.issued()
		on_topic = make_entry(COLLABORATOR, entry_date="2025-01-10", topic=TOPIC)
		make_entry(COLLABORATOR, topic=OTHER_TOPIC)
		make_entry(SIBLING_OFFICER, topic=TOPIC)
		report = self.answer(request, items=[])
		self.assertEqual(as_user(OFFICER, report.pull_entries), 1)
		self.assertEqual([row.opinion_entry for row in reload(report).items], [on_topic.name])

	def test_closing_needs_the_city(self):
		request = self.issued()
		self.assertRefused(lambda: act(request, (LEADER, "Close")), exception=WorkflowTransitionError)
