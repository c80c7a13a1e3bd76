"""Crawl Journal: a desktop journal of a baby's crawling and early movement."""

__version__ = "0.1.0"
APP_NAME = "Crawl Journal"
ORG_NAME = "Crawl Journal"
ORG_DOMAIN = "crawljournal.invalid"
