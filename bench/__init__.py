"""Benchmarks of Crawl Journal and the generator of the journals they run on."""
