"""Use cases the UI and command line call: journal, charts, guidance, summary, portability."""
