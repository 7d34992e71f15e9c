"""Charts of a survey's analysis as SVG text: the same drawing in the web app (shown as it comes) and in the
printed result report (WeasyPrint and wkhtmltopdf render inline SVG), so there is one way to draw them.

- `bar_chart`: one bar per answer, its weighted percentage, with its margin of error as an error bar;
- `stacked_bars`: one 100 % bar per group of a cross-tabulation, split by answer;
- `diverging_bars`: Likert scales centred on their middle point, disagreement to the left, agreement to
  the right (the neutral point split across the centre), one row per question or group;
- `dumbbell`: before and after of each answer of a before/after pair, the after dot filled when the change
  is significant.

Every text from the questionnaire is escaped; numbers are written as Vietnamese documents write them (a
decimal comma). Plain Python, no database."""

from collections.abc import Sequence
from html import escape

FONT = "Tinos, 'Times New Roman', serif"
# Colour-blind-safe (Okabe–Ito) for answers; a diverging scale from red to blue for Likert points.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
DIVERGING = {
	2: ("#d6604d", "#4393c3"),
	3: ("#d6604d", "#bababa", "#4393c3"),
	4: ("#b2182b", "#ef8a62", "#67a9cf", "#2166ac"),
	5: ("#b2182b", "#ef8a62", "#bababa", "#67a9cf", "#2166ac"),
	6: ("#b2182b", "#d6604d", "#f4a582", "#92c5de", "#4393c3", "#2166ac"),
	7: ("#b2182b", "#d6604d", "#f4a582", "#bababa", "#92c5de", "#4393c3", "#2166ac"),
}
BAR_COLOUR = "#2166ac"
WIDTH = 640
LABEL_WIDTH = 220
ROW = 24
LABEL_CHARACTERS = 38


def number(value: float | None, decimals: int = 1) -> str:
	"""45.25 as "45,3"; None as "–"."""
	if value is None:
		return "–"
	return f"{value:.{decimals}f}".replace(".", ",")


def short(text: str, length: int = LABEL_CHARACTERS) -> str:
	text = " ".join(str(text or "").split())
	return text if len(text) <= length else text[: length - 1] + "…"


def svg(width: int, height: int, body: list[str], title: str = "") -> str:
	heading = f"<title>{escape(title)}</title>" if title else ""
	return (
		f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
		f'role="img" aria-label="{escape(title)}" font-family="{escape(FONT)}" font-size="12">'
		f"{heading}{''.join(body)}</svg>"
	)


def text(x: float, y: float, content: str, anchor: str = "start", **attributes) -> str:
	extra = "".join(f' {key.replace("_", "-")}="{escape(str(value))}"' for key, value in attributes.items())
	return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(content)}</text>'


def rect(x: float, y: float, width: float, height: float, fill: str) -> str:
	return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}" fill="{fill}"/>'


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = "#333", width: float = 1) -> str:
	return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" stroke-width="{width}"/>'


def axis(left: float, right: float, top: float, bottom: float, maximum: float) -> list[str]:
	"""Vertical grid lines in round steps (25 points up to 100 %, 10 up to 50 %), labelled under the chart."""
	parts = []
	steps = 4 if maximum > 50 else 5
	for step in range(steps + 1):
		value = maximum * step / steps
		x = left + (right - left) * step / steps
		parts.append(line(x, top, x, bottom, "#ddd"))
		parts.append(text(x, bottom + 14, f"{number(value, 0)}%", "middle", fill="#555"))
	return parts


