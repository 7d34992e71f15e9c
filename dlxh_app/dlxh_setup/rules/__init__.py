"""Rules of the DLXH setup that need no database: plain Python, tested without a site.

A rule that is broken raises `RuleError` with a stable `code` and the values the message needs; the
DocType controllers turn the code into a translated message that names the field."""


class RuleError(ValueError):
	def __init__(self, code: str, *values):
		super().__init__(code, *values)
		self.code = code
		self.values = values

	def __str__(self) -> str:
		return f"{self.code}: {', '.join(str(value) for value in self.values)}"
