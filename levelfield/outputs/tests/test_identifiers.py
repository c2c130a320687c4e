"""ORCID iDs are checked by their ISO 7064 MOD 11-2 check digit, and DOIs by their
shape, whatever form people paste them in."""

from __future__ import annotations

import pytest

from levelfield.outputs.identifiers import (
    IdentifierError,
    doi_normalise,
    orcid_check_digit,
    orcid_normalise,
)

# Real iDs from ORCID's own documentation: Josiah Carberry (ORCID's test person), the
# "Structure of the ORCID Identifier" page's example, and one ending in X.
REAL = ["0000-0002-1825-0097", "0000-0001-5109-3700", "0000-0002-1694-233X"]


@pytest.mark.parametrize("orcid", REAL)
def test_real_orcid_ids_are_accepted(orcid: str) -> None:
    assert orcid_normalise(orcid) == orcid


def test_the_check_digit_worked_by_hand() -> None:
    # 000000021825009: add each digit to the total and double it: 0 ... 0, then
    # (0+2)*2=4, (4+1)*2=10, (10+8)*2=36, (36+2)*2=76, (76+5)*2=162, 324, 648,
    # (648+9)*2=1314; 1314 mod 11 = 5 and (12 - 5) mod 11 = 7.
    assert orcid_check_digit("000000021825009") == "7"
    assert orcid_check_digit("000000021694233") == "X"


@pytest.mark.parametrize(
    "typed",
    [
        "https://orcid.org/0000-0002-1825-0097",
        "orcid.org/0000-0002-1825-0097",
        "0000000218250097",
        "  0000-0002-1825-0097 ",
    ],
)
def test_the_address_form_and_no_hyphens_are_stored_as_the_id(typed: str) -> None:
    assert orcid_normalise(typed) == "0000-0002-1825-0097"


def test_a_lower_case_x_is_stored_upper_case() -> None:
    assert orcid_normalise("0000-0002-1694-233x") == "0000-0002-1694-233X"


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("0000-0002-1825-0098", "check digit"),  # one digit wrong
        ("0000-0002-1825-0079", "check digit"),  # two digits swapped
        ("0000-0002-1825", "shape"),
        ("not an id", "shape"),
        ("0000-0002-1825-00977", "shape"),
    ],
)
def test_a_wrong_orcid_id_is_refused(typed: str, why: str) -> None:
    with pytest.raises(IdentifierError, match=why):
        orcid_normalise(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "10.1136/bmj.n71",
        "https://doi.org/10.1136/bmj.n71",
        "http://dx.doi.org/10.1136/bmj.n71",
        "doi:10.1136/bmj.n71",
        " 10.1136/bmj.n71 ",
    ],
)
def test_a_doi_is_stored_bare(typed: str) -> None:
    assert doi_normalise(typed) == "10.1136/bmj.n71"


def test_a_doi_keeps_its_suffix_as_given() -> None:
    assert doi_normalise("10.1002/(SICI)1097-4571(199806)49:8") == (
        "10.1002/(SICI)1097-4571(199806)49:8"
    )


@pytest.mark.parametrize(
    "typed", ["bmj.n71", "10.11/short", "11.1136/bmj.n71", "10.1136/", "https://example.org/x"]
)
def test_a_wrong_doi_is_refused(typed: str) -> None:
    with pytest.raises(IdentifierError):
        doi_normalise(typed)
