"""XLSForm expressions (`relevant`, `constraint`) as the app evaluates them: parsed once into a small
tree of lists, which both the server (here) and the public page's script evaluate the same way.

The language is the part of ODK's XPath that survey forms use: `${code}` for an answer and `.` for the
answer being checked, numbers and quoted strings, = != < > <= >=, + - * div mod, and, or, parentheses,
and the functions not(), selected(), count-selected(), string-length(), true() and false(). Values follow
XPath 1.0: an unanswered question is the empty string, a multiple choice is its values separated by
spaces, relational operators compare numbers (a text that is not a number compares false), = and !=
compare numbers when one side is a number and strings otherwise.

Tree: ["ref", code] | ["self"] | ["num", float] | ["str", text] | ["neg", node] |
["op", operator, left, right] | ["call", name, node...]."""

import math
from functools import cache

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import LarkError

from dlxh_app.dlxh_setup.rules import RuleError

GRAMMAR = r"""
?start: or_expr
?or_expr: and_expr (_OR and_expr)*       -> or_chain
?and_expr: comparison (_AND comparison)* -> and_chain
?comparison: sum (COMPARE sum)?
?sum: product (ADDITIVE product)*        -> arithmetic
?product: unary (MULTIPLICATIVE unary)*  -> arithmetic
?unary: "-" unary                        -> neg
      | atom
?atom: REF                               -> ref
     | "."                               -> self_ref
     | NUMBER                            -> num
     | STRING                            -> text
     | FUNCTION "(" [or_expr ("," or_expr)*] ")" -> call
     | "(" or_expr ")"

REF: /\$\{[A-Za-z_][A-Za-z0-9_.-]*\}/
FUNCTION.2: /(not|selected|count-selected|string-length|true|false)(?=\s*\()/
_OR.2: /or\b/
_AND.2: /and\b/
MULTIPLICATIVE.2: "*" | /div\b/ | /mod\b/
ADDITIVE: "+" | "-"
COMPARE: "!=" | "<=" | ">=" | "=" | "<" | ">"
NUMBER: /\d+(\.\d*)?|\.\d+/
STRING: /"[^"]*"|'[^']*'/
%ignore /\s+/
"""

FUNCTION_ARITY = {
	"not": (1, 1),
	"selected": (2, 2),
	"count-selected": (1, 1),
	"string-length": (1, 1),
	"true": (0, 0),
	"false": (0, 0),
}


@cache
def parser() -> Lark:
	return Lark(GRAMMAR, parser="lalr")


@v_args(inline=True)
class ToTree(Transformer):
	def ref(self, token: Token):
		return ["ref", str(token)[2:-1]]

	def self_ref(self):
		return ["self"]

	def num(self, token: Token):
		return ["num", float(token)]

	def text(self, token: Token):
		return ["str", str(token)[1:-1]]

	def neg(self, node):
		return ["neg", node]

	def call(self, name: Token, *arguments):
		arguments = [argument for argument in arguments if argument is not None]
		low, high = FUNCTION_ARITY[str(name)]
		if not low <= len(arguments) <= high:
			raise RuleError("arity", str(name), len(arguments))
		return ["call", str(name), *arguments]

	def comparison(self, left, operator: Token, right):
		return ["op", str(operator), left, right]

	def arithmetic(self, first, *rest):
		node = first
		for operator, operand in zip(rest[::2], rest[1::2], strict=True):
			node = ["op", str(operator), node, operand]
		return node

	def or_chain(self, *nodes):
		return chain("or", nodes)

	def and_chain(self, *nodes):
		return chain("and", nodes)


def chain(operator: str, nodes) -> list:
	node = nodes[0]
	for operand in nodes[1:]:
		node = ["op", operator, node, operand]
	return node


def parse(expression: str) -> list | None:
	"""The tree of an expression; None for an empty one. Code "syntax" (with the expression) or "arity"."""
	if not (expression or "").strip():
		return None
	try:
		return ToTree().transform(parser().parse(expression))
	except RuleError:
		raise
	except LarkError as error:
		raise RuleError("syntax", expression, str(error).splitlines()[0]) from None


def references(tree: list | None) -> set[str]:
	"""The question codes a tree reads."""
	if not tree:
		return set()
	if tree[0] == "ref":
		return {tree[1]}
	return set().union(*(references(node) for node in tree[1:] if isinstance(node, list)))


def evaluate(tree: list | None, answers: dict[str, str], current: str = "") -> bool:
	"""Whether the expression holds for `answers` (code → the answer as XPath reads it: "" when none,
	choices separated by spaces); `current` is what `.` reads. An empty expression holds."""
	return tree is None or boolean(value(tree, answers, current))


def value(node: list, answers: dict[str, str], current: str):
	kind = node[0]
	if kind == "ref":
		return answers.get(node[1], "") or ""
	if kind == "self":
		return current or ""
	if kind in ("num", "str"):
		return node[1]
	if kind == "neg":
		return -number(value(node[1], answers, current))
	if kind == "call":
		return call(node[1], [value(argument, answers, current) for argument in node[2:]])
	operator, left, right = node[1], value(node[2], answers, current), value(node[3], answers, current)
	return operate(operator, left, right)


def operate(operator: str, left, right):
	if operator == "or":
		return boolean(left) or boolean(right)
	if operator == "and":
		return boolean(left) and boolean(right)
	if operator in ("<", ">", "<=", ">="):
		a, b = number(left), number(right)
		return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[operator]
	if operator in ("=", "!="):
		if isinstance(left, bool) or isinstance(right, bool):
			equal = boolean(left) == boolean(right)
		elif isinstance(left, float) or isinstance(right, float):
			equal = number(left) == number(right)
		else:
			equal = str(left) == str(right)
		return equal if operator == "=" else not equal
	a, b = number(left), number(right)
	if operator == "+":
		return a + b
	if operator == "-":
		return a - b
	if operator == "*":
		return a * b
	if operator == "div":
		return divide(a, b)
	return math.fmod(a, b) if b else math.nan  # mod


def divide(a: float, b: float) -> float:
	"""XPath's div: by zero gives ±Infinity, or NaN for 0 div 0."""
	if b:
		return a / b
	if a == 0 or math.isnan(a):
		return math.nan
	return math.copysign(math.inf, a) * math.copysign(1.0, b)


def call(name: str, arguments: list):
	if name == "not":
		return not boolean(arguments[0])
	if name == "true":
		return True
	if name == "false":
		return False
	if name == "selected":
		return str(arguments[1]) in str(arguments[0]).split()
	if name == "count-selected":
		return float(len(str(arguments[0]).split()))
	return float(len(str(arguments[0])))  # string-length


def number(item) -> float:
	if isinstance(item, bool):
		return 1.0 if item else 0.0
	if isinstance(item, float):
		return item
	try:
		return float(str(item).strip())
	except ValueError:
		return math.nan


def boolean(item) -> bool:
	if isinstance(item, bool):
		return item
	if isinstance(item, float):
		return not (item == 0 or math.isnan(item))
	return bool(item)
