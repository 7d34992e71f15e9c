"""Rules of the surveys that need no database: plain Python, tested without a site (RuleError as in
dlxh_setup.rules)."""
