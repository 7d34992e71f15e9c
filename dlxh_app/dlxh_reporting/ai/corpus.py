"""A synthetic labelled corpus of opinion entries in Vietnamese, for the demo and the quality benchmark:
what collaborators hear about the seed's topics (setup/data/opinion_topics.json), in varied everyday
wording (who said it, where, about what, how they feel, what they propose), each labelled with its topic
and trend. Deterministic for a seed. Some entries are noisy as real ones are: typed without accents,
touching two topics, or very short; some stories are heard by several collaborators in the same week
(near-duplicates), and the last week has bursts (emerging issues) for the city officer to see.

Plain Python: `generate` returns dicts of Opinion Entry values; the demo bulk-inserts them."""

import random
from datetime import date, timedelta

from dlxh_app.dlxh_reporting.ai.text import strip_accents

RESOLUTIONS = "Thực hiện nghị quyết, chủ trương của Đảng"
HO_CHI_MINH = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
PARTY_BUILDING = "Xây dựng, chỉnh đốn Đảng và hệ thống chính trị"
ASSEMBLIES = "Hội nghị Trung ương, kỳ họp Quốc hội và Hội đồng nhân dân"
ANNIVERSARIES = "Kỷ niệm các ngày lễ lớn và sự kiện lịch sử"
ECONOMY = "Tình hình kinh tế - xã hội"
SEA = "An ninh, chủ quyền biển, đảo"
DISASTERS = "Phòng, chống thiên tai, dịch bệnh"
TRAFFIC = "Giao thông, trật tự, an toàn xã hội"
EVENTS = "Sự kiện chính trị, kinh tế, văn hóa, xã hội"
CONGRESS = "Đại hội đảng bộ các cấp nhiệm kỳ 2025-2030 và Đại hội XIV của Đảng"
REORGANISATION = "Sắp xếp tổ chức bộ máy của hệ thống chính trị"

