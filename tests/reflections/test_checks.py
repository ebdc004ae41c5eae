"""The writing checks, one kind at a time: what is pointed out, and what is left alone."""

from types import SimpleNamespace

import pytest

from reflections.checks import Finding, run_checks
from reflections.models import LanguageGuide


def identifiable(text):
    return [(f.kind, f.text) for f in run_checks({"answer": text}, guide=[])]


def entry(phrase, preferred="", why="Why this matters.", active=True):
    return SimpleNamespace(phrase=phrase, preferred=preferred, why=why, active=active)


def language(text, *entries):
    return [f.text for f in run_checks({"answer": text}, guide=entries) if f.check == "language"]


# --- NHS numbers ---


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919"])
def test_nhs_number_is_found_with_or_without_separators(number):
    assert identifiable(f"His NHS number is {number}.") == [("nhs_number", number)]


@pytest.mark.parametrize("number", ["9434765918", "943 476 5910", "1234567890"])
def test_ten_digits_failing_the_check_digit_are_not_an_nhs_number(number):
    assert identifiable(f"The number {number} was on the form.") == []


def test_an_isbn_is_not_an_nhs_number_though_it_passes_the_same_check():
    assert identifiable("The book's ISBN is 0198526636.") == []
    assert identifiable("Reference 4010232137 is the contract.") == []


def test_digits_inside_a_longer_number_or_mixed_separators_are_not_an_nhs_number():
    assert identifiable("Order 94347659190 and 943 476-5919 arrived.") == []


# --- National Insurance numbers ---


@pytest.mark.parametrize("number", ["JG 10 37 59 A", "AB123456C", "ZX 98 76 54 D", "pe441209b"])
def test_national_insurance_number_is_found(number):
    assert identifiable(f"NI number {number}.") == [("ni_number", number)]


@pytest.mark.parametrize(
    "number",
    [
        "QQ 12 34 56 C",  # Q is never used
        "DA 12 34 56 A",  # nor D
        "AO 12 34 56 A",  # O never second
        "GB 12 34 56 A",  # prefixes not issued
        "NK 12 34 56 A",
        "TN 12 34 56 A",
        "ZZ 12 34 56 A",
        "AB 12 34 56 E",  # final letter A-D only
        "AB 12 34 5 C",
    ],
)
def test_codes_breaking_the_national_insurance_rules_are_left_alone(number):
    assert identifiable(f"The code {number} was printed.") == []


# --- Postcodes ---


@pytest.mark.parametrize("postcode", ["M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB", "SW1A1AA"])
def test_postcodes_of_all_six_shapes_are_found(postcode):
    assert identifiable(f"She lives at {postcode} now.") == [("postcode", postcode)]


@pytest.mark.parametrize("text", ["the M62 and the A1", "our office in SW1", "Q1 1AA", "AB1 1CA", "Sw1a 1aA"])
def test_road_numbers_outward_codes_and_impossible_postcodes_are_left_alone(text):
    assert identifiable(f"We talked about {text} today.") == []


# --- Dates of birth ---


@pytest.mark.parametrize(
    "text, date",
    [
        ("DOB: 12/03/1985", "12/03/1985"),
        ("d.o.b. 5/6/71", "5/6/71"),
        ("date of birth 07.11.62", "07.11.62"),
        ("born on the 2nd of July 2001", "2nd of July 2001"),
        ("born March 12, 1985", "March 12, 1985"),
        ("born in March 1979", "March 1979"),
        ("her birthday is 14th February", "14th February"),
        ("12/03/1985 (DOB)", "12/03/1985"),
    ],
)
def test_a_date_near_a_birth_cue_is_a_date_of_birth(text, date):
    assert identifiable(f"The file says {text}.") == [("date_of_birth", date)]


@pytest.mark.parametrize(
    "text",
    [
        "The policy changed on 01/04/2022.",
        "Supervision is on 12 March.",
        "She was born in Leeds. On 12 March 2020 she moved to York.",
        "He was born in 1985.",
    ],
)
def test_dates_without_a_birth_cue_nearby_and_bare_years_are_left_alone(text):
    assert identifiable(text) == []


