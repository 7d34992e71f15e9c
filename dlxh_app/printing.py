"""What the app's print formats need beyond Frappe's Jinja: rich text that cannot make the server fetch
from elsewhere."""

from urllib.parse import urlsplit

import frappe
from bs4 import BeautifulSoup

# Attributes through which HTML embeds something a renderer fetches (a link's href is not fetched).
EMBEDDING_ATTRIBUTES = ("src", "srcset", "poster", "data", "background")


def site_resources_only(html: str) -> str:
	"""The HTML without the embedded resources (images, media, frames) whose address is not on the site: a
	path (/files/..., /assets/...), the site's own URL, or a data: URI. The PDF renderer (wkhtmltopdf on
	v15, Chrome on v16) runs on the server and fetches every image a document names, so an address typed
	into a text field would have the server request whatever its author chose. Inline styles that load a
	URL are dropped for the same reason."""
	if not html or "<" not in html:
		return html
	soup = BeautifulSoup(html, "html.parser")
	site = urlsplit(frappe.utils.get_url())
	for tag in soup.find_all(True):
		if any(
			not on_site(tag[attribute], site) for attribute in EMBEDDING_ATTRIBUTES if tag.has_attr(attribute)
		):
			tag.decompose()
		elif "url(" in tag.get("style", "").lower():
			del tag["style"]
	return str(soup)


def on_site(address: str, site) -> bool:
	address = address.strip()
	if address.lower().startswith("data:"):
		return True
	parts = urlsplit(address)
	if not parts.scheme and not parts.netloc:
		return True
	return (parts.scheme, parts.netloc) == (site.scheme, site.netloc)
