"""Renderers: findings and scores (plain data) to text for people and machines."""

FORMATS = ("table", "json", "jsonl", "csv", "markdown")
