"""Serialising graphs to files."""
