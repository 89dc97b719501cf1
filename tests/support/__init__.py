"""Helpers shared by the tests: paths, page text, generated packages, fake and mock servers."""
