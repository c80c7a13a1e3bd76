"""What tests share that is not a fixture: constants, builders of journals and days, and ways of
driving dialogs and keys. Fixtures stay in the conftest.py files; no test module imports another
test module or a conftest."""
