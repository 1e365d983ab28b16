"""Citizen pages, one module per journey."""