# --- Phone numbers ---


@pytest.mark.parametrize("number", ["07911 123456", "0161 123 4567", "+44 7912 345678", "(0113) 496 0000"])
def test_uk_phone_numbers_are_found(number):
    assert identifiable(f"Ring {number} after six.") == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "Call 999 in an emergency or 111 for advice.",
        "Samaritans are free on 116 123.",
        "The helpline is 0800 123 4567.",
        "Mind's Infoline is 0300 123 3393.",
        "In 2019, 1,250 people came; 885–899 is the page range.",
        "We met at 14:30 and 16.00.",
        "Ticket 01234567890 is for the training day.",
    ],
)
def test_emergency_helpline_and_organisation_numbers_and_other_figures_are_not_phones(text):
    assert identifiable(text) == []


# --- Email addresses ---


@pytest.mark.parametrize("address", ["dave.r@example.co.uk", "sam_k+home@gmail.com", "jane.doe@nhs.net"])
def test_email_addresses_are_found(address):
    assert identifiable(f"Write to {address}.") == [("email", address)]


def test_a_handle_without_a_domain_is_not_an_email():
    assert identifiable("She posts as @recoverynet online.") == []


# --- Names ---


@pytest.mark.parametrize(
    "name",
    ["Mrs Patel", "Mr J. Smith", "Dr. A Khan", "Ms Okafor", "Mx Sam Lee", "Miss Evans", "Mrs O'Brien", "Dr Ahmed"],
)
def test_a_title_and_a_name_is_a_name(name):
    assert identifiable(f"I met {name} on the ward.") == [("name", name)]


@pytest.mark.parametrize(
    "text",
    [
        "She read the Mr Men books to her son.",
        "We watched Little Miss Sunshine together.",
        "Mr and I went.",
        "Ms. The end.",
    ],
)
def test_a_title_without_a_person_after_it_is_left_alone(text):
    assert identifiable(text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Sarah told me she had not slept.", "Sarah"),
        ("I asked Mohammed what helps.", "Mohammed"),
        ("When I met Aisha Begum she had just moved.", "Aisha Begum"),
        ("Tom's support worker called.", "Tom"),
        ("Grace Adebayo asked me to write it down.", "Grace Adebayo"),
        ("Aoife said the group helped.", "Aoife"),
    ],
)
def test_a_first_name_from_the_lists_is_a_name_with_the_surname_after_it(text, name):
    assert identifiable(text) == [("name", name)]


@pytest.mark.parametrize(
    "text",
    [
        "Hope is one of the themes of recovery.",
        "Grace and patience helped.",
        "Will we ever agree?",
        "Mark the date in your diary.",
        "Victoria Station was busy.",
        "She was admitted to St James's Hospital.",
        "Patricia Deegan (1988) wrote about recovery.",
        "Anthony (1993) described recovery as personal.",
        "Rachel Perkins and Julie Repper wrote about inclusion.",
        "Graham Gibbs' cycle has six stages.",
        "Scott et al. found the same.",
    ],
)
def test_names_that_are_words_places_or_cited_writers_are_left_alone(text):
    assert identifiable(text) == []


# --- Findings ---


def test_findings_carry_the_field_offsets_text_and_advice():
    fields = {"title": "Visit to Mrs Patel", "feelings": "I refused to rush. Email jo@example.org"}

    findings = run_checks(fields, guide=[entry("refused", "declined", "Declining is a choice.")])

    assert [(f.field, f.check, f.kind, f.text) for f in findings] == [
        ("title", "identifiable", "name", "Mrs Patel"),
        ("feelings", "language", "language", "refused"),
        ("feelings", "identifiable", "email", "jo@example.org"),
    ]
    for finding in findings:
        assert fields[finding.field][finding.start : finding.end] == finding.text
    assert findings[1].suggestion == "declined" and findings[1].message == "Declining is a choice."
    assert findings[0].suggestion == "" and "must not identify" in findings[0].message
    assert findings[2].as_dict() == {
        "check": "identifiable",
        "kind": "email",
        "field": "feelings",
        "start": 25,
        "end": 39,
        "text": "jo@example.org",
        "message": findings[2].message,
        "suggestion": "",
    }


