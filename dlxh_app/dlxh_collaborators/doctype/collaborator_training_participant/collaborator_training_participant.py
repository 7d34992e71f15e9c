# Copyright (c) 2026, dlxh_app contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class CollaboratorTrainingParticipant(Document):
	pass
