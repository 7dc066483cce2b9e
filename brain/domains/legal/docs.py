"""Generates the parts of docs/services/legal.md that come from code: the lifecycle diagram
(from the `legal_document` state-machine definition) and the compliance table (from the
seeded rules, `catalog.SEED_RULES`, which a test checks against a migrated database).

`python -m brain.domains.legal.docs` rewrites the part of the page between the markers; a
test fails when the committed page differs from what this would write.
"""

from __future__ import annotations

import sys
from pathlib import Path

from brain.domains.legal import catalog
from brain.domains.state_machines.service import declared_definition, mermaid

PAGE = Path(__file__).resolve().parents[3] / "docs" / "services" / "legal.md"
BEGIN = "<!-- BEGIN GENERATED: legal (python -m brain.domains.legal.docs) -->"
END = "<!-- END GENERATED: legal -->"


def generated_section() -> str:
    names = {t.type: t.name for t in catalog.DOCUMENT_TYPES}
    lines = [
        BEGIN,
        "",
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
    lines += ["", END]
    return "\n".join(lines)


def render(page: str) -> str:
    start, end = page.index(BEGIN), page.index(END) + len(END)
    return page[:start] + generated_section() + page[end:]


def main() -> None:
    PAGE.write_text(render(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")


if __name__ == "__main__":
    main()
