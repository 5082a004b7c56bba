"""Compiled dossiers: long jobs that build every unit's documents into one ZIP."""
