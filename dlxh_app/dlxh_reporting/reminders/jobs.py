"""Reminders of the monthly report: on the reminder days, to the users of each reporting unit that owes the
month's report and has not sent it; from the deadline on, once per period, to the city's users, listing
the reports still missing. In the app (Notification Log) and by email, in each recipient's language.

Scheduled hourly (hooks.py). Each run sends only what is due now and not sent yet: every notice sent is
recorded as a DLXH Reminder Log named by what it is (kind, unit, period, reminder day), so that running
twice, or in two workers at once, sends nothing twice."""

from collections import defaultdict
from datetime import datetime

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.utils import cint, escape_html, format_date, get_url_to_list

from dlxh_app.dlxh_reporting.compliance import get_matrix, status_label
from dlxh_app.dlxh_reporting.doctype.opinion_report.opinion_report import local_now
from dlxh_app.dlxh_reporting.rules.compliance import Compliance
from dlxh_app.dlxh_reporting.rules.deadline import deadline_for
from dlxh_app.dlxh_reporting.rules.period import format_period
from dlxh_app.dlxh_reporting.rules.reminders import UNIT_REMINDER, Notice, due_notice
from dlxh_app.dlxh_setup.rules.report_schedule import parse_reminder_days

UNIT_ROLES = ("DLXH Unit Officer", "DLXH Unit Leader")
CITY_ROLES = ("DLXH City Officer", "DLXH Manager")
# The city does not have the report yet: the unit is still writing it, or was asked to revise it.
NOT_SENT = frozenset({Compliance.NOT_YET_DUE, Compliance.MISSING, Compliance.RETURNED})
SAVEPOINT = "dlxh_reminder"


def send_due_reminders():
	"""The scheduled job."""
	settings = frappe.get_cached_doc("DLXH Settings")
	now = local_now()
	deadline_day = cint(settings.report_deadline_day)
	deadline = deadline_for(now.year, now.month, deadline_day, settings.time_zone)
	notice = due_notice(now, parse_reminder_days(settings.reminder_days, deadline_day), deadline)
	if not notice:
		return
	if notice.kind != UNIT_REMINDER and frappe.db.exists("DLXH Reminder Log", notice.key()):
		# Most hours after the deadline: the city has been told already.
		return

	period = (notice.year, notice.month)
	matrix = get_matrix([period], user="Administrator", now=now)
	not_sent = {
		unit: cell for unit in matrix.units if (cell := matrix.cells[unit, period]).status in NOT_SENT
	}
	if not not_sent:
		return
	sender = Sender(notice, deadline)
	if notice.kind == UNIT_REMINDER:
		remind_units(sender, list(not_sent))
	elif city_users := users_with_roles(CITY_ROLES):
		sender.send(None, city_users, missing_units=not_sent)


def remind_units(sender: "Sender", units: list[str]):
	sent = set(
		frappe.get_all(
			"DLXH Reminder Log",
			filters={"name": ["in", [sender.notice.key(unit) for unit in units]]},
			pluck="name",
		)
	)
	recipients = defaultdict(list)
	for user in users_with_roles(UNIT_ROLES, units):
		recipients[user.dlxh_unit].append(user)
	for unit in units:
		if sender.notice.key(unit) not in sent and recipients[unit]:
			sender.send(unit, recipients[unit])


def users_with_roles(roles: tuple[str, ...], units: list[str] | None = None) -> list[frappe._dict]:
	"""Enabled users holding any of `roles` (and working for one of `units`, if given)."""
	user = frappe.qb.DocType("User")
	has_role = frappe.qb.DocType("Has Role")
	query = (
		frappe.qb.from_(user)
		.join(has_role)
		.on((has_role.parent == user.name) & (has_role.parenttype == "User"))
		.select(user.name, user.email, user.language, user.dlxh_unit)
		.distinct()
		.where(user.enabled == 1)
		.where(has_role.role.isin(roles))
		.orderby(user.name)
	)
	if units is not None:
		query = query.where(user.dlxh_unit.isin(units))
	return query.run(as_dict=True)


