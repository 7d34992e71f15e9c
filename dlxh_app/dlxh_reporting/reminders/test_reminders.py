# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

"""The reminder job run under frozen time through July 2025 (deadline 15/07, reminder days 10 and 13):
exactly the units that owe the report and have not sent it are reminded, the city hears once of the
missing reports after the deadline, and no run sends anything a previous run sent."""

from datetime import date

import frappe
from frappe.utils import cint

from dlxh_app.dlxh_reporting.reminders.jobs import UNIT_ROLES, Sender, send_due_reminders, users_with_roles
from dlxh_app.dlxh_reporting.rules.deadline import deadline_for
from dlxh_app.dlxh_reporting.rules.reminders import UNIT_REMINDER, Notice
from dlxh_app.tests.reporting import (
	CITY,
	CITY_OFFICER,
	COLLABORATING_OFFICER,
	COLLABORATOR,
	DISSOLVED,
	DISTRICT,
	LEADER,
	MANAGER,
	OFFICER,
	SIBLING,
	SIBLING_LEADER,
	SIBLING_OFFICER,
	WARD,
	WARD_OFFICER,
	ReportingTestCase,
	at,
	make_report,
	system_time_zone,
)
from dlxh_app.tests.utils import act, make_unit, make_user

ADMIN = "Administrator"
NON_REPORTING = "BC Ban Dân vận"
DISSOLVED_OFFICER = "bc.dissolved.officer@test.local"
NON_REPORTING_OFFICER = "bc.danvan.officer@test.local"
# Users of the units that have not sent July's report: the ward (a draft) and the sibling (nothing).
REMINDED = {WARD_OFFICER, SIBLING_OFFICER, SIBLING_LEADER}
CITY_USERS = {MANAGER, CITY_OFFICER}
EVERYONE = {
	*REMINDED,
	*CITY_USERS,
	OFFICER,
	LEADER,
	COLLABORATOR,
	COLLABORATING_OFFICER,
	DISSOLVED_OFFICER,
	NON_REPORTING_OFFICER,
}


