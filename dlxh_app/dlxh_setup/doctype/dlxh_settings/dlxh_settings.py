# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, format_date, getdate

from dlxh_app.dlxh_setup.issuing import clean_signer
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.party_term import check_term_start, parse_party_term
from dlxh_app.dlxh_setup.rules.report_schedule import (
	LAST_SAFE_DAY,
	check_day_of_month,
	check_time_zone,
	format_reminder_days,
	parse_reminder_days,
)
from dlxh_app.dlxh_setup.rules.text import clean_text
from dlxh_app.validation import field_label, throw_invalid


class DLXHSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		city_unit: DF.Link | None
		current_party_term: DF.Data
		print_margin_bottom: DF.Float
		print_margin_left: DF.Float
		print_margin_right: DF.Float
		print_margin_top: DF.Float
		reminder_days: DF.Data | None
		report_deadline_day: DF.Int
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signing_authority: DF.Data | None
		term_start_date: DF.Date | None
		time_zone: DF.Data
	# end: auto-generated types

	def validate(self):
		self.validate_deadline_day()
		self.validate_reminder_days()
		self.validate_time_zone()
		self.validate_party_term()
		clean_signer(self)

	def validate_deadline_day(self):
		try:
			check_day_of_month(cint(self.report_deadline_day))
		except RuleError:
			throw_invalid(
				field_label(self, "report_deadline_day"),
				_("{0} must be a day between 1 and {1}, so that every month has it.").format(
					field_label(self, "report_deadline_day"), LAST_SAFE_DAY
				),
			)

	def validate_reminder_days(self):
		label = field_label(self, "reminder_days")
		try:
			days = parse_reminder_days(self.reminder_days, cint(self.report_deadline_day))
		except RuleError as error:
			if error.code == "not_a_day":
				message = _("{0}: {1} is not a day of the month. Write days separated by commas, e.g. 10,13.")
				message = message.format(label, frappe.bold(error.values[0]))
			elif error.code == "day_range":
				message = _("{0}: day {1} must be between 1 and {2}.").format(
					label, error.values[0], LAST_SAFE_DAY
				)
			else:
				message = _("{0}: day {1} must come before the {2} (day {3}).").format(
					label, error.values[0], field_label(self, "report_deadline_day"), error.values[1]
				)
			throw_invalid(label, message)
		self.reminder_days = format_reminder_days(days)

	def validate_time_zone(self):
		self.time_zone = clean_text(self.time_zone)
		try:
			check_time_zone(self.time_zone)
		except RuleError:
			throw_invalid(
				field_label(self, "time_zone"),
				_("{0}: {1} is not a known time zone, e.g. Asia/Ho_Chi_Minh.").format(
					field_label(self, "time_zone"), frappe.bold(self.time_zone)
				),
			)

	def validate_party_term(self):
		label = field_label(self, "current_party_term")
		try:
			term = parse_party_term(self.current_party_term)
		except RuleError as error:
			messages = {
				"term_format": _("{0} must be written as two years, e.g. 2025-2030."),
				"term_order": _("{0}: the second year must come after the first, e.g. 2025-2030."),
			}
			throw_invalid(label, messages[error.code].format(label))
		self.current_party_term = str(term)
		if self.term_start_date:
			try:
				check_term_start(term, getdate(self.term_start_date))
			except RuleError:
				throw_invalid(
					field_label(self, "term_start_date"),
					_("{0} ({1}) must fall within the {2} {3}.").format(
						field_label(self, "term_start_date"), format_date(self.term_start_date), label, term
					),
				)
