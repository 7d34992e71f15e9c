"""Opinion signals: the office's configured sources (Opinion Signal Source: an RSS/Atom feed, a CSV or a
JSON file, attached or at a URL) read by a background job into Opinion Signals, de-duplicated per source,
classified by the site's opinion model. The city only: units neither see nor configure sources.

A URL is fetched with only http/https (a redirect to another scheme is refused), a timeout, a size limit,
never towards an address of the server's own or a private network (unless the site's config sets
`dlxh_signals_allow_private_network`, for an office whose feeds live on its intranet). A source whose
content is refused (not XML, timed out, too large, wrong columns) keeps the reason in its Last Message and
nothing of that run is stored."""

import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta, timezone

import frappe
from frappe import _
from frappe.utils import add_to_date, convert_utc_to_system_timezone, now_datetime

from dlxh_app.consts import CITY_ROLES
from dlxh_app.dlxh_reporting.ai import store
from dlxh_app.dlxh_reporting.ai.classifier import MIN_CONFIDENCE, MIN_MACRO_F1
from dlxh_app.dlxh_reporting.rules.signals import (
	MAX_BYTES,
	SignalError,
	SignalItem,
	check_url,
	is_private_address,
	parse,
	signal_key,
)

TIMEOUT = 20
"""Seconds for the whole download of a URL (and for each network operation)."""
MAX_REDIRECTS = 3
CHUNK = 64 * 1024


def message(error: SignalError) -> str:
	"""The refusal in the user's language."""
	args = error.args_
	messages = {
		"scheme": lambda: _("Only http and https addresses are fetched, not {0}.").format(*args),
		"no_host": lambda: _("The address names no server."),
		"private": lambda: _(
			"The address {0} is of the server's own or a private network: it is not fetched."
		).format(*args),
		"timeout": lambda: _("The source did not answer within {0} seconds.").format(*args),
		"http_status": lambda: _("The source answered with the HTTP error {0}.").format(*args),
		"unreachable": lambda: _("The source could not be reached: {0}").format(*args),
		"too_large": lambda: _("The source is larger than {0} MB: nothing was imported.").format(*args),
		"too_many": lambda: _("The source has more than {0} items: nothing was imported.").format(*args),
		"encoding": lambda: _("The source is not UTF-8 text."),
		"not_xml": lambda: _("The source is not XML, so not an RSS/Atom feed: {0}").format(*args),
		"forbidden_xml": lambda: _("The feed uses XML entities or a DTD, which are refused."),
		"not_feed": lambda: _("The XML is not an RSS or Atom feed (its root is {0}).").format(*args),
		"not_json": lambda: _("The source is not JSON: {0}").format(*args),
		"json_shape": lambda: _('The JSON must be a list of objects (or an object with "items").'),
		"columns": lambda: _(
			"The source needs a title or text column (and may have link and published); it has: {0}."
		).format(*args),
		"format": lambda: _("Unknown format {0}.").format(*args),
		"no_content": lambda: _("Attach a file or give a URL."),
	}
	return messages[error.code]()


def check_city_user() -> None:
	frappe.only_for(list(CITY_ROLES))


def check_host(url: str) -> None:
	"""Refuse a URL whose host resolves to an address of a private network (unless the site allows)."""
	url = check_url(url)
	if frappe.conf.get("dlxh_signals_allow_private_network"):
		return
	parts = urllib.parse.urlsplit(url)
	try:
		addresses = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
	except (socket.gaierror, UnicodeError) as error:
		raise SignalError("unreachable", str(error)) from error
	for *_rest, address in addresses:
		if is_private_address(address[0]):
			raise SignalError("private", parts.hostname)


class CheckedRedirects(urllib.request.HTTPRedirectHandler):
	"""Follows a redirect only to an http/https URL that passes the same checks."""

	max_redirections = MAX_REDIRECTS

	def redirect_request(self, req, fp, code, msg, headers, newurl):
		check_host(newurl)
		return super().redirect_request(req, fp, code, msg, headers, newurl)


def opener() -> urllib.request.OpenerDirector:
	"""http and https only: no file:, ftp: or data: handler, no proxy from the environment."""
	director = urllib.request.OpenerDirector()
	for handler in (
		urllib.request.HTTPHandler(),
		urllib.request.HTTPSHandler(),
		CheckedRedirects(),
		urllib.request.HTTPDefaultErrorHandler(),
		urllib.request.HTTPErrorProcessor(),
	):
		director.add_handler(handler)
	return director


