"""Opinion signals read from the office's configured sources (RSS/Atom feeds, CSV and JSON files): parsing
with the standard library (XML through defusedxml, which refuses entities and DTD tricks), the checks on
a source's address, and the stable key that de-duplicates a signal within its source. No database here:
dlxh_reporting/ai/signals.py fetches, classifies and stores.

Every refusal is a SignalError with a code and its arguments; the caller words it in the user's
language (ai/signals.py, `message`)."""

import csv
import hashlib
import html
import io
import ipaddress
import json
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException, ElementTree

FORMATS = ("RSS/Atom", "CSV", "JSON")
SCHEMES = ("http", "https")
MAX_BYTES = 5 * 1024 * 1024
"""A source's content is refused beyond this size (read no further)."""
MAX_ITEMS = 5000
MAX_TITLE = 300
MAX_TEXT = 10_000
TITLE_KEYS = ("title", "tieu_de", "tiêu đề")
TEXT_KEYS = ("text", "content", "summary", "description", "nội dung", "noi_dung")
LINK_KEYS = ("link", "url")
DATE_KEYS = ("published", "date", "pubdate", "updated", "ngày")


class SignalError(ValueError):
	def __init__(self, code: str, *args):
		super().__init__(code, *args)
		self.code = code
		self.args_ = args


@dataclass
class SignalItem:
	title: str
	text: str
	link: str | None = None
	published: datetime | None = None


def check_url(url: str) -> str:
	"""The URL if its scheme is http or https and it names a host; SignalError otherwise."""
	parts = urlsplit((url or "").strip())
	if parts.scheme.lower() not in SCHEMES:
		raise SignalError("scheme", parts.scheme or "-")
	if not parts.hostname:
		raise SignalError("no_host")
	return parts.geturl()


def is_private_address(address: str) -> bool:
	"""An address of the server itself or of a private network (loopback, RFC 1918, link-local, reserved,
	multicast, unspecified): never fetched unless the site allows it."""
	ip = ipaddress.ip_address(address.split("%")[0])
	if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
		ip = ip.ipv4_mapped
	return not ip.is_global or ip.is_multicast


def parse(data: bytes, format: str) -> list[SignalItem]:
	"""The items of a source's content, in its order; items with neither title nor text left out."""
	if len(data) > MAX_BYTES:
		raise SignalError("too_large", MAX_BYTES // (1024 * 1024))
	if format == "RSS/Atom":
		items = parse_feed(data)
	elif format == "CSV":
		items = parse_rows(list(csv.DictReader(io.StringIO(decode(data)))), csv_file=True)
	elif format == "JSON":
		items = parse_json(data)
	else:
		raise SignalError("format", format)
	items = [item for item in items if item.title or item.text]
	if len(items) > MAX_ITEMS:
		raise SignalError("too_many", MAX_ITEMS)
	return items


def decode(data: bytes) -> str:
	try:
		return data.decode("utf-8-sig")
	except UnicodeDecodeError as error:
		raise SignalError("encoding") from error


def local(tag: str) -> str:
	"""A tag without its namespace."""
	return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def child_text(element, *names: str) -> str:
	for child in element:
		if local(child.tag) in names:
			return "".join(child.itertext()).strip()
	return ""


def parse_feed(data: bytes) -> list[SignalItem]:
	try:
		root = ElementTree.fromstring(data)
	except DefusedXmlException as error:
		raise SignalError("forbidden_xml") from error
	except ElementTree.ParseError as error:
		raise SignalError("not_xml", str(error)) from error
	kind = local(root.tag)
	if kind not in ("rss", "feed", "rdf"):
		raise SignalError("not_feed", kind)
	items = []
	for element in root.iter():
		name = local(element.tag)
		if name not in ("item", "entry"):
			continue
		link = child_text(element, "link")
		if not link:
			for child in element:
				if local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
					link = child.get("href") or ""
					break
		items.append(
			item(
				child_text(element, "title"),
				child_text(element, "description", "summary", "content", "encoded"),
				link,
				child_text(element, "pubdate", "published", "updated", "date"),
			)
		)
	return items


def parse_json(data: bytes) -> list[SignalItem]:
	try:
		content = json.loads(decode(data))
	except json.JSONDecodeError as error:
		raise SignalError("not_json", str(error)) from error
	if isinstance(content, dict):
		content = content.get("items", content.get("data"))
	if not isinstance(content, list) or not all(isinstance(row, dict) for row in content):
		raise SignalError("json_shape")
	return parse_rows(content)


def parse_rows(rows: list[dict], csv_file: bool = False) -> list[SignalItem]:
	"""Rows of a CSV or JSON source: a title or a text column is required (link and date optional)."""
	if not rows:
		return []
	keys = {}
	for row in rows[:1] if csv_file else rows:
		keys.update({str(key).strip().lower(): key for key in row if key is not None})
	if not any(key in keys for key in TITLE_KEYS + TEXT_KEYS):
		raise SignalError("columns", ", ".join(sorted(keys)) or "-")

	def value(row, names):
		for name in names:
			if name in keys:
				found = row.get(keys[name])
				return "" if found is None else str(found)
		return ""

	return [
		item(value(row, TITLE_KEYS), value(row, TEXT_KEYS), value(row, LINK_KEYS), value(row, DATE_KEYS))
		for row in rows
	]


TAG = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")


def plain(text: str, limit: int) -> str:
	"""Text without HTML tags or entities, spaces collapsed, cut at `limit` characters."""
	return SPACES.sub(" ", html.unescape(TAG.sub(" ", text or ""))).strip()[:limit]


def item(title: str, text: str, link: str, published: str) -> SignalItem:
	link = (link or "").strip()
	if link and urlsplit(link).scheme.lower() not in SCHEMES:
		link = ""
	return SignalItem(
		plain(title, MAX_TITLE), plain(text, MAX_TEXT), link[:1000] or None, parse_date(published)
	)


def parse_date(value: str) -> datetime | None:
	value = (value or "").strip()
	if not value:
		return None
	try:
		return parsedate_to_datetime(value)
	except (TypeError, ValueError, IndexError):
		pass
	try:
		return datetime.fromisoformat(value.replace("Z", "+00:00"))
	except ValueError:
		return None


def signal_key(source: str, signal: SignalItem) -> str:
	"""Stable within a source: its link when it has one (an edited item stays the same signal), else its
	title and text with case and spaces set aside."""
	basis = signal.link or f"{signal.title}\n{signal.text}".lower()
	return hashlib.sha256(f"{source}\n{basis}".encode()).hexdigest()