def bar_chart(rows: Sequence[dict], title: str = "") -> str:
	"""Rows of {label, value (percent), moe (points, or None)}: horizontal bars with error bars."""
	left, right, top = LABEL_WIDTH, WIDTH - 90, 8
	bottom = top + ROW * len(rows)
	values = [row.get("value") or 0 for row in rows]
	tops = [(row.get("value") or 0) + (row.get("moe") or 0) for row in rows]
	maximum = 100 if max([*tops, 0]) > 50 else 50
	scale = (right - left) / maximum
	parts = axis(left, right, top, bottom, maximum)
	for index, row in enumerate(rows):
		y = top + index * ROW
		value, moe = values[index], row.get("moe")
		parts.append(text(left - 6, y + ROW / 2 + 4, short(row["label"]), "end"))
		parts.append(rect(left, y + 4, value * scale, ROW - 8, BAR_COLOUR))
		if moe:
			low, high = left + max(value - moe, 0) * scale, left + min(value + moe, maximum) * scale
			middle = y + ROW / 2
			parts += [line(low, middle, high, middle), line(low, middle - 5, low, middle + 5)]
			parts.append(line(high, middle - 5, high, middle + 5))
		label = f"{number(row.get('value'))}%" + (f" ±{number(moe)}" if moe else "")
		parts.append(text(right + 6, y + ROW / 2 + 4, label))
	parts.append(line(left, top, left, bottom))
	return svg(WIDTH, bottom + 22, parts, title)


