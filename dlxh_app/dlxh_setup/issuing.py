"""What the Party documents the app issues (plans, unit reports, the city's synthesis reports and letters,
survey proposals and the decisions approving them) do alike: the issuing unit, place and signer filled in
by default, a signer required to issue, and the Party number given at issue. A document using these has
the fields place_name, document_date, recipients, signing_authority, signer_title, signer_name,
document_number, party_term and document_reference (a second number has fields of its own:
ReferenceFields), and its issuing DLXH Unit in issuing_unit unless it names that field otherwise (an
opinion report's unit, a survey's responsible unit)."""

from dataclasses import dataclass

import frappe

from dlxh_app.dlxh_setup.numbering import issue_document_number
from dlxh_app.validation import field_label, throw_invalid

# Settled when the document is issued, so still editable while it waits for approval.
ISSUING_FIELDS = frozenset(
	{"signing_authority", "signer_title", "signer_name", "place_name", "document_date", "recipients"}
)


def set_issuing_defaults(doc, default_unit: str | None, unit_field: str = "issuing_unit"):
	"""The issuing unit (`default_unit` when empty), the place from the unit and, when the city issues,
	the default signer of DLXH Settings unless a signer is written already."""
	if not doc.get(unit_field):
		doc.set(unit_field, default_unit)
	unit = doc.get(unit_field)
	if unit and not doc.place_name:
		doc.place_name = frappe.db.get_value("DLXH Unit", unit, "place_name")
	settings = frappe.get_cached_doc("DLXH Settings")
	if unit == settings.city_unit and not (doc.signer_name or doc.signer_title):
		doc.signing_authority = doc.signing_authority or settings.signing_authority
		doc.signer_title = settings.signer_title
		doc.signer_name = settings.signer_name


@dataclass(frozen=True)
class ReferenceFields:
	"""Where a document keeps a Party number it is given. A document numbered twice (a survey's proposal,
	TTr, and the decision approving it, QĐ) names the second set of fields."""

	number: str = "document_number"
	reference: str = "document_reference"
	date: str = "document_date"
	party_term: str | None = "party_term"


DOCUMENT_REFERENCE = ReferenceFields()


def issue(
	doc,
	document_type: str,
	missing_signer_message: str | None,
	unit_field: str = "issuing_unit",
	fields: ReferenceFields = DOCUMENT_REFERENCE,
):
	"""When the document is issued: refuse without a signer (`missing_signer_message` gets the field's
	label; None for a number the document's signer does not sign, such as the decision approving a
	proposal), date it today unless dated, and give it the issuer's next number for `document_type` (KH,
	BC…). A document issued again (a report returned and sent again) keeps the number it was given first,
	which the recipients have on file."""
	for fieldname in ("signer_name", "signer_title") if missing_signer_message else ():
		if not (doc.get(fieldname) or "").strip():
			label = field_label(doc, fieldname)
			throw_invalid(label, missing_signer_message.format(label))
	doc.set(fields.date, doc.get(fields.date) or frappe.utils.today())
	if doc.get(fields.reference):
		return
	number = issue_document_number(doc.get(unit_field), document_type)
	doc.set(fields.number, number.number)
	doc.set(fields.reference, number.reference)
	if fields.party_term:
		doc.set(fields.party_term, number.party_term)
