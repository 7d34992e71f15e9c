import unittest

from dlxh_app.dlxh_setup.rules import RuleError
from dlxh_app.dlxh_setup.rules.signing import normalize_signing_authority


class TestSigningAuthority(unittest.TestCase):
	def test_party_style_is_kept_in_capitals(self):
		self.assertEqual(normalize_signing_authority(" k/t  trưởng ban "), "K/T TRƯỞNG BAN")
		self.assertEqual(normalize_signing_authority("T/M BAN THƯỜNG VỤ"), "T/M BAN THƯỜNG VỤ")
		self.assertEqual(normalize_signing_authority(""), "")

	def test_state_style_is_refused(self):
		for value in ("KT. TRƯỞNG BAN", "tm. ban thường vụ", "TL . CHÁNH VĂN PHÒNG"):
			with self.subTest(value=value), self.assertRaises(RuleError) as caught:
				normalize_signing_authority(value)
			self.assertEqual(caught.exception.code, "state_style")
