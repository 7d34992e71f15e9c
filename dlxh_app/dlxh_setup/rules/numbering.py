"""Numbers of Party documents (Hướng dẫn 36-HD/VPTW): "Số 12-KH/BTGTU" is the 12th plan (KH) that the
issuing body (BTGTU) issued in the current Party term. Numbers restart at 01 in each term, per issuing
body and document type, and are written with at least two digits."""

from dlxh_app.dlxh_setup.rules import RuleError

# Abbreviations of the document types the app issues (Hướng dẫn 36-HD/VPTW, appendix).
DOCUMENT_TYPES = {
	"KH": "Kế hoạch",
	"BC": "Báo cáo",
	"CV": "Công văn",
	"HD": "Hướng dẫn",
	"TB": "Thông báo",
	"QĐ": "Quyết định",
	"TTr": "Tờ trình",
}


def format_document_reference(number: int, document_type: str, issuer_abbreviation: str) -> str:
	""" "12-KH/BTGTU"; code "number_range" for a number below 1, "document_type" for an unknown type,
	"no_abbreviation" when the issuer has none."""
	if number < 1:
		raise RuleError("number_range", number)
	if document_type not in DOCUMENT_TYPES:
		raise RuleError("document_type", document_type)
	if not issuer_abbreviation:
		raise RuleError("no_abbreviation")
	return f"{number:02d}-{document_type}/{issuer_abbreviation}"
