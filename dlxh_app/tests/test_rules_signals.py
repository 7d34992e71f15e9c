"""Parsing of opinion signal sources (RSS/Atom, CSV, JSON), the checks on a source's address, and the key
that de-duplicates a signal within its source: no database."""

import unittest

from dlxh_app.dlxh_reporting.rules.signals import (
	MAX_BYTES,
	SignalError,
	SignalItem,
	check_url,
	is_private_address,
	parse,
	signal_key,
)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Báo Cần Thơ</title>
<item><title>Kẹt xe kéo dài trên đường 30 Tháng 4</title><link>https://example.vn/a</link>
<description>&lt;p&gt;Người dân &lt;b&gt;bức xúc&lt;/b&gt; vì kẹt xe giờ cao điểm.&lt;/p&gt;</description>
<pubDate>Tue, 01 Dec 2026 08:00:00 +0700</pubDate></item>
<item><title>Giá điện tăng</title><link>javascript:alert(1)</link><description>Bà con lo lắng.</description></item>
<item><title></title><description></description></item>
</channel></rss>""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Cổng thông tin</title>
<entry><title>Sạt lở bờ sông</title><link rel="alternate" href="https://example.vn/b"/>
<summary>Người dân Cồn Khương lo ngại sạt lở.</summary><updated>2026-12-01T09:30:00Z</updated></entry>
</feed>""".encode()


class TestParse(unittest.TestCase):
	def test_rss_items_as_plain_text_with_their_dates(self):
		items = parse(RSS, "RSS/Atom")
		self.assertEqual(len(items), 2)
		self.assertEqual(items[0].title, "Kẹt xe kéo dài trên đường 30 Tháng 4")
		self.assertEqual(items[0].text, "Người dân bức xúc vì kẹt xe giờ cao điểm.")
		self.assertEqual(items[0].link, "https://example.vn/a")
		self.assertEqual(items[0].published.isoformat(), "2026-12-01T08:00:00+07:00")
		# A link of another scheme is not kept.
		self.assertIsNone(items[1].link)

	def test_atom_entries(self):
		[item] = parse(ATOM, "RSS/Atom")
		self.assertEqual((item.title, item.link), ("Sạt lở bờ sông", "https://example.vn/b"))
		self.assertEqual(item.published.isoformat(), "2026-12-01T09:30:00+00:00")

	def test_csv_and_json_with_their_columns(self):
		data = "Title,Content,Link,Published\nGiá xăng,Bà con lo giá xăng tăng,https://x.vn/1,2026-11-30\n"
		[item] = parse(data.encode("utf-8-sig"), "CSV")
		self.assertEqual(
			(item.title, item.text, item.link), ("Giá xăng", "Bà con lo giá xăng tăng", "https://x.vn/1")
		)
		items = parse('{"items": [{"text": "Đường ngập sau mưa"}, {"title": null}]}'.encode(), "JSON")
		self.assertEqual([item.text for item in items], ["Đường ngập sau mưa"])

	def assertRefused(self, code, data, format):
		with self.assertRaises(SignalError) as caught:
			parse(data, format)
		self.assertEqual(caught.exception.code, code)

	def test_bad_input_is_refused_with_its_reason(self):
		self.assertRefused("not_xml", b"<html><body>oops", "RSS/Atom")
		self.assertRefused("not_feed", b"<html><body>oops</body></html>", "RSS/Atom")
		bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>'
		self.assertRefused("forbidden_xml", bomb, "RSS/Atom")
		self.assertRefused("columns", b"name,age\nA,3\n", "CSV")
		self.assertRefused("not_json", b"{oops", "JSON")
		self.assertRefused("json_shape", b'{"items": "x"}', "JSON")
		self.assertRefused("encoding", "tiêu đề,x\n".encode("utf-16"), "CSV")
		self.assertRefused("too_large", b" " * (MAX_BYTES + 1), "CSV")


class TestAddressesAndKeys(unittest.TestCase):
	def test_only_http_and_https(self):
		self.assertEqual(check_url(" https://example.vn/rss "), "https://example.vn/rss")
		for url, code in (
			("file:///etc/passwd", "scheme"),
			("ftp://example.vn/a.csv", "scheme"),
			("example.vn/rss", "scheme"),
			("http:///rss", "no_host"),
		):
			with self.subTest(url=url), self.assertRaises(SignalError) as caught:
				check_url(url)
			self.assertEqual(caught.exception.code, code)

	def test_private_addresses(self):
		for address in (
			"127.0.0.1",
			"10.1.2.3",
			"192.168.0.1",
			"169.254.169.254",
			"::1",
			"::ffff:127.0.0.1",
			"0.0.0.0",
		):
			with self.subTest(address=address):
				self.assertTrue(is_private_address(address))
		self.assertFalse(is_private_address("8.8.8.8"))

	def test_key_is_stable_per_source(self):
		item = SignalItem("Tiêu đề", "Nội dung", "https://x.vn/1")
		edited = SignalItem("Tiêu đề mới", "Nội dung khác", "https://x.vn/1")
		self.assertEqual(signal_key("A", item), signal_key("A", edited))
		self.assertNotEqual(signal_key("A", item), signal_key("B", item))
		self.assertEqual(
			signal_key("A", SignalItem("Tiêu Đề", "Nội dung")),
			signal_key("A", SignalItem("tiêu đề", "nội dung")),
		)
