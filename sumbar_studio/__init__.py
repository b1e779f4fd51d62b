"""Sumbar Studio: publishing assistant for the official social-media accounts of DPRD Sumbar."""

__version__ = "0.1.0"
APP_NAME = "Sumbar Studio"
APP_ID = "sumbar-studio"
