"""Benchmark of a survey's analysis at city scale (issue 13, "Scale and speed"): 100,000 responses x 30
questions (4 demographics: area, gender, age, occupation; 26 Likert, single and multiple choices). Prints:

- the full analysis from the database (load the answers, weight them to the strata, every frequency with
  its margin of error, every question cross-tabulated by the 4 demographics with its chi-square test);
- the floor: the same computation in pandas on the same data already in memory, and the ratio;
- a cached answer (the fingerprint read and the cached result returned), median of 20;
- the peak memory of the full analysis (Python allocations, tracemalloc).

Run with `make bench` (all the benchmarks) or `make bench ONLY=survey_analysis`: the engine copies its
test template to a throwaway site and runs `main()` on it. On a bench: `bench --site SITE execute
benchmarks.survey_analysis.main` with the repository on the Python path (it writes 100,000 responses:
use a scratch site)."""

import random
import statistics
import time
import tracemalloc

import frappe

from dlxh_app.dlxh_surveys import analysis
from dlxh_app.dlxh_surveys.questionnaire import get_form
from dlxh_app.dlxh_surveys.responses import load_answers, store_responses
from dlxh_app.dlxh_surveys.rules.analysis import analyse, demographic_breakdowns
from dlxh_app.dlxh_surveys.rules.questionnaire import Choice, Question
from dlxh_app.dlxh_surveys.rules.weighting import survey_weights
from dlxh_app.dlxh_surveys.rules.xlsform import Form
from dlxh_app.dlxh_surveys.xlsform import make_questionnaire

RESPONSES = 100_000
QUESTIONS = 30
AREAS = [f"p{number}" for number in range(1, 9)]
OCCUPATIONS = ["cong_chuc", "cong_nhan", "nong_dan", "kinh_doanh", "hoc_sinh", "huu_tri"]
OPTIONS = [f"c{number}" for number in range(1, 6)]
CHANNELS = [f"k{number}" for number in range(1, 7)]
BATCH = 5_000
CACHED_REPEATS = 20


def make_form() -> Form:
	questions = [
		Question("Select One", "khu_vuc", "Phường nơi ở", "khu_vuc", demographic="Area"),
		Question("Select One", "gioi_tinh", "Giới tính", "gioi_tinh", demographic="Gender"),
		Question("Integer", "tuoi", "Tuổi", demographic="Age Group"),
		Question("Select One", "nghe_nghiep", "Nghề nghiệp", "nghe_nghiep", demographic="Occupation"),
	]
	for number in range(QUESTIONS - len(questions)):
		kind, choices = (
			("Likert", "muc_do"),
			("Select One", "phuong_an"),
			("Select Multiple", "kenh"),
		)[number % 3]
		questions.append(Question(kind, f"q{number + 1:02d}", f"Câu hỏi số {number + 1}", choices))
	choices = [
		*(Choice("khu_vuc", area, f"Phường {area[1:]}") for area in AREAS),
		Choice("gioi_tinh", "nam", "Nam"),
		Choice("gioi_tinh", "nu", "Nữ"),
		*(Choice("nghe_nghiep", value, value.replace("_", " ").title()) for value in OCCUPATIONS),
		*(Choice("muc_do", str(point), f"Mức {point}") for point in range(1, 6)),
		*(Choice("phuong_an", value, f"Phương án {value[1:]}") for value in OPTIONS),
		*(Choice("kenh", value, f"Kênh {value[1:]}") for value in CHANNELS),
	]
	return Form("Phiếu đo hiệu năng phân tích", "bm_phan_tich", tuple(questions), tuple(choices))


def make_survey() -> str:
	from dlxh_app.tests.surveys import collecting_survey, make_fixture

	records = make_fixture()
	records["questionnaire"] = make_questionnaire(make_form()).name
	strata = [
		{"stratum_key": f"{area}|{gender}", "population": 4000 + 500 * index + (300 if gender == "nu" else 0)}
		for index, area in enumerate(AREAS)
		for gender in ("nam", "nu")
	]
	return collecting_survey(
		records,
		questionnaire=records["questionnaire"],
		strata_questions="khu_vuc, gioi_tinh",
		strata=strata,
		population_size=sum(row["population"] for row in strata),
	).name


def response(generator: random.Random) -> dict:
	row = {
		"khu_vuc": generator.choice(AREAS),
		"gioi_tinh": generator.choice(("nam", "nu")),
		"tuoi": str(generator.randint(16, 85)),
		"nghe_nghiep": generator.choice(OCCUPATIONS),
	}
	for number in range(QUESTIONS - 4):
		if generator.random() < 0.05:
			continue  # item non-response
		code = f"q{number + 1:02d}"
		kind = number % 3
		if kind == 0:
			row[code] = str(min(5, max(1, round(generator.gauss(3.4, 1.1)))))
		elif kind == 1:
			row[code] = generator.choice(OPTIONS)
		else:
			row[code] = generator.sample(CHANNELS, generator.randint(1, 3))
	return row


def timed(function):
	started = time.perf_counter()
	result = function()
	return time.perf_counter() - started, result


def main():
	frappe.set_user("Administrator")
	survey = make_survey()
	generator = random.Random(13)
	started = time.perf_counter()
	for _batch in range(0, RESPONSES, BATCH):
		store_responses(survey, [response(generator) for _ in range(BATCH)], "Import", check_open=False)
	frappe.db.commit()
	print(
		f"data: {RESPONSES:,} responses x {QUESTIONS} questions, checked and written in "
		f"{time.perf_counter() - started:.1f} s"
	)

	doc = frappe.get_doc("Opinion Survey", survey)
	frappe.cache.delete_keys(analysis.CACHE_KEY)
	full, result = timed(lambda: analysis.survey_analysis(survey))
	print(
		f"full analysis from the database: {full:.2f} s ({len(result['questions'])} questions, "
		f"{len(result['crosstabs'])} cross-tabulations by {len(result['breakdowns'])} demographics, "
		f"weights: {result['weighting']['method']}, design effect {result['weighting']['design_effect']:.3f})"
	)
	loading, frame = timed(lambda: load_answers(survey))
	form = get_form(doc.questionnaire)
	populations = {row.stratum_key: row.population for row in doc.strata}

	def in_memory():
		weights = survey_weights(frame, doc.strata_codes(), populations)
		return analyse(frame, form, weights, 0.95, doc.population_size, demographic_breakdowns(form))

	floor = min(timed(in_memory)[0] for _ in range(3))
	print(f"  of which loading the answers: {loading:.2f} s")
	print(f"floor, the same in pandas on the data in memory: {floor:.2f} s (ratio {full / floor:.2f}x)")

	cached = [timed(lambda: analysis.survey_analysis(survey))[0] for _ in range(CACHED_REPEATS)]
	print(
		f"cached answer: median {statistics.median(cached) * 1000:.1f} ms, slowest {max(cached) * 1000:.1f} ms"
		f" (of {CACHED_REPEATS})"
	)

	frappe.cache.delete_keys(analysis.CACHE_KEY)
	tracemalloc.start()
	analysis.survey_analysis(survey)
	peak = tracemalloc.get_traced_memory()[1]
	tracemalloc.stop()
	print(f"peak memory of the full analysis: {peak / 2**20:.0f} MiB")
	frappe.cache.delete_keys(analysis.CACHE_KEY)


if __name__ == "__main__":
	main()
