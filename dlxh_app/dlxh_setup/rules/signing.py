"""Signature blocks of Party documents (Hướng dẫn 36-HD/VPTW).

Party style writes the signing authority with a slash: "K/T TRƯỞNG BAN", "T/M BAN THƯỜNG VỤ"; State
style writes "KT." and "TM." with a dot. A Party document must not mix them."""

import re

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.text import header_line

_STATE_STYLE = re.compile(r"\b(KT|TM|TL)\s*\.")


def normalize_signing_authority(value: str | None) -> str:
	"""Capitals and single spaces; code "state_style" for "KT." / "TM." / "TL." forms."""
	authority = header_line(value)
	match = _STATE_STYLE.search(authority)
	if match:
		raise RuleError("state_style", match.group(0))
	return authority
