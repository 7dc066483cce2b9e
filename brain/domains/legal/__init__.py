"""Legal: templates, multi-party e-signing with evidence, a hash-chained audit log and the
compliance rules that gate the rest of the platform."""
