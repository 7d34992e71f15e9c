"""Opinion signals on a site: the city's sources read from attached files and from URLs served by a local
HTTP server, classified by the site's model, de-duplicated; bad content (not XML, wrong columns, too
large, timed out, redirected to file:, a private address) noted on the source with nothing stored; the
sources and signals the city's only."""

import copy
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import frappe
from frappe.utils import add_to_date, getdate, now_datetime, today

from dlxh_app.dlxh_reporting.ai import corpus, signals, store
from dlxh_app.dlxh_reporting.ai.classifier import MIN_MACRO_F1, Sample, train
from dlxh_app.dlxh_reporting.rules.signals import MAX_BYTES
from dlxh_app.tests.base import SharedFixtureTestCase
from dlxh_app.tests.utils import make_unit, make_user

CITY = "SIG Ban Tuyên giáo Thành ủy"
WARD = "SIG Đảng ủy phường An Hòa"
CITY_OFFICER = "sig.city.officer@test.local"
OFFICER = "sig.ward.officer@test.local"

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Báo địa phương</title>
<item><title>Kẹt xe giờ cao điểm</title><link>https://example.vn/ket-xe</link>
<description>Bà con rất bức xúc vì kẹt xe giờ cao điểm trên đường 30 Tháng 4 kéo dài.</description>
<pubDate>Tue, 01 Dec 2026 08:00:00 +0700</pubDate></item>
<item><title>Giá điện</title><link>https://example.vn/gia-dien</link>
<description>Người dân lo lắng giá điện tăng ảnh hưởng đời sống.</description></item>
</channel></rss>""".encode()

ROUTES = {
	"/feed.xml": RSS,
	"/not-xml": b"<html><body>Trang web, kh\xc3\xb4ng ph\xe1\xba\xa3i RSS",
	"/wrong.csv": "họ tên,tuổi\nAn,30\n".encode(),
	"/big.csv": b"text\n" + b"a" * MAX_BYTES,
}


class Handler(BaseHTTPRequestHandler):
	def do_GET(self):
		if self.path == "/slow":
			time.sleep(2.5)
		if self.path == "/to-file":
			self.send_response(302)
			self.send_header("Location", "file:///etc/passwd")
			self.end_headers()
			return
		body = ROUTES.get(self.path, RSS if self.path == "/slow" else None)
		if body is None:
			self.send_response(404)
			self.end_headers()
			return
		self.send_response(200)
		self.send_header("Content-Length", str(len(body)) if self.path != "/big.csv" else "")
		self.end_headers()
		try:
			self.wfile.write(body)
		except OSError:
			pass

	def log_message(self, *args):
		pass


class TestOpinionSignals(SharedFixtureTestCase):
	@classmethod
	def make_fixture(cls):
		make_unit(CITY, unit_type="City Department", abbreviation="SBTG", is_group=1)
		make_unit(
			WARD,
			unit_type="Commune/Ward Party Committee",
			abbreviation="SĐAH",
			parent_dlxh_unit=CITY,
			is_reporting_unit=1,
		)
		make_user(CITY_OFFICER, ["DLXH City Officer"], CITY)
		make_user(OFFICER, ["DLXH Unit Officer"], WARD)
		entries = corpus.generate(600, [WARD], getdate(today()), seed=5)
		cls.kept = store.model_path().with_suffix(".signals-kept")
		if store.model_path().exists():
			shutil.move(store.model_path(), cls.kept)
		samples = [Sample(entry["content"], entry["topic"], entry["trend"]) for entry in entries]
		cls.model = train(samples, version=7, trained_on=str(getdate(today())))
		store.save_model(cls.model)
		cls.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		cls.server.daemon_threads = True
		threading.Thread(target=cls.server.serve_forever, daemon=True).start()
		cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"

	@classmethod
	def tearDownClass(cls):
		cls.server.shutdown()
		cls.server.server_close()
		store.model_path().unlink(missing_ok=True)
		if cls.kept.exists():
			shutil.move(cls.kept, store.model_path())
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		frappe.set_user(CITY_OFFICER)

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def source(self, name, format="RSS/Atom", url=None, content=None, file_name="signals.csv"):
		file_url = None
		if content is not None:
			file_url = (
				frappe.get_doc(
					{"doctype": "File", "file_name": file_name, "content": content, "is_private": 1}
				)
				.insert()
				.file_url
			)
		return frappe.get_doc(
			{
				"doctype": "Opinion Signal Source",
				"source_name": name,
				"format": format,
				"url": url,
				"file": file_url,
			}
		).insert()

	def signals_of(self, source):
		return frappe.get_all(
			"Opinion Signal",
			{"source": source},
			["title", "text", "link", "topic", "topic_confidence", "trend", "model_version", "published_on"],
			order_by="title",
		)

	def allowed(self):
		return mock.patch.dict(frappe.conf, {"dlxh_signals_allow_private_network": 1})

	def test_a_feed_is_imported_classified_and_not_twice(self):
		source = self.source("SIG báo địa phương", url=f"{self.base}/feed.xml")
		with self.allowed():
			outcome = signals.import_source(source.name)
		self.assertEqual((outcome["status"], outcome["imported"]), ("Imported", 2))
		found = self.signals_of(source.name)
		self.assertEqual([row.title for row in found], ["Giá điện", "Kẹt xe giờ cao điểm"])
		traffic = found[1]
		expected = self.model.suggest(f"{traffic.title}. {traffic.text}")
		self.assertEqual(traffic.topic, expected["topic"]["value"])
		self.assertEqual(traffic.trend, expected["trend"]["value"])
		self.assertAlmostEqual(traffic.topic_confidence, expected["topic"]["confidence"] * 100, delta=0.1)
		self.assertEqual(traffic.model_version, 7)
		# 08:00 in UTC+7 is 08:00 in the site's time zone (Asia/Ho_Chi_Minh).
		self.assertEqual(str(traffic.published_on), "2026-12-01 08:00:00")
		with self.allowed():
			again = signals.import_source(source.name)
		self.assertEqual(again["imported"], 0)
		self.assertEqual(len(self.signals_of(source.name)), 2)
		source.reload()
		self.assertEqual((source.last_status, source.signals_imported), ("Imported", 2))
		self.assertIn("0 new signals, 2 already imported", source.last_message)

	def test_csv_and_json_files(self):
		csv_source = self.source(
			"SIG tệp CSV",
			"CSV",
			content="title,content,link\nNgập nước,Đường ngập sau mưa lớn,https://x.vn/1\n"
			"Ngập nước,Đường ngập sau mưa lớn,https://x.vn/1\n",
		)
		self.assertEqual(signals.import_source(csv_source.name)["imported"], 1)
		json_source = self.source(
			"SIG tệp JSON",
			"JSON",
			content='[{"text": "Bà con phấn khởi vì đường mới thông xe"}, {"title": "Học phí"}]',
			file_name="signals.json",
		)
		self.assertEqual(signals.import_source(json_source.name)["imported"], 2)
		self.assertEqual(
			{row.title for row in self.signals_of(json_source.name)},
			{"Bà con phấn khởi vì đường mới thông xe", "Học phí"},
		)

	def test_bad_content_is_named_on_the_source_and_nothing_stored(self):
		cases = (
			("not-xml", "/not-xml", "RSS/Atom", "is not XML", True),
			("wrong", "/wrong.csv", "CSV", "needs a title or text column", True),
			("big", "/big.csv", "CSV", "larger than 5 MB", True),
			("slow", "/slow", "RSS/Atom", "did not answer within 1 seconds", True),
			("to-file", "/to-file", "RSS/Atom", "Only http and https", True),
			("missing", "/missing", "RSS/Atom", "HTTP error 404", True),
			("private", "/feed.xml", "RSS/Atom", "private network", False),
		)
		for key, path, format, text, allowed in cases:
			with self.subTest(case=key):
				source = self.source(f"SIG {key}", format, url=f"{self.base}{path}")
				with (
					mock.patch.object(signals, "TIMEOUT", 1),
					mock.patch.dict(frappe.conf, {"dlxh_signals_allow_private_network": int(allowed)}),
				):
					outcome = signals.import_source(source.name)
				self.assertEqual(outcome["status"], "Failed")
				self.assertIn(text, outcome["message"])
				source.reload()
				self.assertEqual(source.last_status, "Failed")
				self.assertIn(text, source.last_message)
				self.assertFalse(self.signals_of(source.name))

	def test_a_source_is_a_url_or_a_file_of_http_or_https(self):
		for url in ("ftp://example.vn/a.csv", "file:///etc/passwd", None):
			with self.subTest(url=url), self.assertRaises(frappe.ValidationError):
				self.source(f"SIG {url}", url=url)
		with self.assertRaises(frappe.ValidationError):
			self.source("SIG cả hai", "CSV", url="https://example.vn/a.csv", content="title\nA\n")

	def test_the_citys_only_and_linkable_to_entries(self):
		source = self.source("SIG liên kết", "CSV", content="title,text\nKẹt xe,Bà con bức xúc vì kẹt xe\n")
		signals.import_source(source.name)
		[name] = frappe.get_all("Opinion Signal", {"source": source.name}, pluck="name")
		frappe.set_user("Administrator")
		values = corpus.generate(1, [WARD], getdate(today()), bursts=False)[0]
		entry = frappe.get_doc(values).insert()
		frappe.set_user(CITY_OFFICER)
		signal = frappe.get_doc("Opinion Signal", name)
		classified = signal.topic
		signal.opinion_entry = entry.name
		signal.topic = "Không có chủ đề này"  # server-owned: kept as classified
		signal.save()
		signal.reload()
		self.assertEqual((signal.opinion_entry, signal.topic), (entry.name, classified))
		frappe.set_user(OFFICER)
		for doctype in ("Opinion Signal Source", "Opinion Signal"):
			with self.subTest(doctype=doctype):
				self.assertFalse(frappe.has_permission(doctype, "read"))
				with self.assertRaises(frappe.PermissionError):
					frappe.get_list(doctype)
		with self.assertRaises(frappe.PermissionError):
			signals.fetch_source(source.name)

	def test_due_sources_by_their_interval(self):
		names = {}
		for key, hours, ago, enabled in (
			("new", 6, None, 1),
			("due", 6, 6, 1),
			("recent", 6, 2, 1),
			("hourly", 1, 1, 1),
			("off", 6, None, 0),
		):
			source = self.source(f"SIG hạn {key}", url="https://example.vn/rss")
			last = add_to_date(now_datetime(), hours=-ago) if ago else None
			source.db_set({"fetch_every_hours": hours, "last_fetched": last, "enabled": enabled})
			names[key] = source.name
		due = set(signals.due_sources()) & set(names.values())
		self.assertEqual(due, {names["new"], names["due"], names["hourly"]})

	def test_no_topic_when_the_models_topic_quality_is_below_the_threshold(self):
		weak = copy.deepcopy(self.model)
		weak.metrics["topic"]["macro_f1"] = MIN_MACRO_F1 - 0.01
		store.save_model(weak)
		self.addCleanup(store.save_model, self.model)
		source = self.source(
			"SIG mô hình yếu", "CSV", content="text\nBà con rất bức xúc vì kẹt xe giờ cao điểm\n"
		)
		signals.import_source(source.name)
		[signal] = self.signals_of(source.name)
		self.assertIsNone(signal.topic)
		self.assertEqual(signal.trend, self.model.suggest(f". {signal.text}")["trend"]["value"])

	def test_the_city_queues_a_fetch(self):
		source = self.source("SIG lấy ngay", url="https://example.vn/rss")
		self.assertIn("Last Fetch", signals.fetch_source(source.name))
		with self.assertRaises(frappe.DoesNotExistError):
			signals.fetch_source("SIG không có")
