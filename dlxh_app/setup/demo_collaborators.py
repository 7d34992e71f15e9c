"""The demo's collaborator network: a few hundred collaborators of the wards formed on 1 July 2025 and of
the city's mass organisations, appointed on 15 July 2025 by each unit's officer — 43 listed one by one
(setup/data/demo/collaborators.json, the people the trainings, evaluations and the README name) and the
rest generated from setup/data/demo/collaborator_network.json (how many each unit appointed, where they
live, which strata they follow; names and birth years drawn from pools by index, so always the same
people) — unevenly, so that coverage shows real gaps (a ward without anyone, a ward of workers
only, strata nobody follows, networks too small); two who have since ended and one suspended; the city's
targets and the Ninh Kiều ward's own; the city's regulation in two versions, adopted by some wards only;
a city training and a ward's, with attendance; and the previous year's evaluations of two wards.

The README's collaborator (collaborator@dlxh.local) is the Ninh Kiều ward's first: the opinions her login
records name her. Records that exist are left as they are (by name and birth year, target, version,
topic and date)."""

from datetime import date, timedelta

import frappe
from frappe.model.naming import make_autoname

from dlxh_app.dlxh_collaborators.rules.collaborator import identity_key
from dlxh_app.setup.demo_time import DemoTime, Event
from dlxh_app.setup.demo_users import acting_as
from dlxh_app.setup.install import read_data

CITY = "Ban Tuyên giáo Thành ủy Cần Thơ"
CITY_OFFICER = "officer@dlxh.local"
NINH_KIEU_WARD = "Đảng ủy phường Ninh Kiều"
APPOINTED = "2025-07-15 08:00"
REGULATION_TITLE = "Quy chế hoạt động của đội ngũ cộng tác viên dư luận xã hội thành phố Cần Thơ"
# (version, issued on, effective from, effective to, document number, when the app recorded it)
REGULATIONS = (
	(1, "2022-03-01", "2022-03-01", "2025-10-19", "125-QĐ/BTGTU", "2025-07-10 08:00"),
	(2, "2025-10-15", "2025-10-20", None, "03-QĐ/BTGTU", "2025-10-15 15:00"),
)
# (unit's officer, unit, version, adopted on)
ADOPTIONS = (
	("officer.phuongcaikhe@dlxh.local", "Đảng ủy phường Cái Khế", 1, "2025-07-20"),
	("officer.phuonganbinh@dlxh.local", "Đảng ủy phường An Bình", 1, "2025-07-22"),
	("officer.phuongninhkieu@dlxh.local", NINH_KIEU_WARD, 1, "2025-07-18"),
	("officer.phuongninhkieu@dlxh.local", NINH_KIEU_WARD, 2, "2025-11-05"),
	("officer.phuongtanan@dlxh.local", "Đảng ủy phường Tân An", 2, "2025-11-20"),
)
TARGETS = (
	{
		"unit": None,
		"min_collaborators": 5,
		"min_per_area": 2,
		"max_share": 50,
		"training_hours": 4,
		"note": "Mức chung: mỗi đơn vị ít nhất 5 cộng tác viên, mỗi xã, phường ít nhất 2",
		"lines": [
			{"dimension": "Social Stratum", "value": "Cadres and Party members", "minimum": 1},
			{"dimension": "Social Stratum", "value": "Youth and students", "minimum": 1},
		],
	},
	{
		"unit": CITY,
		"min_collaborators": 60,
		"min_per_area": 3,
		"max_share": 40,
		"training_hours": 16,
		"note": "Toàn thành phố: đủ các tầng lớp, lĩnh vực theo Kế hoạch năm 2025",
		"lines": [
			{"dimension": "Social Stratum", "value": stratum, "minimum": 2}
			for stratum in ("Workers", "Farmers", "Intellectuals", "Religious followers", "Ethnic minorities")
		]
		+ [{"dimension": "Sector", "value": "Religion", "minimum": 1}],
	},
	{
		"unit": NINH_KIEU_WARD,
		"min_collaborators": 8,
		"min_per_area": 6,
		"max_share": 50,
		"note": "Phường trung tâm: mạng lưới lớn hơn mức chung",
		"lines": [
			{"dimension": "Social Stratum", "value": "Youth and students", "minimum": 2},
			{"dimension": "Organisation Type", "value": "Women's Union", "minimum": 1},
		],
	},
)


