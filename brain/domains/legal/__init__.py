"""Legal: templates, multi-party e-signing with evidence, a hash-chained audit log and the
compliance rules that gate the rest of the platform."""

# Importing the domain registers its `legal_document` machine with the engine, so anything
# that asks the engine for it (the docs generator, a script) finds it without the app's
# startup having run. Idempotent; `handlers.register()` registers it again at startup.
from brain.domains.legal import lifecycle as lifecycle
