"""The demo's survey responses: synthetic respondents for the three surveys of the city's 2025 plan, stored
through `store_responses` (every answer checked as the public page, paper entry and import check it) while
each survey is in the field.

Respondents are drawn per stratum, each stratum slightly off its target (so that weighting matters), the
survey in the field still short of its targets. Their answers depend on who they are: a latent attitude
moved by their area, age group, occupation or group, and the survey (after the merger, distance to the ward
office weighs more in the outer wards; Party members know the resolution best), so cross-tabs show real
differences. Skip logic and constraints are honoured by construction: a question is answered only when its
`relevant` holds, and a multiple choice is drawn again until its constraint holds."""

import random
from datetime import datetime, timedelta

import frappe

from dlxh_app.dlxh_surveys.questionnaire import get_form
from dlxh_app.dlxh_surveys.responses import IMPORT, ONLINE, PAPER, store_responses
from dlxh_app.dlxh_surveys.rules.expression import evaluate
from dlxh_app.dlxh_surveys.rules.questionnaire import (
	DATE,
	DECIMAL,
	INTEGER,
	LIKERT,
	SELECT_MULTIPLE,
	SELECT_ONE,
	TEXT,
)
from dlxh_app.setup.demo_time import DemoTime, Event

ENUMERATOR = "enumerator@dlxh.local"
# Per survey: when its responses are stored (a workflow step it happens before, or after), the share of
# each stratum's target reached, and how attitudes lean.
PLANS = {
	"before": {"until": "End Collection", "reached": (0.88, 1.12), "channels": {PAPER: 0.8, IMPORT: 0.2}},
	"after": {"until": "End Collection", "reached": (0.85, 1.15), "channels": {PAPER: 0.7, IMPORT: 0.3}},
	"resolution": {
		"after": "Start Collection",
		"reached": (0.45, 0.75),
		"channels": {PAPER: 0.5, ONLINE: 0.5},
	},
}
# How an answer moves the respondent's attitude (about -1 to +1), by question code and value.
LEANINGS = {
	"nhom_tuoi": {"tu_18_29": 0.25, "tu_30_44": 0.1, "tu_45_59": -0.05, "tu_60": -0.25},
	"nghe_nghiep": {
		"can_bo": 0.45,
		"huu_tri": 0.1,
		"nong_dan": -0.35,
		"cong_nhan": -0.15,
		"kinh_doanh": -0.1,
	},
	"doi_tuong": {"dang_vien": 0.7, "doan_vien": 0.25, "nhan_dan": -0.3},
	"gioi_tinh": {"nu": 0.05},
}
# After the merger, the outer wards are farther from their new ward office.
OUTER_WARDS = {"long_tuyen": -0.5, "thoi_an_dong": -0.45, "binh_thuy": -0.2, "ninh_kieu": 0.2, "tan_an": 0.15}
# Skewed draws of demographic answers (others uniform).
WEIGHTS = {
	"gioi_tinh": {"nam": 48, "nu": 52},
	"nhom_tuoi": {"tu_18_29": 24, "tu_30_44": 31, "tu_45_59": 27, "tu_60": 18},
	"dan_toc": {"kinh": 90, "khmer": 6, "hoa": 3, "khac": 1},
	"ton_giao": {"khong": 58, "phat_giao": 20, "hoa_hao": 11, "cong_giao": 5, "cao_dai": 5, "khac": 1},
	"nghe_nghiep": {
		"can_bo": 14,
		"cong_nhan": 20,
		"nong_dan": 12,
		"kinh_doanh": 24,
		"hoc_sinh": 9,
		"huu_tri": 11,
		"khac": 10,
	},
}
SUGGESTIONS = (
	"Cần niêm yết rõ thủ tục, thời gian giải quyết tại bộ phận một cửa.",
	"Đề nghị bố trí thêm điểm tiếp nhận hồ sơ ở khu vực xa trụ sở.",
	"Hướng dẫn người dân sử dụng dịch vụ công trực tuyến.",
	"Tăng cường tuyên truyền qua loa phát thanh và họp tổ dân phố.",
	"Cán bộ cần thân thiện, giải thích rõ ràng hơn.",
)


def response_events(spec: dict, made: dict[str, str], time: DemoTime) -> list[Event]:
	"""The event storing a survey's responses, at the moment its plan gives."""
	plan = PLANS.get(spec["key"])
	if not plan:
		return []
	steps = {step["action"]: time.moment(step["at"]) for step in spec["workflow"]}
	start = steps.get("Start Collection")
	if start is None:
		return []
	if "until" in plan and plan["until"] in steps:
		end = steps[plan["until"]]
		moment = end - timedelta(minutes=1)
	elif "after" in plan and plan["after"] in steps:
		end = time.moment("today+0 07:00")
		moment = steps[plan["after"]] + timedelta(minutes=1)
	else:
		return []
	return [Event(moment, lambda: store_demo_responses(spec, made[spec["key"]], start, end, time))]


