"""Offline AI for grasping opinion, in Vietnamese: topic and trend suggestions learnt from the site's own
labelled entries (text.py, classifier.py: plain Python, no database), their storage and training on the
site (store.py), the whitelisted API (api.py) and a synthetic labelled corpus for the demo and the
benchmark (corpus.py)."""
