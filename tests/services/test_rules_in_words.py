"""Help › This body's rules in words (issue 14): a body's constitution as one readable
page, each rule with its source as the document's title and an "assumed" mark where the
application had to assume it (DOMAIN.md §1, §3, §5, §7, §8)."""

from __future__ import annotations

from clerk_app.services import body_setup, constitution, membership, presets
from clerk_app.services.rules_in_words import ASSUMED, rules_in_words

LCSP_AGREEMENT = "Kent LCSP Model Partnership Agreement (June 2008)"
LINCS_TOR = "Lincolnshire CYPSP Governance Arrangements and Terms of Reference 2013/15"


def section(rules, title):
    return next(s for s in rules.sections if s.title == title)


def line_starting(rules, title, start):
    return next(line for line in section(rules, title).lines if line.text.startswith(start))


def test_kent_lcsp_quorum_reads_five_of_seven_organisations_from_its_agreement(engine):
    body_id = presets.create_body_from_preset(engine, "kent-lcsp")
    rules = rules_in_words(engine, body_id)

    quorum = line_starting(rules, "Quorum", "Quorum:")
    assert "5 of these 7 represented" in quorum.text
    assert "Police" in quorum.text and "Voluntary and Community Sector" in quorum.text
    assert quorum.source == f"{LCSP_AGREEMENT} §10.4"
    assert not quorum.assumed  # 000 §10.4 says it in so many words
    vice = line_starting(rules, "Chair and Vice-Chair", "Vice-Chair")
    assert "Not from the same agency as the Chair" in vice.text
    assert "Not employed by Kent County Council" in vice.text
    manager = line_starting(rules, "Who sits", "LCSP Manager")
    assert "no vote" in manager.text
    text = rules.as_text()
    assert "000 §" not in text and "seed 00" not in text  # documents by title, not number
    assert [s.title for s in rules.sections][:4] == [
        "Who sits", "Quorum", "Chair and Vice-Chair", "Votes"]


def test_lincolnshire_quorum_is_the_assumed_third_waiting_to_be_confirmed(engine):
    body_id = presets.create_body_from_preset(engine, "lincolnshire-cypsp")
    rules = rules_in_words(engine, body_id)

    quorum = line_starting(rules, "Quorum", "Quorum:")
    assert "One third" in quorum.text
    assert quorum.assumed
    assert f"- {quorum.text} ({ASSUMED})" in rules.as_text()
    seats = section(rules, "Who sits").lines[0].text
    assert seats.startswith("30 seats in 15 categories: 29 with a vote, 1 without")
    observer = line_starting(rules, "Who sits", "Independent Chair")
    assert "no vote" in observer.text
    threshold = line_starting(rules, "Attendance", "Expected attendance")
    assert "70%" in threshold.text and threshold.source == f"{LINCS_TOR} §5.1, §6.5"

    constitution.confirm_setting(engine, body_id, "quorum")
    assert not line_starting(rules_in_words(engine, body_id), "Quorum", "Quorum:").assumed


def test_every_setting_is_shown_even_one_the_page_has_no_heading_for(engine):
    body_id = presets.create_body_from_preset(engine, "kent-ct")
    constitution.change_setting(engine, body_id, "observers_may_speak", True,
                                "Terms of reference 2024 §3.1")
    rules = rules_in_words(engine, body_id)

    other = section(rules, "Other settings").lines
    assert [(line.text, line.source) for line in other] == [
        ("Observers may speak: Yes", "Terms of reference 2024 §3.1")]
    shown = sum(len(s.lines) for s in rules.sections if s.title not in (
        "Who sits", "Chair and Vice-Chair"))
    assert shown == len(body_setup.body_setup(engine, body_id).settings)


def test_seats_count_the_members_seated_and_the_vacancies(engine):
    body_id = presets.create_body_from_preset(engine, "lincolnshire-cypsp")
    person = membership.add_person(engine, "Amira <b>Haddad</b> & Co")
    membership.add_member(engine, body_id, person, "police")
    rules = rules_in_words(engine, body_id)

    assert "1 member seated, 29 vacancies" in section(rules, "Who sits").lines[0].text
    assert "Lincolnshire Police: 1 seat, with a vote, counting for quorum; 1 filled." in [
        line.text for line in section(rules, "Who sits").lines]


def test_s8_cumbrias_assumed_seats_and_offices_are_marked_on_the_page(engine):
    body_id = presets.create_body_from_preset(engine, "cumbria-cypb")
    text = rules_in_words(engine, body_id).as_text()
    assert ("- Police: 1 seat, with a vote, counting for quorum; 0 filled. "
            "(assumed — please confirm)") in text
    assert "- Voluntary/community sector reference group representative: 1 seat, with a " \
           "vote, counting for quorum; 0 filled.\n" in text  # sourced: 004 §2.1, §2.3
    chair = line_starting(rules_in_words(engine, body_id), "Chair and Vice-Chair", "Vice-Chair")
    assert chair.assumed
