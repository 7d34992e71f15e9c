"""What the Party documents the app issues (plans, unit reports, the city's synthesis reports and letters)
do alike: the issuing unit, place and signer filled in by default, a signer required to issue, and the
Party number given at issue. A document using these has the fields place_name, document_date, recipients,
signing_authority, signer_title, signer_name, document_number, party_term and document_reference, and
its issuing DLXH Unit in issuing_unit unless it names that field otherwise (an opinion report's unit)."""

import frappe
from frappe import _

from dlxh_app.dlxh_setup.numbering import issue_document_number
from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.signing import normalize_signing_authority
from dlxh_app.dlxh_setup.rules.text import clean_text, header_line
from dlxh_app.validation import field_label, throw_invalid

# Settled when the document is issued, so still editable while it waits for approval.
ISSUING_FIELDS = frozenset(
	{"signing_authority", "signer_title", "signer_name", "place_name", "document_date", "recipients"}
)
# A unit's default signer (DLXH Unit), and the city's (DLXH Settings).
SIGNER_FIELDS = ("signing_authority", "signer_title", "signer_name")


def set_issuing_defaults(doc, default_unit: str | None, unit_field: str = "issuing_unit"):
	"""The issuing unit (`default_unit` when empty), the place from the unit and, unless a signer is written
	already, the unit's default signer: its own, or for the city unit without one, DLXH Settings'. A
	signing authority written on the document is kept."""
	if not doc.get(unit_field):
		doc.set(unit_field, default_unit)
	unit = doc.get(unit_field)
	named_signer = doc.signer_name or doc.signer_title
	if not unit or (doc.place_name and named_signer):
		return
	values = frappe.db.get_value("DLXH Unit", unit, ["place_name", *SIGNER_FIELDS], as_dict=True)
	if not values:
		return
	doc.place_name = doc.place_name or values.place_name
	if named_signer:
		return
	signer = values
	if not (values.signer_name or values.signer_title):
		settings = frappe.get_cached_doc("DLXH Settings")
		if unit != settings.city_unit:
			return
		signer = settings
	doc.signing_authority = doc.signing_authority or signer.signing_authority
	doc.signer_title = signer.signer_title
	doc.signer_name = signer.signer_name


def clean_signer(doc):
	"""A default signer as documents print it (DLXH Settings, DLXH Unit): the name with single spaces, the
	title and the authority in capitals, the authority in Party style."""
	doc.signer_name = clean_text(doc.signer_name)
	doc.signer_title = header_line(doc.signer_title)
	try:
		doc.signing_authority = normalize_signing_authority(doc.signing_authority)
	except RuleError as error:
		throw_invalid(
			field_label(doc, "signing_authority"),
			_(
				"{0}: Party documents write the authority with a slash (K/T, T/M, T/L), not in the State style with a dot ({1})."
			).format(field_label(doc, "signing_authority"), frappe.bold(error.values[0])),
		)


def issue(doc, document_type: str, missing_signer_message: str, unit_field: str = "issuing_unit"):
	"""When the document is issued: refuse without a signer (`missing_signer_message` gets the field's
	label), date the document today unless dated, and give it the issuer's next number for
	`document_type` (KH, BC…). A document issued again (a report returned and sent again) keeps the
	number it was given first, which the recipients have on file."""
	for fieldname in ("signer_name", "signer_title"):
		if not (doc.get(fieldname) or "").strip():
			label = field_label(doc, fieldname)
			throw_invalid(label, missing_signer_message.format(label))
	doc.document_date = doc.document_date or frappe.utils.today()
	if doc.document_reference:
		return
	number = issue_document_number(doc.get(unit_field), document_type)
	doc.document_number = number.number
	doc.party_term = number.party_term
	doc.document_reference = number.reference
