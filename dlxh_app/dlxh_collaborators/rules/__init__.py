"""Rules of the collaborator network that need no database: plain Python, tested without a site. Broken
rules raise `dlxh_app.dlxh_setup.rules.RuleError`, which the controllers turn into messages naming the
field."""
