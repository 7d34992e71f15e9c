"""One-time invitation codes to a survey's public page: generated in bulk for a survey, exported as a list
of codes and links to hand out, and taken by the page, one code for one response. A code records only that
it was used, never which response it gave, so that answers stay anonymous."""

import csv
import io
import secrets

import frappe
from frappe import _
from frappe.utils import cint, get_url, now_datetime

DOCTYPE = "Survey Invitation"
MAX_PER_CALL = 5000
# The public page's address; the code rides in the `ma` (mã) parameter.
PUBLIC_ROUTE = "khao-sat"


def public_url(slug: str, token: str | None = None) -> str:
	return get_url(f"/{PUBLIC_ROUTE}/{slug}" + (f"?ma={token}" if token else ""))


def check_staff(survey: str) -> None:
	"""Codes are made and read by the survey's staff: who may read the survey and make surveys."""
	if not (
		frappe.has_permission("Opinion Survey", "read", survey)
		and frappe.has_permission("Opinion Survey", "create")
	):
		raise frappe.PermissionError(_("You may not manage the invitations of survey {0}.").format(survey))


@frappe.whitelist()
def generate_invitations(survey: str, count: int) -> int:
	"""Make `count` new codes for the survey; returns how many it has unused."""
	check_staff(survey)
	count = cint(count)
	if not 1 <= count <= MAX_PER_CALL:
		frappe.throw(_("Between 1 and {0} invitation codes are made at a time.").format(MAX_PER_CALL))
	unit = frappe.db.get_value("Opinion Survey", survey, "responsible_unit")
	now, user = now_datetime(), frappe.session.user
	frappe.db.bulk_insert(
		DOCTYPE,
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
			"idx",
			"survey",
			"unit",
			"token",
			"used",
		],
		[
			(
				frappe.generate_hash(length=10),
				now,
				now,
				user,
				user,
				0,
				0,
				survey,
				unit,
				secrets.token_urlsafe(9),
				0,
			)
			for _index in range(count)
		],
	)
	return frappe.db.count(DOCTYPE, {"survey": survey, "used": 0})


@frappe.whitelist()
def export_invitations(survey: str) -> None:
	"""The survey's unused codes with their links, as a CSV file to print or mail merge (a QR code maker
	reads the link column)."""
	check_staff(survey)
	slug = frappe.db.get_value("Opinion Survey", survey, "public_slug")
	tokens = frappe.get_all(
		DOCTYPE, filters={"survey": survey, "used": 0}, pluck="token", order_by="creation asc, token asc"
	)
	buffer = io.StringIO()
	writer = csv.writer(buffer, lineterminator="\n")
	writer.writerow([_("Invitation Code"), _("Link")])
	for token in tokens:
		writer.writerow([token, public_url(slug, token)])
	frappe.response["filename"] = f"{survey}-ma-moi.csv"
	frappe.response["filecontent"] = buffer.getvalue().encode("utf-8-sig")
	frappe.response["type"] = "download"


def take_invitation(survey: str, token: str) -> bool:
	"""Mark the survey's unused code as used; whether it was one. Locks the code until the response is
	committed, so that one code gives one response."""
	token = (token or "").strip()
	if not token or len(token) > 64:
		return False
	name = frappe.db.get_value(
		DOCTYPE, {"survey": survey, "token": token, "used": 0}, "name", for_update=True
	)
	if not name:
		return False
	frappe.db.set_value(DOCTYPE, name, "used", 1, update_modified=False)
	return True


def invitation_open(survey: str, token: str) -> bool:
	token = (token or "").strip()
	return bool(
		token
		and len(token) <= 64
		and frappe.db.exists(DOCTYPE, {"survey": survey, "token": token, "used": 0})
	)
