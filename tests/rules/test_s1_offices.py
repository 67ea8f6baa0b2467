"""DOMAIN.md §1 Offices: who may be Chair and Vice-Chair, using the seeds' constitutions."""

from __future__ import annotations

from clerk_app.rules.offices import Breach, Candidate, OfficeRules, OrgRef, office_breaches

# Agencies and employers are organisations; the services resolve what the clerk typed
# or chose ("KCC", "Kent County Council") to one of them before the rules see it.
KCC = OrgRef(1, "Kent County Council")
POLICE = OrgRef(2, "Kent Police")
YOUTH = OrgRef(3, "Youth Service")
CANTERBURY = OrgRef(4, "Canterbury City Council")
LINCS_CC = OrgRef(5, "Lincolnshire County Council")
LINCS_POLICE = OrgRef(6, "Lincolnshire Police")

KENT_SOURCE = "000 §10.2-10.3"
# Kent LCSP: the Chair "can be drawn from any membership category" (000 §10.2).
KENT_CHAIR = OfficeRules(office="chair", name="Chair", source="000 §10.2")
# The Vice Chair "should not be from the same agency as the Chair" (000 §10.2) and is
# appointed "from amongst core members who are not KCC employees" (000 §10.3).
KENT_VICE_CHAIR = OfficeRules(
    office="vice_chair",
    name="Vice-Chair",
    not_same_agency_as=("chair",),
    core_member_only=True,
    excluded_employers=frozenset({KCC}),
    source=KENT_SOURCE,
)
# Lincolnshire CYPSP: "Director of Children's Services to Chair" (002 §4.1).
LINCS_CHAIR = OfficeRules(
    office="chair", name="Chair", only_categories=frozenset({"dcs"}), source="002 §4.1"
)

CHAIR = Candidate(1, "A. Head", KCC, KCC, "education", True)
HOLDERS = {"chair": CHAIR}


def kent_candidate(**changes) -> Candidate:
    fields = dict(
        person_id=2,
        name="P. Inspector",
        agency=POLICE,
        employer=POLICE,
        category="police",
        core=True,
    )
    fields.update(changes)
    return Candidate(**fields)


def test_kent_valid_vice_chair_accepted():
    assert office_breaches(KENT_VICE_CHAIR, kent_candidate(), HOLDERS) == []


def test_kent_vice_chair_same_agency_as_chair_refused():
    candidate = kent_candidate(agency=KCC, employer=CANTERBURY)
    assert office_breaches(KENT_VICE_CHAIR, candidate, HOLDERS) == [
        Breach(
            "The Vice-Chair must not be from the same agency as the Chair (Kent County Council).",
            KENT_SOURCE,
        )
    ]


def test_kent_vice_chair_kcc_employee_refused():
    # Represents the Youth Service but is employed by KCC (000 §10.3).
    candidate = kent_candidate(agency=YOUTH, employer=KCC, category="youth")
    breaches = office_breaches(KENT_VICE_CHAIR, candidate, HOLDERS)
    assert [b.rule for b in breaches] == [
        "The Vice-Chair must not be employed by Kent County Council; P. Inspector is."
    ]
    assert breaches[0].source == KENT_SOURCE


def test_kent_vice_chair_organisations_compared_by_identity_not_name():
    # Two organisations that happen to share a name are still two organisations.
    namesake = OrgRef(99, "Kent County Council")
    candidate = kent_candidate(agency=namesake, employer=namesake)
    assert office_breaches(KENT_VICE_CHAIR, candidate, HOLDERS) == []


def test_kent_non_core_vice_chair_refused():
    candidate = kent_candidate(core=False)
    assert [b.rule for b in office_breaches(KENT_VICE_CHAIR, candidate, HOLDERS)] == [
        "The Vice-Chair must be a core member; P. Inspector is not."
    ]


def test_kent_vice_chair_breaking_everything_lists_every_rule():
    candidate = kent_candidate(
        agency=KCC, employer=KCC, core=False
    )
    assert len(office_breaches(KENT_VICE_CHAIR, candidate, HOLDERS)) == 3


def test_kent_vice_chair_with_no_chair_in_office():
    assert (
        office_breaches(
            KENT_VICE_CHAIR,
            kent_candidate(agency=KCC, employer=POLICE),
            {},
        )
        == []
    )


def test_unknown_agency_is_not_the_same_agency():
    no_agency_chair = Candidate(1, "A. Head", None, None, "education", True)
    candidate = kent_candidate(agency=None)
    assert office_breaches(KENT_VICE_CHAIR, candidate, {"chair": no_agency_chair}) == []


def test_kent_chair_from_any_category_accepted():
    for category in (
        "education",
        "district",
        "social_services",
        "health",
        "youth",
        "police",
        "voluntary",
    ):
        candidate = kent_candidate(category=category, core=category != "voluntary")
        assert office_breaches(KENT_CHAIR, candidate, {}) == []


def test_non_member_can_never_hold_an_office():
    # The LCSP Manager convenes the first meeting (000 §9.3) but an officer in
    # attendance is not a member of the board.
    officer = kent_candidate(name="L. Manager", is_member=False, category=None)
    assert [b.rule for b in office_breaches(KENT_CHAIR, officer, {})] == [
        "The Chair must be a member of the board; L. Manager is not."
    ]


def test_lincolnshire_chair_only_from_the_dcs_seat():
    dcs = Candidate(10, "D. Director", LINCS_CC, LINCS_CC, "dcs", True)
    assert office_breaches(LINCS_CHAIR, dcs, {}) == []
    police = Candidate(11, "C. Constable", LINCS_POLICE, LINCS_POLICE, "police", True)
    assert office_breaches(LINCS_CHAIR, police, {}) == [
        Breach("The Chair must sit in the dcs category; C. Constable does not.", "002 §4.1")
    ]


def test_several_allowed_categories_are_listed():
    rules = OfficeRules("chair", "Chair", only_categories=frozenset({"dcs", "lead_member"}))
    candidate = Candidate(3, "X", CANTERBURY, CANTERBURY, None, True)
    assert office_breaches(rules, candidate, {})[0].rule == (
        "The Chair must sit in one of the categories dcs, lead_member; X does not."
    )