def fetch(url: str) -> bytes:
	"""The content at the URL: at most MAX_BYTES within TIMEOUT seconds, or SignalError."""
	check_host(url)
	request = urllib.request.Request(url, headers={"User-Agent": "dlxh_app signal import"})
	started = time.monotonic()
	try:
		with opener().open(request, timeout=TIMEOUT) as response:
			length = response.headers.get("Content-Length")
			if length and length.isdigit() and int(length) > MAX_BYTES:
				raise SignalError("too_large", MAX_BYTES // (1024 * 1024))
			data = bytearray()
			while chunk := response.read(CHUNK):
				data += chunk
				if len(data) > MAX_BYTES:
					raise SignalError("too_large", MAX_BYTES // (1024 * 1024))
				if time.monotonic() - started > TIMEOUT:
					raise SignalError("timeout", TIMEOUT)
			return bytes(data)
	except SignalError:
		raise
	except urllib.error.HTTPError as error:
		if 300 <= error.code < 400 and error.headers.get("Location"):
			# Python refuses a redirect to file: or data: itself: worded as the scheme refused.
			check_url(urllib.parse.urljoin(url, error.headers["Location"]))
		raise SignalError("http_status", error.code) from error
	except urllib.error.URLError as error:
		if isinstance(error.reason, TimeoutError):
			raise SignalError("timeout", TIMEOUT) from error
		raise SignalError("unreachable", str(error.reason)) from error
	except TimeoutError as error:
		raise SignalError("timeout", TIMEOUT) from error
	except (OSError, ValueError) as error:
		raise SignalError("unreachable", str(error)) from error


def read_source(source) -> bytes:
	if source.url:
		return fetch(source.url)
	if source.file:
		file = frappe.get_doc("File", {"file_url": source.file})
		if (file.file_size or 0) > MAX_BYTES:
			raise SignalError("too_large", MAX_BYTES // (1024 * 1024))
		content = file.get_content()
		return content.encode() if isinstance(content, str) else content
	raise SignalError("no_content")


def classify(items: list[SignalItem]) -> list[dict]:
	"""The topic and trend of each item with its confidence, where the model is good and sure enough."""
	model = store.load_model()
	if not model or not items:
		return [{} for _item in items]
	predictions = model.predict([f"{item.title}. {item.text}" for item in items])
	active = set(frappe.get_all("Opinion Topic", {"is_active": 1}, pluck="name"))
	results = []
	for index in range(len(items)):
		found = {"model_version": model.version}
		for name, values in predictions.items():
			label, confidence = values[index]
			good = model.metrics[name]["macro_f1"] >= MIN_MACRO_F1 and confidence >= MIN_CONFIDENCE
			if good and (name != "topic" or label in active):
				found[name] = label
				found[f"{name}_confidence"] = round(confidence * 100, 1)
		results.append(found)
	return results


def local_time(value):
	if value is None or value.tzinfo is None:
		return value
	utc = value.astimezone(timezone.utc).replace(tzinfo=None)
	return convert_utc_to_system_timezone(utc).replace(tzinfo=None)


def import_source(source: str) -> dict:
	"""Read the source, store its new signals (all or none), and note the outcome on the source."""
	doc = frappe.get_doc("Opinion Signal Source", source)
	try:
		items = parse(read_source(doc), doc.format)
	except SignalError as error:
		return record(doc, "Failed", message(error))
	keys, fresh = set(), []
	for item in items:
		key = signal_key(doc.name, item)
		if key not in keys:
			keys.add(key)
			fresh.append((key, item))
	known = set()
	for start in range(0, len(fresh), 500):
		known.update(
			frappe.get_all(
				"Opinion Signal",
				{"content_hash": ["in", [key for key, _item in fresh[start : start + 500]]]},
				pluck="content_hash",
			)
		)
	fresh = [(key, item) for key, item in fresh if key not in known]
	frappe.db.savepoint("dlxh_signals")
	try:
		for (key, item), labels in zip(fresh, classify([item for _key, item in fresh]), strict=True):
			frappe.get_doc(
				{
					"doctype": "Opinion Signal",
					"source": doc.name,
					"title": item.title or item.text[:140],
					"text": item.text,
					"link": item.link,
					"published_on": local_time(item.published),
					"content_hash": key,
					**labels,
				}
			).insert(ignore_permissions=True)
	except Exception:
		frappe.db.rollback(save_point="dlxh_signals")
		frappe.log_error(title=f"DLXH: signals of {doc.name} not imported")
		return record(doc, "Failed", _("The signals could not be stored: nothing was imported."))
	return record(
		doc,
		"Imported",
		_("{0} new signals, {1} already imported.").format(len(fresh), len(items) - len(fresh)),
		len(fresh),
	)


def record(doc, status: str, text: str, imported: int = 0) -> dict:
	values = {
		"last_fetched": now_datetime(),
		"last_status": status,
		"last_message": text,
		"signals_imported": (doc.signals_imported or 0) + imported,
	}
	doc.db_set(values, update_modified=False)
	return {"status": status, "message": text, "imported": imported}


@frappe.whitelist(methods=["POST"])
def fetch_source(source: str) -> str:
	"""Queue the source's import now (the city only); its outcome shows on the source."""
	check_city_user()
	frappe.get_doc("Opinion Signal Source", source).check_permission("write")
	frappe.enqueue(
		"dlxh_app.dlxh_reporting.ai.signals.import_source",
		queue="long",
		source=source,
		job_id=f"dlxh_signals::{source}",
		deduplicate=True,
	)
	return _("The source will be read in a moment; its outcome shows under Last Fetch.")


def due_sources() -> list[str]:
	"""The enabled sources whose interval has passed since they were last read (a few minutes early
	counts, so that an hourly job keeps a 6-hour interval at 6 hours)."""
	now = now_datetime()
	return [
		row.name
		for row in frappe.get_all(
			"Opinion Signal Source",
			{"enabled": 1},
			["name", "last_fetched", "fetch_every_hours"],
			order_by="name",
		)
		if not row.last_fetched
		or row.last_fetched
		<= add_to_date(now, hours=-max(row.fetch_every_hours or 6, 1)) + timedelta(minutes=5)
	]


def fetch_due_sources() -> None:
	"""Hourly: each due source, its outcome kept whatever the next one does."""
	for source in due_sources():
		import_source(source)
		frappe.db.commit()  # nosemgrep