def collaborator_events(time: DemoTime) -> list[Event]:
	people = read_data("demo/collaborators.json")
	events = [Event(time.moment(APPOINTED), lambda: appoint(people, time))]
	for person in people:
		if person.get("status_date"):
			moment = time.moment(f"{person['status_date']} 10:00")
			events.append(
				Event(moment, lambda person=person, moment=moment: change_status(person, moment, time))
			)
	events.append(Event(time.moment("2025-10-20 09:00"), lambda: set_targets(time)))
	for regulation in REGULATIONS:
		events.append(
			Event(time.moment(regulation[-1]), lambda regulation=regulation: issue(regulation, time))
		)
	for adoption in ADOPTIONS:
		moment = time.moment(f"{adoption[3]} 14:00")
		events.append(Event(moment, lambda adoption=adoption, moment=moment: adopt(adoption, moment, time)))
	events += training_events(time)
	events += evaluation_events(time)
	return [event for event in events if time.happened(event.moment)]


def collaborator_name(person: dict) -> str | None:
	return frappe.db.get_value(
		"DLXH Collaborator", {"full_name": person["full_name"], "birth_year": person["birth_year"]}, "name"
	)


def appoint(people: list[dict], time: DemoTime):
	moment = time.moment(APPOINTED)
	for person in people:
		if collaborator_name(person):
			continue
		values = {
			key: value
			for key, value in person.items()
			if key not in ("officer", "status", "status_date", "status_reason")
		}
		with acting_as(person["officer"]):
			doc = frappe.get_doc({"doctype": "DLXH Collaborator", **values}).insert()
		time.date(doc, moment, moment)
	insert_generated(generated_collaborators(read_data("demo/collaborator_network.json"), people), time)


