import unittest

from dlxh_app.dlxh_reporting.rules.similar import Group, near_duplicate_groups, stories_by_key, story_count


class TestSimilar(unittest.TestCase):
	def test_groups_the_same_story(self):
		texts = [
			"người_dân bức_xúc về kẹt_xe giờ cao_điểm trên đường 30_tháng_4",
			"bà_con bức_xúc về kẹt_xe giờ cao_điểm trên đường 30_tháng_4",
			"giá thịt heo ở chợ tăng mạnh",
			"tiểu_thương lo giá thịt heo ở chợ tăng mạnh",
			"lễ_hội bánh dân_gian nam_bộ rất vui",
			"",
		]
		groups = near_duplicate_groups([text.split() for text in texts])
		self.assertEqual([group.members for group in groups], [[0, 1], [2, 3]])
		self.assertEqual(story_count(len(texts) - 1, groups), 3)
		self.assertEqual(near_duplicate_groups([["a"]]), [])
		self.assertEqual(near_duplicate_groups([text.split() for text in texts], threshold=1.01), [])

	def test_stories_per_topic(self):
		keys = ["Giao thông", "Giao thông", "Giao thông", "Kinh tế", "Kinh tế"]
		groups = [Group([0, 1, 3]), Group([2])]
		self.assertEqual(
			stories_by_key(keys, groups),
			{"Giao thông": {"entries": 3, "stories": 2}, "Kinh tế": {"entries": 2, "stories": 2}},
		)
