# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.utils.nestedset import NestedSet

from dlxh_app.dlxh_setup.rules.text import clean_text, normalize_keywords
from dlxh_app.dlxh_setup.tree import validate_tree_node


class OpinionTopic(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		is_active: DF.Check
		is_group: DF.Check
		keywords: DF.SmallText | None
		lft: DF.Int
		old_parent: DF.Link | None
		parent_opinion_topic: DF.Link | None
		rgt: DF.Int
		topic_name: DF.Data
	# end: auto-generated types

	nsm_parent_field = "parent_opinion_topic"

	def before_naming(self):
		self.topic_name = clean_text(self.topic_name)

	def validate(self):
		self.topic_name = clean_text(self.topic_name)
		self.keywords = normalize_keywords(self.keywords)
		validate_tree_node(self)