def generated_collaborators(network: dict, listed: list[dict]) -> list[dict]:
	"""The generated collaborators of each unit of the network's data, after those listed: person i of the
	whole list takes the i-th surname, middle name and given name of the pools (the given name stepped so
	that the same full name recurs rarely), a birth year within their stratum's range, their unit's areas
	and strata in turn, and the next decision number of their unit. Fails if the same person (name, birth
	year — whatever the area, so that a name and birth year find one record) comes out twice or is listed
	already, so the data can never make a duplicate."""
	officers = {person["managing_unit"]: person["officer"] for person in listed}
	numbers = {}
	for person in listed:
		numbers[person["managing_unit"]] = numbers.get(person["managing_unit"], 0) + 1
	seen = {identity_key(p["full_name"], p["birth_year"], None) for p in listed}
	surnames, middles, givens = network["surnames"], network["middle_names"], network["given_names"]
	people = []
	index = 0
	for spec in network["units"]:
		unit = spec["unit"]
		for position in range(spec["count"]):
			stratum_name = spec["strata"][position % len(spec["strata"])]
			stratum = network["strata"][stratum_name]
			area = spec["areas"][position % len(spec["areas"])]
			gender = spec.get("gender") or ("Male", "Female")[index % 2]
			first, last = stratum["born"]
			birth_year = first + (index * 7) % (last - first + 1)
			full_name = " ".join(
				(
					surnames[index % len(surnames)],
					middles[gender][(index // len(surnames)) % len(middles[gender])],
					givens[gender][(index * 7 + index // len(givens[gender])) % len(givens[gender])],
				)
			)
			key = identity_key(full_name, birth_year, None)
			if key in seen:
				raise ValueError(f"The demo's network data makes {full_name} ({birth_year}, {area}) twice")
			seen.add(key)
			numbers[unit] = numbers.get(unit, 0) + 1
			organisation = stratum["organisation"].format(n=position % 9 + 1)
			people.append(
				{
					"officer": officers[unit],
					"full_name": full_name,
					"gender": gender,
					"birth_year": birth_year,
					"ethnicity": "Kinh",
					"party_member": stratum["party_member"],
					"education_level": stratum["education_level"],
					"political_theory_level": stratum["political_theory_level"],
					"occupation": organisation,
					"social_stratum": stratum_name,
					"sector": stratum["sector"],
					"organisation_type": spec.get("organisation_type") or stratum["organisation_type"],
					"organisation": organisation,
					"managing_unit": unit,
					"residential_area": area,
					"phone": f"0292 3{(index * 7919) % 100000:05d}",
					"decision_number": f"{numbers[unit]:02d}-QĐ/CTV",
					"decision_date": APPOINTED[:10],
					"decision_issuer": unit,
					"term_start": APPOINTED[:10],
					"criteria": network["criteria"][: 3 + index % 2],
				}
			)
			index += 1
	return people


def insert_generated(people: list[dict], time: DemoTime):
	"""The generated collaborators in two bulk inserts (the collaborators and their criteria), as their
	unit's officer made them on the day of appointment: the data is valid by construction (checked when
	generated and by the demo's tests), and going through the form's checks one by one would make the demo
	several times slower. Those registered already are left as they are."""
	existing = {
		(row.full_name, row.birth_year)
		for row in frappe.get_all("DLXH Collaborator", fields=["full_name", "birth_year"], limit=0)
	}
	people = [person for person in people if (person["full_name"], person["birth_year"]) not in existing]
	if not people:
		return
	stored = time.stored(time.moment(APPOINTED))
	fields = [key for key in people[0] if key not in ("officer", "criteria")]
	common = ["name", "owner", "modified_by", "creation", "modified", "docstatus", "status"]
	# The names the naming series gives, taken as one block.
	first = int(make_autoname("CTV-.#####", "DLXH Collaborator").rsplit("-", 1)[1])
	frappe.db.sql(
		"update `tabSeries` set `current` = %s where `name` = %s", (first + len(people) - 1, "CTV-")
	)
	rows, criteria = [], []
	for number, person in enumerate(people, first):
		name = f"CTV-{number:05d}"
		rows.append(
			[name, person["officer"], person["officer"], stored, stored, 0, "Active"]
			+ [person[field] for field in fields]
		)
		criteria += [
			[
				frappe.generate_hash(length=10),
				name,
				"DLXH Collaborator",
				"criteria",
				idx,
				person["officer"],
				person["officer"],
				stored,
				stored,
				row["criterion"],
				row["met"],
				row["note"],
			]
			for idx, row in enumerate(person["criteria"], 1)
		]
	frappe.db.bulk_insert("DLXH Collaborator", common + fields, rows)
	frappe.db.bulk_insert(
		"DLXH Collaborator Criterion",
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"owner",
			"modified_by",
			"creation",
			"modified",
			"criterion",
			"met",
			"note",
		],
		criteria,
	)


def change_status(person: dict, moment, time: DemoTime):
	name = collaborator_name(person)
	if not name or frappe.db.get_value("DLXH Collaborator", name, "status") == person["status"]:
		return
	with acting_as(person["officer"]):
		doc = frappe.get_doc("DLXH Collaborator", name)
		doc.update(
			{
				"status": person["status"],
				"status_date": moment.date(),
				"status_reason": person["status_reason"],
			}
		)
		doc.save()
	time.date(doc, moment - timedelta(days=1000), moment)
	frappe.db.set_value(
		"DLXH Collaborator", name, "creation", time.stored(time.moment(APPOINTED)), update_modified=False
	)


def set_targets(time: DemoTime):
	moment = time.moment("2025-10-20 09:00")
	for target in TARGETS:
		if frappe.db.exists("Collaborator Target", target["unit"] or "Default"):
			continue
		with acting_as(CITY_OFFICER):
			doc = frappe.get_doc({"doctype": "Collaborator Target", **target}).insert()
		time.date(doc, moment, moment)


def issue(regulation: tuple, time: DemoTime):
	version, issued, effective_from, effective_to, number, recorded = regulation
	if frappe.db.exists("Collaborator Regulation", {"version": version}):
		return
	with acting_as(CITY_OFFICER):
		doc = frappe.get_doc(
			{
				"doctype": "Collaborator Regulation",
				"title": REGULATION_TITLE,
				"version": version,
				"issuing_unit": CITY,
				"document_number": number,
				"issue_date": issued,
				"effective_from": effective_from,
				"effective_to": effective_to,
				"content": "<p>Quy định tiêu chuẩn, nhiệm vụ, quyền hạn, chế độ thông tin, báo cáo và khen thưởng"
				" của cộng tác viên dư luận xã hội.</p>",
			}
		).insert()
	time.date(doc, time.moment(recorded), time.moment(recorded))


def adopt(adoption: tuple, moment, time: DemoTime):
	officer, unit, version, adopted_on = adoption
	regulation = frappe.db.get_value("Collaborator Regulation", {"version": version}, "name")
	if not regulation or frappe.db.exists(
		"Collaborator Regulation Adoption", {"unit": unit, "regulation": regulation}
	):
		return
	with acting_as(officer):
		doc = frappe.get_doc(
			{
				"doctype": "Collaborator Regulation Adoption",
				"unit": unit,
				"regulation": regulation,
				"adopted_on": adopted_on,
			}
		).insert()
	time.date(doc, moment, moment)


def training_events(time: DemoTime) -> list[Event]:
	"""The city's training of the new wards' collaborators, a ward's own, and one planned."""
	people = read_data("demo/collaborators.json")
	city_invited = [p for p in people if p["managing_unit"].startswith("Đảng ủy phường")][:14]
	ninh_kieu = [p for p in people if p["managing_unit"] == NINH_KIEU_WARD and not p.get("status")]
	cai_khe = [p for p in people if p["managing_unit"] == "Đảng ủy phường Cái Khế"]
	today = time.today
	return [
		Event(
			time.moment("2025-08-20 08:00"),
			lambda: train(
				CITY_OFFICER,
				CITY,
				"Kỹ năng nắm bắt, tổng hợp và phản ánh dư luận xã hội",
				date(2025, 8, 20),
				8,
				"Phòng Thông tin - Tổng hợp, Ban Tuyên giáo Thành ủy",
				city_invited,
				absent={2, 9},
				officers=["officer.phuongninhkieu@dlxh.local", "officer.phuongcaikhe@dlxh.local"],
				time=time,
			),
		),
		Event(
			time.at(today - timedelta(days=40), 14),
			lambda: train(
				"officer.phuongninhkieu@dlxh.local",
				NINH_KIEU_WARD,
				"Nhận diện thông tin xấu, độc trên mạng xã hội",
				today - timedelta(days=40),
				4,
				"Báo cáo viên Đảng ủy phường",
				ninh_kieu,
				absent={3},
				time=time,
			),
		),
		Event(
			time.at(today - timedelta(days=5), 9),
			lambda: train(
				"officer.phuongcaikhe@dlxh.local",
				"Đảng ủy phường Cái Khế",
				"Phản ánh dư luận về sắp xếp tổ chức bộ máy",
				today + timedelta(days=10),
				3,
				"Báo cáo viên Đảng ủy phường",
				cai_khe,
				absent=set(range(len(cai_khe))),
				time=time,
			),
		),
	]


def train(officer, unit, topic, day, hours, trainer, invited, absent, time, officers=()):
	if frappe.db.exists("Collaborator Training", {"topic": topic, "training_date": day}):
		return
	rows = [
		{"collaborator": collaborator_name(person), "attended": int(index not in absent)}
		for index, person in enumerate(invited)
		if collaborator_name(person)
	]
	rows += [{"user": user, "attended": 1} for user in officers]
	with acting_as(officer):
		doc = frappe.get_doc(
			{
				"doctype": "Collaborator Training",
				"topic": topic,
				"training_date": day,
				"hours": hours,
				"organiser_unit": unit,
				"trainer": trainer,
				"participants": rows,
			}
		).insert()
	moment = time.at(min(day, time.today), 17)
	time.date(doc, moment, moment)


def evaluation_events(time: DemoTime) -> list[Event]:
	"""The previous year's evaluations of the Ninh Kiều and Tân An wards' collaborators, made in the
	middle of January (yesterday, early in January)."""
	year = time.today.year - 1
	moment = time.at(date(time.today.year, 1, 15), 9)
	if not time.happened(moment):
		moment = time.at(time.today - timedelta(days=1), 9)
	if year < 2025:
		return []
	return [Event(moment, lambda: evaluate(year, moment, time))]


def evaluate(year: int, moment, time: DemoTime):
	ratings = (
		("Duties excellently fulfilled", "Renew term", "Phản ánh kịp thời, nhiều ý kiến được sử dụng"),
		("Duties well fulfilled", "Keep collaborating", "Tham gia đầy đủ, cần chủ động hơn"),
		("Duties fulfilled", "Keep collaborating", "Cần tham gia tập huấn nhiều hơn"),
	)
	people = read_data("demo/collaborators.json")
	for index, person in enumerate(
		p
		for p in people
		if p["managing_unit"] in (NINH_KIEU_WARD, "Đảng ủy phường Tân An") and not p.get("status")
	):
		name = collaborator_name(person)
		if not name or frappe.db.exists(
			"Collaborator Evaluation", {"collaborator": name, "evaluation_year": year}
		):
			continue
		rating, recommendation, comment = ratings[index % len(ratings)]
		with acting_as(person["officer"]):
			doc = frappe.get_doc(
				{
					"doctype": "Collaborator Evaluation",
					"collaborator": name,
					"evaluation_year": year,
					"rating": rating,
					"recommendation": recommendation,
					"comment": comment,
				}
			).insert()
		time.date(doc, moment, moment)