def store_demo_responses(spec: dict, survey: str, start: datetime, end: datetime, time: DemoTime) -> None:
	"""Each stratum's respondents, each by a channel of the plan at a moment of its window: paper and
	import over the collection, online while the public page is open."""
	plan = PLANS[spec["key"]]
	doc = frappe.get_doc("Opinion Survey", survey)
	form = get_form(doc.questionnaire)
	codes = doc.strata_codes()
	generator = random.Random(f"dlxh-demo-{spec['key']}")
	respondents: list[dict] = []
	for stratum in doc.strata:
		low, high = plan["reached"]
		wanted = round(stratum.target * generator.uniform(low, high))
		fixed = dict(zip(codes, stratum.stratum_key.split("|"), strict=True))
		respondents.extend(respondent(form, fixed, spec["key"], generator) for _index in range(wanted))
	generator.shuffle(respondents)
	online_window = None
	if doc.online_enabled and doc.opens_on:
		opens = time.moment(str(doc.opens_on)[:16])
		online_window = (max(opens, start), min(end, time.moment("today+0 07:00")))
	windows = {PAPER: (start, end), IMPORT: (start, end), ONLINE: online_window}
	batches: dict[str, list[tuple[datetime, dict]]] = {}
	for answers in respondents:
		channel = generator.choices(list(plan["channels"]), weights=list(plan["channels"].values()))[0]
		if windows[channel] is None or windows[channel][0] >= windows[channel][1]:
			channel = PAPER
		low, high = windows[channel]
		moment = low + timedelta(seconds=generator.uniform(0, (high - low).total_seconds()))
		batches.setdefault(channel, []).append((moment, answers))
	prefix = {"before": "TS", "after": "SS", "resolution": "NQ"}[spec["key"]]
	for channel, batch in batches.items():
		batch.sort(key=lambda item: item[0])
		store_responses(
			survey,
			[answers for _moment, answers in batch],
			channel,
			entered_by=ENUMERATOR if channel in (PAPER, IMPORT) else None,
			submitted_at=[time.stored(moment) for moment, _answers in batch],
			form_numbers=[f"{prefix}-{index:04d}" for index in range(1, len(batch) + 1)]
			if channel == PAPER
			else None,
		)


def respondent(form, fixed: dict[str, str], survey_key: str, generator: random.Random) -> dict:
	"""One synthetic respondent's answers, in form order."""
	answers: dict[str, str] = {}
	attitude = generator.gauss(0, 0.45)
	for question in form.questions:
		if not all(evaluate(tree, answers) for tree in question.relevant):
			continue
		code, kind = question.code, question.question.question_type
		if code in fixed:
			value = fixed[code]
		elif kind in (SELECT_ONE, LIKERT) and is_scale(question.options):
			value = scale_value(question.options, attitude, generator)
		elif kind in (SELECT_ONE, LIKERT):
			value = draw_choice(code, question.options, attitude, generator)
		elif kind == SELECT_MULTIPLE:
			value = draw_multiple(question, answers, generator)
		elif kind == INTEGER:
			value = str(max(1, min(20, round(generator.gauss(3.2 - 1.8 * attitude, 1.3)))))
		elif kind == DECIMAL:
			value = f"{generator.uniform(0, 10):.1f}"
		elif kind == DATE:
			value = "2025-06-01"
		elif kind == TEXT:
			value = generator.choice(SUGGESTIONS) if generator.random() < 0.12 else ""
		else:
			value = ""
		if question.constraint and value and not evaluate(question.constraint, answers, value):
			value = (
				"" if not question.question.required else question.options[0] if question.options else value
			)
		answers[code] = value
		attitude += LEANINGS.get(code, {}).get(value, 0)
		if survey_key == "after" and code == "khu_vuc":
			attitude += OUTER_WARDS.get(value, 0)
		elif survey_key == "before" and code == "khu_vuc":
			attitude += OUTER_WARDS.get(value, 0) / 3
	return {code: value for code, value in answers.items() if value}


def is_scale(options) -> bool:
	return bool(options) and all(option.isdigit() for option in options)


def scale_value(options, attitude: float, generator: random.Random) -> str:
	"""A point of a numbered scale around its middle, moved by the attitude."""
	points = sorted(options, key=int)
	middle = (len(points) - 1) / 2 + 0.35
	index = round(middle + 1.4 * attitude + generator.gauss(0, 0.8))
	return points[max(0, min(len(points) - 1, index))]


def draw_choice(code: str, options, attitude: float, generator: random.Random) -> str:
	"""A weighted draw; without weights, options earlier in the list lean positive ("có", "hiểu rõ"
	last for knowledge scales: the attitude favours later options when the list reads as a scale)."""
	weights = WEIGHTS.get(code)
	if weights:
		return generator.choices(list(options), weights=[weights.get(option, 1) for option in options])[0]
	count = len(options)
	if code in ("muc_do_biet", "khoang_cach"):
		# Ordered lists: knowledge grows with attitude; distance shrinks with it.
		lean = attitude if code == "muc_do_biet" else -attitude
		index = round((count - 1) / 2 + 1.3 * lean + generator.gauss(0, 0.9))
		return options[max(0, min(count - 1, index))]
	if set(options) == {"co", "khong"}:
		return "co" if generator.random() < 0.62 + 0.25 * attitude else "khong"
	return generator.choice(list(options))


def draw_multiple(question, answers: dict[str, str], generator: random.Random) -> str:
	options = list(question.options)
	for _attempt in range(8):
		chosen = [option for option in options if generator.random() < 0.32]
		if not chosen:
			chosen = [generator.choice(options)]
		value = " ".join(chosen)
		if not question.constraint or evaluate(question.constraint, answers, value):
			return value
	return options[0]