def test_overlapping_details_are_reported_once_as_the_more_specific_kind():
    assert identifiable("Contact mrs.patel@example.org today.") == [("email", "mrs.patel@example.org")]


def test_empty_and_missing_text_have_no_findings():
    assert run_checks({"a": "", "b": None}, guide=[]) == []


def test_findings_are_immutable():
    finding = run_checks({"a": "Sarah came."}, guide=[])[0]
    assert isinstance(finding, Finding)
    with pytest.raises(AttributeError):
        finding.text = "changed"


@pytest.mark.django_db
def test_without_a_guide_the_active_entries_are_loaded_in_one_query(django_assert_num_queries):
    LanguageGuide.objects.create(phrase="refused", preferred="declined", why="A choice.")
    LanguageGuide.objects.create(phrase="relapse", preferred="recurrence", why="Not failure.", active=False)

    with django_assert_num_queries(1):
        findings = run_checks({"answer": "She refused; then a relapse."})

    assert [f.text for f in findings] == ["refused"]


def test_an_inactive_entry_passed_in_is_not_used():
    assert language("He refused.", entry("refused", active=False)) == []


# --- Recovery language ---


@pytest.mark.parametrize(
    "text", ["suffering from", "suffers from", "suffered from", "suffer from", "Suffering From", "suffering  from"]
)
def test_a_phrase_is_found_in_any_case_with_simple_endings(text):
    assert language(f"She is {text} anxiety.", entry("suffering from")) == [text]


@pytest.mark.parametrize("text", ["refused", "refuses", "refusing", "refuse", "REFUSED"])
def test_refused_is_found_with_its_endings(text):
    assert language(f"He {text} the offer.", entry("refused")) == [text]


@pytest.mark.parametrize(
    "phrase, text",
    [
        ("committed suicide", "commits suicide"),
        ("committed suicide", "committing suicide"),
        ("relapse", "relapsed"),
        ("relapse", "relapses"),
        ("kicking off", "kicked off"),
        ("acting out", "acts out"),
        ("attention seeking", "attention-seeking"),
        ("non-compliant", "noncompliant"),
        ("non-compliant", "non compliant"),
        ("schizophrenic", "schizophrenics"),
        ("frequent flyer", "frequent flyers"),
    ],
)
def test_inflections_and_spellings_of_phrases_are_found(phrase, text):
    assert language(f"Notes said {text} again.", entry(phrase)) == [text]


@pytest.mark.parametrize(
    "phrase, text",
    [
        ("refused", "The refuse collection was late."),
        ("refused", "Refuse bins lined the street."),
        ("resistant", "She has treatment-resistant depression."),
        ("resistant", "It was treatment resistant."),
        ("acting out", "He was acting outside his role."),
        ("relapse", "We wrote a prelapse plan."),
        ("kicking off", "The kick-off meeting is on Monday."),
        ("kicking off", "We kicked off the session with a check-in."),
    ],
)
def test_only_whole_words_in_the_intended_sense_are_found(phrase, text):
    assert language(text, entry(phrase)) == []


def test_the_same_words_in_the_guides_sense_are_still_found():
    assert language("She may refuse the offer, and refused collection twice.", entry("refused")) == [
        "refuse",
        "refused",
    ]
    assert language("He kicked off at the staff.", entry("kicking off")) == ["kicked off"]
    assert language("It was resistant to change.", entry("resistant")) == ["resistant"]


def test_the_longest_of_overlapping_phrases_is_reported_once():
    guide = [entry("mentally ill"), entry("the mentally ill", "people with mental health problems")]

    findings = run_checks({"a": "Services for the mentally ill."}, guide=guide)

    assert [(f.text, f.suggestion) for f in findings] == [("the mentally ill", "people with mental health problems")]


def test_a_phrase_with_regular_expression_characters_is_matched_literally():
    assert language("Recorded as nxfxa.", entry("n.f.a")) == []
    assert language("Recorded as n.f.a on arrival.", entry("n.f.a")) == ["n.f.a"]
