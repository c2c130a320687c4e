"""Before a transcript is shared for coding, the team takes out who and where: the
rules propose, a person decides. Each test is one rule from the module docstring."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from levelfield.analysis.deidentify import (
    Proposal,
    WordListEntry,
    apply,
    parse_word_list,
    proposals,
)


def replaced(text: str, word_list: Iterable[str | WordListEntry] = ()) -> str:
    return apply(text, proposals(text, word_list=word_list))


def found(text: str) -> list[tuple[str, str]]:
    return [(p.found, p.replacement) for p in proposals(text)]


def test_email_addresses() -> None:
    assert replaced("Write to j.smith+study@nhs.net.") == "Write to [email]."


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900123",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)20 7946 0958",
        "020 7946 0958",
        "(0161) 496-0000",
        "0113-496-0000",
    ],
)
def test_uk_phone_numbers_in_their_usual_forms(number: str) -> None:
    assert replaced(f"Ring {number} today") == "Ring [phone] today"


@pytest.mark.parametrize("text", ["Room 01234", "12345678901", "0770 09", "+33 1 23 45 67 89"])
def test_numbers_that_are_not_uk_phone_numbers_stay(text: str) -> None:
    assert replaced(text) == text


@pytest.mark.parametrize(
    "code", ["LS1 4AP", "SW1A 1AA", "M13 9PL", "B33 8TH", "CR2 6XH", "EC1A1BB"]
)
def test_uk_postcodes(code: str) -> None:
    assert replaced(f"She lives at {code} now") == "She lives at [postcode] now"


def test_lower_case_postcodes_are_left_as_too_like_words() -> None:
    assert replaced("m13 9pl") == "m13 9pl"


@pytest.mark.parametrize(
    "date",
    [
        "12 March 2024",
        "12th Mar 24",
        "1st of June",
        "Monday 12 March",
        "Tuesday, the 3rd of September 2024",
        "March 12, 2024",
        "March 2024",
        "12/03/2024",
        "12-3-24",
        "1.4.2023",
        "2024-03-12",
        "12 Sept. 2023",
    ],
)
def test_dates_in_common_written_forms(date: str) -> None:
    assert replaced(f"It was {date} when") == "It was [date] when"


def test_a_month_alone_and_a_month_ending_a_sentence_keep_their_words() -> None:
    assert replaced("In May we met. It was 4 May. Then") == "In May we met. It was [date]. Then"


def test_care_places_become_hospital_and_other_places_become_place() -> None:
    text = (
        "From St Mary's Hospital to Leeds General Infirmary, then Riverside Ward, "
        "Oak Lodge Care Home, Hill Top Surgery and Ravensbourne School."
    )
    assert replaced(text) == (
        "From [hospital] to [hospital], then [place], [place], [hospital] and [place]."
    )


def test_the_hospital_with_no_name_stays_and_leading_words_are_not_the_name() -> None:
    assert replaced("The Hospital was busy.") == "The Hospital was busy."
    assert found("Our Riverside Ward helped.") == [("Riverside Ward", "[place]")]


def test_names_after_titles_keep_the_title() -> None:
    text = "Dr John Smith, Mrs J. K. Rowling, Prof. Ada Lovelace-King and Nurse O'Brien came."
    assert replaced(text) == "Dr [name], Mrs [name], Prof. [name] and Nurse [name] came."


def test_a_name_does_not_run_into_the_next_line() -> None:
    assert replaced("Asked Dr Patel\nInterviewer: why?") == "Asked Dr [name]\nInterviewer: why?"


def test_a_title_before_a_lower_case_word_is_not_a_name() -> None:
    assert replaced("The nurse said Dr who?") == "The nurse said Dr who?"


def test_word_list_entries_are_found_as_whole_words_in_any_case() -> None:
    text = "Then Siobhan came. SIOBHAN laughed; Siobhann did not. Jamal  Hussain too."
    result = replaced(text, word_list=["Siobhan", "jamal hussain"])
    assert result == "Then [name] came. [name] laughed; Siobhann did not. [name] too."


def test_a_lower_case_or_sentence_start_match_asks_to_be_checked() -> None:
    found_here = proposals("Then Rose came. Rose said a rose grew.", word_list=["Rose"])
    reasons = [p.reason for p in found_here]
    assert reasons[0] == "“Rose” is in the team’s word list"
    assert all("check it is meant here" in reason for reason in reasons[1:])
    assert len(reasons) == 3


def test_the_word_list_format() -> None:
    text = "# our list\n\nSiobhan\n  Ward 7 =>  [place]\nBradford => [city]\nsiobhan\n =>x\n"
    assert parse_word_list(text) == [
        WordListEntry("Siobhan", "[name]"),
        WordListEntry("Ward 7", "[place]"),
        WordListEntry("Bradford", "[city]"),
    ]
    assert replaced("On Ward 7 in Bradford.", word_list=text.splitlines()) == (
        "On [place] in [city]."
    )


def test_parsed_entries_can_be_given_directly() -> None:
    entries = parse_word_list("Bradford => [city]")
    assert replaced("Near Bradford.", word_list=entries) == "Near [city]."


def test_overlaps_longest_wins_and_proposals_are_in_order() -> None:
    text = "Email john.smith@nhs.net or see Dr Smith at Smith Street Clinic on 1 May 2024."
    result = proposals(text, word_list=["Smith"])
    assert [(p.found, p.replacement) for p in result] == [
        ("john.smith@nhs.net", "[email]"),
        ("Smith", "[name]"),
        ("Smith Street Clinic", "[hospital]"),
        ("1 May 2024", "[date]"),
    ]
    assert [p.start for p in result] == sorted(p.start for p in result)


def test_each_proposal_says_where_what_and_why() -> None:
    (proposal,) = proposals("Call 07700 900123.")
    assert proposal == Proposal(5, 17, "07700 900123", "[phone]", "a UK phone number")


def test_apply_only_what_the_team_accepted() -> None:
    text = "Dr Jones rang 07700 900123."
    accepted = [p for p in proposals(text) if p.replacement == "[phone]"]
    assert apply(text, accepted) == "Dr Jones rang [phone]."


def test_apply_refuses_a_proposal_for_text_that_changed() -> None:
    with pytest.raises(ValueError, match="no longer reads"):
        apply("Dr Jones", [Proposal(3, 8, "Smith", "[name]", "a name")])


def test_apply_refuses_overlapping_proposals() -> None:
    with pytest.raises(ValueError, match="overlap"):
        apply("abcdef", [Proposal(0, 3, "abc", "x", ""), Proposal(2, 4, "cd", "y", "")])


words = st.sampled_from(
    ["Dr", "Smith", "Rose", "rose", "07700", "900123", "LS1", "4AP", "12", "March", "2024",
     "St", "Mary's", "Hospital", "Ward", "a@b.co", ".", ",", "\n\n", "the", "Then"]
)  # fmt: skip


@given(st.lists(words, max_size=30).map(" ".join))
def test_proposals_are_ordered_apart_and_true_to_the_text(text: str) -> None:
    found_here = proposals(text, word_list=["Rose", "Smith => [surname]"])
    for proposal in found_here:
        assert text[proposal.start : proposal.end] == proposal.found
    for before, after in zip(found_here, found_here[1:], strict=False):
        assert before.end <= after.start
    # Applying all of them at once is always possible.
    apply(text, found_here)
    assert apply(text, []) == text