SUBJECTS = {
	RESOLUTIONS: [
		"việc triển khai nghị quyết của Thành ủy về phát triển đô thị",
		"chủ trương phát triển kinh tế tập thể, hợp tác xã của Đảng",
		"việc cụ thể hóa nghị quyết về xây dựng nông thôn mới kiểu mẫu",
		"việc quán triệt các văn bản mới của Trung ương tới chi bộ khu vực",
		"chương trình hành động thực hiện nghị quyết về phát triển vùng Đồng bằng sông Cửu Long",
		"chủ trương của Đảng về phát triển khoa học, công nghệ và chuyển đổi số",
		"việc sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội đảng bộ thành phố",
		"chủ trương của Đảng về phát triển kinh tế tư nhân",
	],
	HO_CHI_MINH: [
		"phong trào học tập và làm theo gương Bác ở khu dân cư",
		"việc nêu gương của người đứng đầu theo lời Bác dạy",
		"các mô hình làm theo Bác được biểu dương ở phường",
		"chuyên đề học tập về phong cách nêu gương, gần dân của Bác",
		"việc cán bộ đảng viên tự soi, tự sửa theo tấm gương Bác Hồ",
		"hội thi kể chuyện về Bác dành cho đoàn viên thanh niên",
		"việc xây dựng tủ sách về Chủ tịch Hồ Chí Minh ở các trường học",
		"lối sống cần, kiệm, liêm, chính, chí công vô tư của cán bộ cơ sở",
	],
	PARTY_BUILDING: [
		"việc kỷ luật một số cán bộ sai phạm trong quản lý đất đai",
		"công tác phòng, chống tham nhũng, tiêu cực ở cơ sở",
		"biểu hiện nhũng nhiễu, gây phiền hà của một số cán bộ khi làm thủ tục",
		"việc kiểm tra, giám sát tài sản, thu nhập của cán bộ lãnh đạo",
		"việc xử lý đảng viên vi phạm quy định những điều đảng viên không được làm",
		"tình trạng né tránh, đùn đẩy trách nhiệm của một bộ phận cán bộ",
		"việc khởi tố các vụ án tham ô, lãng phí ở doanh nghiệp nhà nước",
		"chất lượng sinh hoạt chi bộ và tự phê bình, phê bình",
	],
	ASSEMBLIES: [
		"phiên chất vấn của đại biểu Quốc hội về giá điện và giá xăng dầu",
		"việc Quốc hội thông qua luật đất đai sửa đổi",
		"kỳ họp Hội đồng nhân dân thành phố bàn về ngân sách năm sau",
		"buổi tiếp xúc cử tri của đại biểu Hội đồng nhân dân phường",
		"việc truyền hình trực tiếp các phiên thảo luận ở nghị trường",
		"nghị quyết của Hội đồng nhân dân thành phố về mức thu học phí",
		"Hội nghị Trung ương bàn về công tác cán bộ",
		"việc lấy phiếu tín nhiệm các chức danh do Hội đồng nhân dân bầu",
	],
	ANNIVERSARIES: [
		"lễ kỷ niệm ngày giải phóng miền Nam, thống nhất đất nước",
		"chương trình bắn pháo hoa mừng Quốc khánh 2/9",
		"hoạt động tri ân các anh hùng liệt sĩ nhân ngày 27/7",
		"lễ mít tinh kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam",
		"cuộc diễu binh, diễu hành mừng ngày thống nhất",
		"việc trùng tu khu di tích lịch sử cách mạng của thành phố",
		"lễ kỷ niệm năm chẵn ngày sinh Chủ tịch Tôn Đức Thắng",
		"hoạt động treo cờ, trang trí đường phố dịp lễ lớn",
	],
	ECONOMY: [
		"giá thịt heo, rau củ ở chợ tăng mạnh",
		"giá điện sinh hoạt tăng trong mấy tháng nắng nóng",
		"tình trạng thiếu việc làm của công nhân khu công nghiệp Trà Nóc",
		"giá lúa thấp, thương lái ép giá nông dân",
		"tiến độ chậm của dự án khu dân cư Nam Cần Thơ",
		"chi phí khám chữa bệnh và bảo hiểm y tế hộ gia đình",
		"việc chi trả lương hưu, trợ cấp xã hội qua tài khoản ngân hàng",
		"tình hình kinh doanh khó khăn của tiểu thương chợ Cái Khế",
		"giá nhà đất, tiền thuê trọ tăng cao",
		"chính sách hỗ trợ vay vốn cho hộ nghèo, hộ cận nghèo",
	],
	SEA: [
		"việc tàu nước ngoài xâm phạm vùng biển của Việt Nam",
		"tình hình ở quần đảo Trường Sa và Hoàng Sa",
		"việc ngư dân bị tàu lạ xua đuổi khi đánh bắt xa bờ",
		"chương trình hướng về biển đảo quê hương của đoàn viên",
		"việc phát hành bản đồ có đường lưỡi bò phi pháp",
		"hoạt động của lực lượng cảnh sát biển bảo vệ ngư trường",
		"phong trào quyên góp ủng hộ chiến sĩ nhà giàn DK1",
		"chống khai thác hải sản bất hợp pháp để gỡ thẻ vàng",
	],
	DISASTERS: [
		"triều cường gây ngập nhiều tuyến đường trong nội ô",
		"sạt lở bờ sông ở khu vực Cồn Khương",
		"dịch sốt xuất huyết gia tăng ở các khu trọ",
		"hạn mặn ảnh hưởng vườn cây ăn trái",
		"việc tiêm vắc xin sởi cho trẻ em",
		"cơn bão gây mưa lớn, tốc mái nhà dân",
		"dịch tả heo châu Phi ở các hộ chăn nuôi",
		"công tác di dời dân khỏi vùng nguy cơ sạt lở",
		"mưa lớn kéo dài làm ngập úng ruộng lúa",
	],
	TRAFFIC: [
		"tình trạng kẹt xe giờ cao điểm trên đường 30 Tháng 4",
		"các vụ tai nạn liên quan đến xe tải chở cát",
		"nạn trộm cắp xe máy ở khu nhà trọ sinh viên",
		"các vụ lừa đảo qua điện thoại giả danh công an",
		"tình trạng đua xe trái phép vào ban đêm",
		"mức phạt nồng độ cồn khi lái xe",
		"tệ nạn ma túy trong giới trẻ",
		"việc lấn chiếm vỉa hè, lòng đường để buôn bán",
		"tín dụng đen, cho vay nặng lãi ở khu lao động",
		"đèn tín hiệu giao thông hư hỏng ở các ngã tư",
	],
	EVENTS: [
		"lễ hội bánh dân gian Nam Bộ",
		"giải đua thuyền truyền thống trên sông Cần Thơ",
		"kỳ thi tốt nghiệp trung học phổ thông năm nay",
		"chuyến thăm của lãnh đạo cấp cao nước ngoài",
		"xung đột vũ trang ở một số nơi trên thế giới",
		"việc tăng học phí ở các trường đại học",
		"tình trạng quá tải ở bệnh viện tuyến thành phố",
		"chương trình nghệ thuật chào mừng năm mới",
		"giải bóng đá quốc tế có đội tuyển Việt Nam tham dự",
		"hội chợ nông sản và thương mại vùng",
	],
	CONGRESS: [
		"việc góp ý dự thảo văn kiện trình Đại hội XIV",
		"công tác chuẩn bị nhân sự cấp ủy nhiệm kỳ tới",
		"đại hội chi bộ, đảng bộ cơ sở nhiệm kỳ 2025-2030",
		"việc bầu ban chấp hành đảng bộ phường khóa mới",
		"các tiêu chuẩn chọn người vào cấp ủy khóa mới",
		"việc tổ chức đại hội điểm ở một số đảng bộ",
		"việc nhân dân được góp ý vào văn kiện đại hội",
		"kết quả đại hội đảng bộ thành phố",
	],
	REORGANISATION: [
		"việc sáp nhập phường, bỏ cấp quận",
		"việc tinh giản biên chế, nghỉ hưu trước tuổi của cán bộ",
		"chế độ cho cán bộ không chuyên trách sau khi sắp xếp",
		"việc đổi giấy tờ sau khi đổi tên đơn vị hành chính",
		"trụ sở làm việc của phường mới ở xa nhà dân",
		"việc hợp nhất các sở, ngành của thành phố",
		"việc bố trí cán bộ dôi dư sau sáp nhập",
		"mô hình chính quyền địa phương hai cấp",
	],
}

