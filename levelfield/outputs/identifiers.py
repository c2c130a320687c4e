"""ORCID iDs and DOIs: checked and written one way, whatever people paste in.

An ORCID iD is 16 characters in four groups of four; the last is a check digit by
ISO 7064 MOD 11-2 (ORCID's "Structure of the ORCID Identifier" page), so a mistyped
digit is caught before it is stored. A DOI is "10." then a registrant code of at least
four digits, "/" and a suffix (the DOI Handbook, section 2.2); people often paste the
address form (https://doi.org/10....), which is stored as the bare DOI.
"""

from __future__ import annotations

import re

ORCID_SHAPE = re.compile(r"^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$")
ORCID_PREFIXES = ("https://orcid.org/", "http://orcid.org/", "orcid.org/")
DOI_SHAPE = re.compile(r"^10\.\d{4,9}(\.\d+)*/\S+$")
DOI_PREFIXES = (
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi.org/",
    "doi:",
)


class IdentifierError(ValueError):
    """The text is not an identifier of the kind asked for; the message says why, as a
    code for the caller (SHAPE or CHECK_DIGIT), never words for people."""


SHAPE = "shape"
CHECK_DIGIT = "check digit"


def orcid_check_digit(base_digits: str) -> str:
    """The check character for the first 15 digits of an ORCID iD (ISO 7064 MOD 11-2)."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def orcid_normalise(text: str) -> str:
    """The ORCID iD as 0000-0002-1825-0097, from that or its address or no hyphens.

    Raises IdentifierError when it is not one, or its check digit does not match."""
    cleaned = text.strip()
    for prefix in ORCID_PREFIXES:
        if cleaned.lower().startswith(prefix):
            cleaned = cleaned[len(prefix) :]
            break
    match = ORCID_SHAPE.match(cleaned.upper())
    if match is None:
        raise IdentifierError(SHAPE)
    groups = match.groups()
    digits = "".join(groups)
    if orcid_check_digit(digits[:15]) != digits[15]:
        raise IdentifierError(CHECK_DIGIT)
    return "-".join(groups)


def orcid_url(orcid: str) -> str:
    return f"https://orcid.org/{orcid}" if orcid else ""


def doi_normalise(text: str) -> str:
    """The bare DOI (10.1234/abc), from that or its https://doi.org/ address or doi:.

    Raises IdentifierError when it does not have a DOI's shape."""
    cleaned = text.strip()
    for prefix in DOI_PREFIXES:
        if cleaned.lower().startswith(prefix):
            cleaned = cleaned[len(prefix) :]
            break
    if DOI_SHAPE.match(cleaned) is None:
        raise IdentifierError(SHAPE)
    return cleaned


def doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}" if doi else ""