class TestReminders(ReportingTestCase):
	@classmethod
	def make_fixture(cls):
		super().make_fixture()
		make_unit(NON_REPORTING, parent_dlxh_unit=CITY, unit_type="State Agency", abbreviation="BCDV")
		make_user(DISSOLVED_OFFICER, ["DLXH Unit Officer"], DISSOLVED)
		make_user(NON_REPORTING_OFFICER, ["DLXH Unit Officer"], NON_REPORTING)
		frappe.db.set_value("User", WARD_OFFICER, "language", "vi")

		with at(2025, 7, 1, 9, 0):
			sent = make_report(ADMIN, unit=DISTRICT, period_month=7)
			make_report(ADMIN, unit=WARD, period_month=7)
		with at(2025, 7, 8, 9, 0):
			act(sent, (ADMIN, "Send to Leader"), (ADMIN, "Approve and Send"))

	def setUp(self):
		super().setUp()
		settings = frappe.get_cached_doc("DLXH Settings")
		self.assertEqual(
			(cint(settings.report_deadline_day), settings.reminder_days, settings.time_zone),
			(15, "10,13", "Asia/Ho_Chi_Minh"),
		)
		# The cached outgoing account of an earlier test, rolled back since.
		self.addCleanup(setattr, frappe.local, "outgoing_email_account", {})
		frappe.local.outgoing_email_account = {}

	def run_job(self, *local_time):
		"""Run the job at this local time; return the in-app notices it made (name, user, subject, content)."""
		before = set(self.notices())
		with at(*local_time):
			send_due_reminders()
		return sorted(set(self.notices()) - before)

	def notices(self):
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": ["in", list(EVERYONE)]},
			fields=["name", "for_user", "subject", "email_content"],
			as_list=True,
		)

	def assertNotified(self, notices, users):
		self.assertEqual(sorted(notice[1] for notice in notices), sorted(users))

	def test_scheduled_hourly(self):
		method = f"{send_due_reminders.__module__}.{send_due_reminders.__name__}"
		self.assertEqual(frappe.db.get_value("Scheduled Job Type", {"method": method}, "frequency"), "Hourly")

	def test_reminder_days_reach_exactly_the_units_that_have_not_sent(self):
		notices = self.run_job(2025, 7, 10, 9, 0)
		self.assertNotified(notices, REMINDED)
		content = {notice[1]: notice[3] for notice in notices}
		self.assertIn(SIBLING, content[SIBLING_OFFICER])
		self.assertIn(WARD, content[WARD_OFFICER])
		logs = frappe.get_all(
			"DLXH Reminder Log",
			filters={"period_year": 2025, "period_month": 7},
			fields=["kind", "unit", "reminder_date", "recipients"],
		)
		self.assertEqual(
			{(log.kind, log.unit, str(log.reminder_date), log.recipients) for log in logs},
			{
				("Unit Reminder", WARD, "2025-07-10", WARD_OFFICER),
				(
					"Unit Reminder",
					SIBLING,
					"2025-07-10",
					"\n".join(sorted([SIBLING_LEADER, SIBLING_OFFICER])),
				),
			},
		)

		# Later the same day, and on a day that is no reminder day: nothing.
		self.assertEqual(self.run_job(2025, 7, 10, 16, 0), [])
		self.assertEqual(self.run_job(2025, 7, 11, 9, 0), [])
		# The second reminder day reminds them again, once.
		self.assertNotified(self.run_job(2025, 7, 13, 8, 0), REMINDED)
		self.assertEqual(self.run_job(2025, 7, 13, 20, 0), [])

	def test_two_runs_at_once_send_once(self):
		# Both found nothing sent yet; the database lets only the first record it.
		notice = Notice(UNIT_REMINDER, 2025, 7, date(2025, 7, 10))
		deadline = deadline_for(2025, 7, 15, "Asia/Ho_Chi_Minh")
		users = users_with_roles(UNIT_ROLES, [WARD])
		failures = frappe.db.count("Error Log", {"method": ["like", "DLXH reminder %not sent"]})
		with at(2025, 7, 10, 9, 0):
			Sender(notice, deadline).send(WARD, users)
			Sender(notice, deadline).send(WARD, users)
		self.assertEqual([notice[1] for notice in self.notices()], [WARD_OFFICER])
		# Refused as a duplicate, not failed.
		self.assertEqual(
			frappe.db.count("Error Log", {"method": ["like", "DLXH reminder %not sent"]}), failures
		)

	def test_each_recipient_reads_their_language(self):
		subjects = {notice[1]: notice[2] for notice in self.run_job(2025, 7, 10, 9, 0)}
		self.assertEqual(
			subjects[WARD_OFFICER], "Nhắc gửi báo cáo: báo cáo dư luận xã hội tháng 07/2025 chưa được gửi"
		)
		self.assertEqual(
			subjects[SIBLING_OFFICER], "Reminder: the monthly opinion report of 07/2025 has not been sent"
		)

	def test_reminder_day_of_the_local_calendar_on_a_server_in_utc(self):
		with system_time_zone("UTC"):
			# 00:30 on the 10th in Vietnam is 17:30 on the 9th in UTC.
			self.assertNotified(self.run_job(2025, 7, 10, 0, 30), REMINDED)
			self.assertEqual(self.run_job(2025, 7, 9, 23, 30), [])

	def test_the_city_hears_once_of_the_missing_reports_after_the_deadline(self):
		self.assertEqual(self.run_job(2025, 7, 14, 23, 59), [])
		notices = self.run_job(2025, 7, 15, 0, 30)
		self.assertNotified(notices, CITY_USERS)
		for _name, _user, subject, content in notices:
			self.assertEqual(subject, "Monthly opinion reports of 07/2025 not received: 2 units")
			self.assertIn(f"{WARD}: Missing", content)
			self.assertIn(f"{SIBLING}: Missing", content)
			self.assertNotIn(DISTRICT, content)
			self.assertNotIn(DISSOLVED, content)
		self.assertEqual(self.run_job(2025, 7, 15, 10, 0), [])
		self.assertEqual(self.run_job(2025, 7, 20, 9, 0), [])

	def test_email_to_the_same_recipients_when_the_site_can_send(self):
		errors = noted_in_app_only()
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "DLXH Test Outgoing",
				"email_id": "dlxh.outgoing@test.local",
				"smtp_server": "smtp.test.local",
				"no_smtp_authentication": 1,
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"enable_incoming": 0,
			}
		).insert(ignore_permissions=True)
		self.run_job(2025, 7, 10, 9, 0)
		self.assertEqual(self.emailed(), sorted(REMINDED))
		self.run_job(2025, 7, 10, 16, 0)
		self.assertEqual(self.emailed(), sorted(REMINDED))
		self.run_job(2025, 7, 15, 0, 30)
		self.assertEqual(self.emailed(), sorted(REMINDED | CITY_USERS))
		self.assertEqual(noted_in_app_only(), errors)

	def test_in_app_only_without_an_outgoing_email_account(self):
		errors = noted_in_app_only()
		self.assertNotified(self.run_job(2025, 7, 10, 9, 0), REMINDED)
		self.assertEqual(self.emailed(), [])
		self.assertEqual(noted_in_app_only(), errors + 1)
		self.assertEqual(self.run_job(2025, 7, 10, 16, 0), [])
		self.assertEqual(noted_in_app_only(), errors + 1)

	def emailed(self):
		queue = frappe.qb.DocType("Email Queue")
		recipient = frappe.qb.DocType("Email Queue Recipient")
		return sorted(
			frappe.qb.from_(queue)
			.join(recipient)
			.on(recipient.parent == queue.name)
			.select(recipient.recipient)
			.where(queue.reference_doctype == "DLXH Reminder Log")
			.where(recipient.recipient.isin(list(EVERYONE)))
			.run(pluck=True)
		)


def noted_in_app_only() -> int:
	# Counted, not looked for: Error Log outlives rollbacks on MariaDB (MyISAM), as upstream.
	return frappe.db.count("Error Log", {"method": "DLXH reminders sent in the app only"})
