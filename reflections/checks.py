"""Writing checks: PLACEHOLDER, replaced at merge by the real module (engineer "checks").

Only the interface is fixed here: `run_checks(fields) -> list[Finding]`. This
stand-in finds email addresses and nothing else, so the reflection pages and
their tests can be built against the contract.
"""

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


@dataclass(frozen=True)
class Finding:
    check: str  # "identifiable" or "language"
    kind: str
    field: str
    start: int
    end: int
    text: str
    message: str
    suggestion: str

    def as_dict(self):
        return asdict(self)


def run_checks(fields: Mapping[str, str]) -> list[Finding]:
    findings = []
    for field, text in fields.items():
        for match in EMAIL.finditer(text or ""):
            findings.append(
                Finding(
                    check="identifiable",
                    kind="email",
                    field=field,
                    start=match.start(),
                    end=match.end(),
                    text=match.group(),
                    message="An email address can identify the person it belongs to.",
                    suggestion="Remove it, or describe the person by their role.",
                )
            )
    return findings
