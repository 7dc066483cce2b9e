"""The parts of docs/services/legal.md that come from code: the lifecycle diagram (from the
`legal_document` state-machine definition) and the compliance table (from the seeded rules,
`catalog.SEED_RULES`, which a test checks against a migrated database).

The legal manifest names this section; `brain docs` writes it into the page and
`brain docs --check` fails when the committed page differs.
"""

from __future__ import annotations

from brain.domains.legal import catalog
from brain.domains.state_machines.service import declared_definition, mermaid


def generated_section() -> str:
    names = {t.type: t.name for t in catalog.DOCUMENT_TYPES}
    lines = [
        "### Lifecycle",
        "",
        "The `legal_document` machine (guards in brackets):",
        "",
        "```mermaid",
        mermaid(declared_definition("legal_document")).rstrip("\n"),
        "```",
        "",
        "### Compliance rules (as seeded)",
        "",
        "| action | requires signed | what it gates |",
        "|---|---|---|",
    ]
    for rule in catalog.SEED_RULES:
        required = ", ".join(f"{t} ({names[t]})" for t in rule.required_types)
        lines.append(f"| `{rule.action}` | {required} | {rule.description} |")
    lines += [
        "",
        "### Document types",
        "",
        "| type | name | category | personal |",
        "|---|---|---|---|",
    ]
    for t in catalog.DOCUMENT_TYPES:
        lines.append(f"| `{t.type}` | {t.name} | {t.category} | {'yes' if t.personal else 'no'} |")
    return "\n".join(lines)