def stacked_bars(groups: Sequence[str], series: Sequence[dict], title: str = "") -> str:
	"""One 100 % bar per group; `series` rows of {label, values (percent per group)}, each a colour, with
	a legend below."""
	left, right, top = LABEL_WIDTH, WIDTH - 20, 8
	bottom = top + ROW * len(groups)
	scale = (right - left) / 100
	parts = axis(left, right, top, bottom, 100)
	for index, group in enumerate(groups):
		y = top + index * ROW
		parts.append(text(left - 6, y + ROW / 2 + 4, short(group), "end"))
		x = left
		for position, entry in enumerate(series):
			value = entry["values"][index] or 0
			width = value * scale
			parts.append(rect(x, y + 4, width, ROW - 8, PALETTE[position % len(PALETTE)]))
			if value >= 8:
				parts.append(text(x + width / 2, y + ROW / 2 + 4, number(value, 0), "middle", fill="#fff"))
			x += width
	legend_top = bottom + 26
	parts += legend([entry["label"] for entry in series], legend_top, PALETTE)
	return svg(WIDTH, legend_top + 18 * ((len(series) + 2) // 3), parts, title)


def legend(labels: Sequence[str], top: float, colours: Sequence[str]) -> list[str]:
	parts = []
	column_width = (WIDTH - 20) / 3
	for index, label in enumerate(labels):
		x = 10 + (index % 3) * column_width
		y = top + (index // 3) * 18
		parts.append(rect(x, y - 9, 10, 10, colours[index % len(colours)]))
		parts.append(text(x + 14, y, short(label, 30)))
	return parts


def diverging_bars(rows: Sequence[dict], points: Sequence[str], title: str = "") -> str:
	"""Rows of {label, shares (percent per point, lowest point first)}; `points` the points' labels. The
	points below the middle go left of the centre, those above right, a middle point half each side."""
	count = len(points)
	colours = DIVERGING.get(count) or tuple(PALETTE[i % len(PALETTE)] for i in range(count))
	left, right, top = LABEL_WIDTH, WIDTH - 20, 8
	centre = (left + right) / 2
	bottom = top + ROW * len(rows)
	scale = (right - left) / 200  # 100 % each side
	parts = [line(centre, top, centre, bottom, "#333")]
	for step in (-100, -50, 50, 100):
		x = centre + step * scale
		parts.append(line(x, top, x, bottom, "#ddd"))
		parts.append(text(x, bottom + 14, f"{abs(step)}%", "middle", fill="#555"))
	half = count // 2
	for index, row in enumerate(rows):
		y = top + index * ROW
		shares = [share or 0 for share in row["shares"]]
		parts.append(text(left - 6, y + ROW / 2 + 4, short(row["label"]), "end"))
		middle = shares[half] / 2 if count % 2 else 0
		x = centre - (sum(shares[:half]) + middle) * scale
		for position, share in enumerate(shares):
			parts.append(rect(x, y + 4, share * scale, ROW - 8, colours[position]))
			x += share * scale
	legend_top = bottom + 26
	parts += legend(points, legend_top, colours)
	return svg(WIDTH, legend_top + 18 * ((count + 2) // 3), parts, title)


def dumbbell(rows: Sequence[dict], title: str = "", before_label: str = "", after_label: str = "") -> str:
	"""Rows of {label, before, after (percent), significant}: a line from before (open dot) to after
	(dot, filled when the change is significant)."""
	left, right, top = LABEL_WIDTH, WIDTH - 70, 8
	bottom = top + ROW * len(rows)
	highest = max([value for row in rows for value in (row.get("before"), row.get("after")) if value] + [0])
	maximum = 100 if highest > 50 else 50
	scale = (right - left) / maximum
	parts = axis(left, right, top, bottom, maximum)
	for index, row in enumerate(rows):
		y = top + index * ROW + ROW / 2
		parts.append(text(left - 6, y + 4, short(row["label"]), "end"))
		before, after = row.get("before"), row.get("after")
		if before is None or after is None:
			continue
		x1, x2 = left + before * scale, left + after * scale
		parts.append(line(x1, y, x2, y, "#888", 2))
		parts.append(
			f'<circle cx="{x1:.1f}" cy="{y:.1f}" r="5" fill="#fff" stroke="#555" stroke-width="1.5"/>'
		)
		fill = BAR_COLOUR if row.get("significant") else "#fff"
		parts.append(
			f'<circle cx="{x2:.1f}" cy="{y:.1f}" r="5" fill="{fill}" stroke="{BAR_COLOUR}" stroke-width="1.5"/>'
		)
		change = after - before
		parts.append(text(right + 6, y + 4, ("+" if change > 0 else "") + number(change)))
	legend_top = bottom + 26
	parts.append(f'<circle cx="15" cy="{legend_top - 4}" r="5" fill="#fff" stroke="#555"/>')
	parts.append(text(25, legend_top, before_label))
	parts.append(f'<circle cx="215" cy="{legend_top - 4}" r="5" fill="{BAR_COLOUR}" stroke="{BAR_COLOUR}"/>')
	parts.append(text(225, legend_top, after_label))
	return svg(WIDTH, legend_top + 10, parts, title)


# -- charts of an analysis (rules/analysis.py's results) ----------------------------------------------


def question_chart(question: dict) -> str | None:
	"""A question's answers as bars with their margins of error; None for a question without options."""
	if not question.get("options") or not question.get("answered"):
		return None
	rows = [
		{"label": option["label"], "value": option["weighted_percent"], "moe": option["moe"]}
		for option in question["options"]
	]
	return bar_chart(rows, question["label"])


def likert_chart(questions: Sequence[dict]) -> str | None:
	"""The Likert questions of one scale (the same points) side by side, diverging."""
	questions = [question for question in questions if question.get("options") and question.get("answered")]
	if not questions:
		return None
	points = [option["label"] for option in questions[0]["options"]]
	rows = [
		{"label": question["label"], "shares": [option["weighted_percent"] for option in question["options"]]}
		for question in questions
	]
	return diverging_bars(rows, points, "")


def crosstab_chart(table: dict) -> str:
	"""A cross-tabulation as one 100 % bar per group (the share of the group giving each answer)."""
	groups = [group["label"] for group in table["groups"]]
	series = [{"label": row["label"], "values": row["column_percent"]} for row in table["rows"]]
	return stacked_bars(groups, series, f"{table['label']} – {table['by_label']}")


def comparison_chart(entry: dict, before_label: str, after_label: str) -> str:
	rows = [
		{
			"label": option["label"],
			"before": option["before"],
			"after": option["after"],
			"significant": option["significant"],
		}
		for option in entry["options"]
	]
	return dumbbell(rows, entry["label"], before_label, after_label)
