"""Scheduled reminders of the monthly report (jobs.py)."""
