"""The opinion AI's demo: thousands of labelled opinion entries of the last twelve weeks in the reporting
units that exist today (dlxh_reporting/ai/corpus.py, a fixed seed), recorded by each unit's officer and
written with bulk inserts (the ORM would take minutes), then the site's model trained on them, so that an
officer typing an entry sees suggestions at once and the city officer sees this week's emerging issues and
the similar opinions. The README's collaborator's unit is left out: its walkthrough pulls its own entries.

Numbered from the entries' naming series as an insert would be (the series is advanced once per year)."""

from collections import defaultdict

import frappe
from frappe.utils import getdate, now_datetime

from dlxh_app.dlxh_reporting.ai import corpus
from dlxh_app.dlxh_reporting.ai.classifier import NotEnoughLabels
from dlxh_app.dlxh_reporting.ai.store import load_model, train_site_model
from dlxh_app.dlxh_setup.rules.validity import is_valid_on
from dlxh_app.setup.demo_reports import COLLABORATOR
from dlxh_app.setup.demo_users import staff_of

ENTRIES = 3000
SEED = 2026
FIELDS = (
	"name",
	"owner",
	"modified_by",
	"creation",
	"modified",
	"docstatus",
	"entry_date",
	"unit",
	"topic",
	"trend",
	"level_of_interest",
	"social_stratum",
	"source",
	"content",
	"verification_status",
)


def make_ai_demo(units: list[dict], today, count: int = ENTRIES, train: bool = True) -> int:
	"""The entries once per site (none when the demo's exist already), and the model when they were
	written or the site has none. Returns how many entries were written."""
	today = getdate(today)
	skip = frappe.db.get_value("User", COLLABORATOR, "dlxh_unit")
	officers = {
		row["unit"]: staff_of(row)["officer"]
		for row in units
		if row["unit"] != skip and unit_exists_on(row["unit"], today)
	}
	made = 0
	if officers and not frappe.db.exists("Opinion Entry", {"content": first_content(list(officers), today)}):
		entries = corpus.generate(count, list(officers), today, seed=SEED)
		insert_entries(entries, officers)
		made = len(entries)
	# The model is a file of the site, which a test's rollback would not remove: tests train their own. A
	# site restored without its private files gets its model again here.
	if train and not frappe.flags.in_test and (made or not load_model()):
		try:
			train_site_model()
		except NotEnoughLabels:
			pass
	make_signal_demo(today)
	return made


def first_content(units: list[str], today) -> str:
	return corpus.generate(1, units, today, seed=SEED, bursts=False)[0]["content"]


def unit_exists_on(unit: str, day) -> bool:
	valid_from, valid_to = frappe.db.get_value("DLXH Unit", unit, ["valid_from", "valid_to"]) or (None, None)
	return is_valid_on(valid_from, valid_to, day)


def insert_entries(entries: list[dict], officers: dict[str, str]):
	"""Bulk-inserted, oldest first, named from the entries' series ("YK-.YYYY.-.#####")."""
	entries = sorted(entries, key=lambda entry: entry["entry_date"])
	by_year = defaultdict(list)
	for entry in entries:
		by_year[entry["entry_date"][:4]].append(entry)
	now = now_datetime()
	rows = []
	for year, of_year in by_year.items():
		first = reserve(f"YK-{year}-", len(of_year))
		for number, entry in enumerate(of_year, start=first):
			owner = officers[entry["unit"]]
			stamp = f"{entry['entry_date']} 19:30:00" if entry["entry_date"] < str(now.date()) else now
			rows.append(
				(
					f"YK-{year}-{number:05d}",
					owner,
					owner,
					stamp,
					stamp,
					0,
					*(entry[field] for field in FIELDS[6:]),
				)
			)
	frappe.db.bulk_insert("Opinion Entry", FIELDS, rows, chunk_size=1000)


def reserve(prefix: str, count: int) -> int:
	"""The first of `count` numbers taken from the naming series `prefix`, as `count` inserts would."""
	current = frappe.db.get_value("Series", prefix, "current", order_by="name")
	if current is None:
		frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, 0)", prefix)
		current = 0
	frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (int(current) + count, prefix))
	return int(current) + 1


SIGNAL_SOURCE = "Điểm tin báo chí địa phương (mẫu)"
# Headlines the office collected from the local press, as a CSV file (days before today, title, text).
SIGNALS = (
	(
		1,
		"Kẹt xe kéo dài trên đường 30 Tháng 4 giờ cao điểm",
		"Người dân bức xúc vì kẹt xe giờ cao điểm, đề nghị phân luồng giao thông.",
	),
	(
		1,
		"Sạt lở bờ sông ở Cồn Khương",
		"Bà con lo lắng vì sạt lở bờ sông uy hiếp nhà cửa, mong sớm có kè chống sạt lở.",
	),
	(
		2,
		"Giá xăng dầu tăng, tiểu thương lo chi phí",
		"Tiểu thương ở chợ phản ánh giá xăng dầu tăng làm chi phí vận chuyển tăng theo.",
	),
	(
		2,
		"Phường mới sau sắp xếp đi vào hoạt động",
		"Người dân đồng tình với việc sắp xếp đơn vị hành chính, thủ tục tại phường mới thuận tiện.",
	),
	(
		3,
		"Cảnh báo lừa đảo qua ứng dụng đầu tư tiền ảo",
		"Nhiều người dân bị lừa đảo qua ứng dụng đầu tư tiền ảo, đề nghị công an tăng cường tuyên truyền.",
	),
	(
		4,
		"Chuẩn bị Đại hội Đảng bộ thành phố",
		"Cán bộ, đảng viên quan tâm công tác chuẩn bị văn kiện và nhân sự đại hội đảng bộ các cấp.",
	),
	(
		5,
		"Ngập nước sau mưa lớn ở nội ô",
		"Nhiều tuyến đường ngập sâu sau mưa lớn, người dân đề nghị nạo vét cống thoát nước.",
	),
	(
		6,
		"Học phí năm học mới",
		"Phụ huynh phấn khởi vì được miễn học phí, mong nhà trường minh bạch các khoản thu.",
	),
)


def make_signal_demo(today) -> int:
	"""A source of the city (an attached CSV file: the demo reads no network) read into Opinion Signals,
	classified by the site's model when it has one. Returns the signals made (none when it exists)."""
	from dlxh_app.dlxh_reporting.ai.signals import import_source

	if frappe.db.exists("Opinion Signal Source", SIGNAL_SOURCE):
		return 0
	today = getdate(today)
	lines = ["published,title,text"] + [
		f'{frappe.utils.add_days(today, -days)},"{title}","{text}"' for days, title, text in SIGNALS
	]
	file = frappe.get_doc(
		{"doctype": "File", "file_name": "diem-tin-bao-chi.csv", "content": "\n".join(lines), "is_private": 1}
	).insert(ignore_permissions=True)
	source = frappe.get_doc(
		{
			"doctype": "Opinion Signal Source",
			"source_name": SIGNAL_SOURCE,
			"format": "CSV",
			"file": file.file_url,
		}
	).insert(ignore_permissions=True)
	file.db_set({"attached_to_doctype": source.doctype, "attached_to_name": source.name})
	return import_source(source.name)["imported"]