class Sender:
	"""Sends one notice to its recipients and records it."""

	def __init__(self, notice: Notice, deadline: datetime):
		self.notice = notice
		self.deadline = deadline
		self.period = format_period(notice.year, notice.month)
		self.site_language = frappe.get_system_settings("language") or "en"
		self._can_email = None

	@property
	def can_email(self) -> bool:
		if self._can_email is None:
			self._can_email = bool(EmailAccount.find_outgoing())
			if not self._can_email:
				# Said once per run that has something to send; the in-app notices still go.
				frappe.log_error(
					title="DLXH reminders sent in the app only",
					message="The site has no default outgoing Email Account, so no reminder e-mail was queued.",
				)
		return self._can_email

	def send(self, unit: str | None, users: list[frappe._dict], missing_units: dict | None = None):
		"""Everything about one unit (or the city's notice) is sent and recorded, or none of it."""
		can_email = self.can_email
		frappe.db.savepoint(SAVEPOINT)
		try:
			log = self.record(unit, users, missing_units, can_email)
			for language, group in self.by_language(users).items():
				subject, message = self.compose(language, unit, missing_units)
				emails = [user.email for user in group if user.email]
				make_notification_logs(
					frappe._dict(type="Alert", subject=subject, email_content=message), emails
				)
				if can_email and emails:
					frappe.sendmail(
						recipients=emails,
						subject=subject,
						message=message,
						reference_doctype="DLXH Reminder Log",
						reference_name=log.name,
						add_unsubscribe_link=0,
					)
		except frappe.DuplicateEntryError:
			# Another run recorded (and so sent) it meanwhile.
			frappe.db.rollback(save_point=SAVEPOINT)
		except Exception:
			frappe.db.rollback(save_point=SAVEPOINT)
			frappe.log_error(title=f"DLXH reminder {self.notice.kind} {self.period} {unit or ''} not sent")
		else:
			frappe.db.release_savepoint(SAVEPOINT)

	def record(self, unit: str | None, users: list[frappe._dict], missing_units: dict | None, emailed: bool):
		return frappe.get_doc(
			{
				"doctype": "DLXH Reminder Log",
				"kind": self.notice.kind,
				"unit": unit,
				"period_year": self.notice.year,
				"period_month": self.notice.month,
				"reminder_date": self.notice.day,
				"emailed": int(emailed),
				"recipients": "\n".join(user.name for user in users),
				"units": "\n".join(missing_units or ()),
			}
		).insert(ignore_permissions=True)

	def by_language(self, users: list[frappe._dict]) -> dict[str, list[frappe._dict]]:
		groups = defaultdict(list)
		for user in users:
			groups[user.language or self.site_language].append(user)
		return groups

	def compose(self, lang: str, unit: str | None, missing_units: dict | None) -> tuple[str, str]:
		"""Subject and HTML message in `lang`."""
		deadline = format_date(self.deadline.date())
		link = '<p><a href="{0}">{1}</a></p>'.format(
			get_url_to_list("Opinion Report"), escape_html(_("Opinion Report", lang=lang))
		)
		if unit:
			subject = _("Reminder: the monthly opinion report of {0} has not been sent", lang=lang).format(
				self.period
			)
			message = _(
				"{0} has not yet sent its monthly public-opinion report of {1} to the city. Reports must reach the city before {2}: please finish it and have it approved and sent by the unit's leader in time.",
				lang=lang,
			).format(frappe.bold(escape_html(unit)), self.period, deadline)
			return subject, f"<p>{message}</p>{link}"

		subject = _("Monthly opinion reports of {0} not received: {1} units", lang=lang).format(
			self.period, len(missing_units)
		)
		message = _(
			"The deadline for the monthly public-opinion reports of {0} has passed ({1}). These reporting units have not sent theirs:",
			lang=lang,
		).format(self.period, deadline)
		items = "".join(
			f"<li>{escape_html(name)}: {escape_html(status_label(cell, lang))}</li>"
			for name, cell in missing_units.items()
		)
		return subject, f"<p>{message}</p><ul>{items}</ul>{link}"