SPEAKERS = {
	"Cadres and Party members": ["Cán bộ, đảng viên", "Nhiều đảng viên chi bộ khu vực", "Cán bộ phường"],
	"Workers": ["Công nhân khu công nghiệp", "Anh chị em công nhân", "Người lao động"],
	"Farmers": ["Bà con nông dân", "Nông dân trồng lúa", "Các hộ làm vườn"],
	"Intellectuals": ["Giáo viên, bác sĩ", "Đội ngũ trí thức", "Giảng viên đại học"],
	"Businesspeople": ["Tiểu thương", "Các chủ doanh nghiệp nhỏ", "Hộ kinh doanh"],
	"Youth and students": ["Đoàn viên thanh niên", "Sinh viên", "Học sinh và phụ huynh"],
	"Religious followers": ["Bà con giáo dân", "Chức sắc, tín đồ tôn giáo", "Phật tử"],
	"Ethnic minorities": ["Bà con dân tộc Khmer", "Đồng bào người Hoa", "Đồng bào dân tộc thiểu số"],
	"Veterans": ["Cựu chiến binh", "Hội viên Hội Cựu chiến binh"],
	"Retirees": ["Cán bộ hưu trí", "Người cao tuổi", "Các cụ ở câu lạc bộ dưỡng sinh"],
	"Other": ["Người dân", "Nhiều hộ dân", "Một bộ phận Nhân dân", "Bà con khu vực"],
}

PLACES = [
	"khu vực 1",
	"khu vực 3",
	"khu vực 5",
	"ấp Mỹ Ái",
	"khu dân cư 91B",
	"chợ Xuân Khánh",
	"hẻm 51",
	"khu tái định cư",
	"tổ dân phố",
	"bến Ninh Kiều",
]

OPENERS = [
	"",
	"Qua nắm bắt, ",
	"Theo phản ánh của cộng tác viên, ",
	"Tại buổi sinh hoạt chi bộ, ",
	"Qua mạng xã hội, ",
]

TRENDS = {
	"Positive": [
		"{who} {where}phấn khởi, đồng tình với {subject}",
		"{who} {where}đánh giá cao {subject}",
		"{who} {where}hoan nghênh {subject}, cho rằng đây là việc làm thiết thực",
		"{who} {where}tin tưởng vào {subject}, mong sớm thấy kết quả tốt",
		"{who} {where}vui mừng trước {subject}",
	],
	"Negative": [
		"{who} {where}bức xúc về {subject}",
		"{who} {where}không đồng tình với {subject}, cho rằng chưa hợp lý",
		"{who} {where}bất bình vì {subject} kéo dài mà chưa được giải quyết",
		"{who} {where}phản đối {subject}",
		"{who} {where}than phiền nhiều về {subject}",
	],
	"Concerned": [
		"{who} {where}lo lắng về {subject}",
		"{who} {where}băn khoăn trước {subject}",
		"{who} {where}e ngại {subject} sẽ ảnh hưởng đến cuộc sống",
		"{who} {where}quan tâm, lo ngại {subject}",
		"{who} {where}lo {subject} còn diễn biến phức tạp",
	],
	"Mixed": [
		"{who} {where}đồng tình với {subject}, tuy nhiên còn băn khoăn về cách làm",
		"{who} {where}ủng hộ {subject} nhưng cũng lo ngại một số bất cập",
		"{who} {where}có ý kiến trái chiều về {subject}, người khen, người chê",
		"{who} {where}thấy {subject} có mặt tích cực, song còn nhiều điểm chưa rõ",
	],
}
TREND_WEIGHTS = {"Positive": 3, "Concerned": 3, "Negative": 2, "Mixed": 2}

