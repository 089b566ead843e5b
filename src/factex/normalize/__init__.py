"""Normalizers: numbers, units."""