PROPOSALS = [
	"",
	"",
	" Đề nghị các cấp có thẩm quyền sớm xem xét.",
	" Bà con kiến nghị chính quyền thông tin rõ để người dân yên tâm.",
	" Đề nghị tăng cường tuyên truyền, giải thích cho Nhân dân.",
	" Kiến nghị có giải pháp căn cơ, lâu dài.",
	" Nhiều người mong được đối thoại trực tiếp với lãnh đạo phường.",
]

LEVEL = {"Positive": "Medium", "Concerned": "High", "Negative": "High", "Mixed": "Medium"}
SOURCES = ["Collaborator", "Collaborator", "Meeting", "Social Network", "Direct Contact", "Press"]

BURSTS = [
	# (topic, trend, subject, entries this week, "" for city-wide or "ward" for one ward)
	(TRAFFIC, "Concerned", "các vụ lừa đảo qua ứng dụng đầu tư tiền ảo", 14, ""),
	(DISASTERS, "Concerned", "sạt lở bờ sông ở khu vực Cồn Khương", 9, "ward"),
]


def topics() -> list[str]:
	return list(SUBJECTS)


def sentence(rng: random.Random, topic: str, trend: str, subject: str | None = None) -> tuple[str, str]:
	"""One opinion in everyday words, and the social stratum of who said it."""
	stratum = rng.choice(list(SPEAKERS))
	where = f"ở {rng.choice(PLACES)} " if rng.random() < 0.5 else ""
	text = rng.choice(TRENDS[trend]).format(
		who=rng.choice(SPEAKERS[stratum]), where=where, subject=subject or rng.choice(SUBJECTS[topic])
	)
	opener = rng.choice(OPENERS)
	if opener:
		text = opener + text[0].lower() + text[1:]
	return text + "." + rng.choice(PROPOSALS), stratum


def generate(
	count: int, units: list[str], today: date, weeks: int = 12, seed: int = 2026, bursts: bool = True
) -> list[dict]:
	"""`count` labelled entries of the units, dated over the `weeks` weeks up to yesterday, a few stories
	heard in several units (near-duplicates), and the bursts of this week (Monday to today)."""
	rng = random.Random(seed)
	names = topics()
	# Topics are not equally talked about: the economy and the reorganisation far more than the rest.
	weights = [rng.uniform(0.5, 3.0) for _ in names]
	weights[names.index(ECONOMY)] *= 2
	weights[names.index(REORGANISATION)] *= 2
	trends, trend_weights = list(TREND_WEIGHTS), list(TREND_WEIGHTS.values())
	entries = []

	def entry(topic, trend, day, unit, subject=None):
		text, stratum = sentence(rng, topic, trend, subject)
		if rng.random() < 0.07:
			# Touching a second topic, as real opinions often do.
			other = rng.choice(names)
			text += " " + sentence(rng, other, rng.choice(trends))[0]
		if rng.random() < 0.05:
			text = strip_accents(text)
		return {
			"doctype": "Opinion Entry",
			"entry_date": str(day),
			"unit": unit,
			"topic": topic,
			"trend": trend,
			"level_of_interest": LEVEL[trend] if rng.random() < 0.7 else "Low",
			"social_stratum": stratum,
			"source": rng.choice(SOURCES),
			"content": text,
			"verification_status": "Verified" if rng.random() < 0.6 else "Unverified",
		}

	for _ in range(count):
		day = today - timedelta(days=rng.randint(1, weeks * 7))
		topic = rng.choices(names, weights)[0]
		entries.append(entry(topic, rng.choices(trends, trend_weights)[0], day, rng.choice(units)))
	# Stories heard by several collaborators of different units the same week.
	for _ in range(max(1, count // 200)):
		topic, trend = rng.choices(names, weights)[0], rng.choice(trends)
		subject, day = rng.choice(SUBJECTS[topic]), today - timedelta(days=rng.randint(1, weeks * 7))
		for unit in rng.sample(units, min(len(units), rng.randint(2, 4))):
			entries.append(entry(topic, trend, day, unit, subject))
	if bursts:
		# Sized to stand out of a larger corpus's weekly counts as much as of a small one's.
		scale = max(1, count // 1000)
		# A landslide is heard of in a ward by the river (the first ward, else the first unit).
		ward = next((unit for unit in units if "phường" in unit.lower()), units[0])
		for topic, trend, subject, size, where in BURSTS:
			for _ in range(size * scale):
				unit = ward if where != "" else rng.choice(units)
				# Within this week (Monday to today), the week the emerging issues are found for.
				day = today - timedelta(days=rng.randint(0, today.weekday()))
				entries.append(entry(topic, trend, day, unit, subject))
	return entries
