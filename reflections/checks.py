"""Writing checks: details that could identify a person, and wording the language guide would change.

Both are advice shown beside the text, never a block. Social Work England asks
that CPD identifies no one who uses services, so the identifiable-details check
errs towards pointing things out; the look-alikes it must leave alone (years,
page ranges, ISSNs and ISBNs, reference and version numbers, times, counts,
"Mr Men", ten-digit numbers that fail the NHS check) are in the tests'
corpus with its measured precision and recall.

Everything here works on plain strings without a language model: well-kept
libraries where they exist (`phonenumbers`, `python-stdnum`, Faker's
first-name lists) and small regular expressions for the rest.
`reflection_findings` gives the findings as the pages that show them
(the author's submit page, the trainer's reading page) need them: grouped,
each occurrence with its field's label and the words around it.
"""

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache, lru_cache

import phonenumbers
from django.utils.text import get_text_list
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType
from stdnum.gb import nhs

from .forms import checked_text, field_labels, reflection_values

IDENTIFIABLE = "identifiable"
LANGUAGE = "language"


@dataclass(frozen=True)
class Finding:
    check: str  # IDENTIFIABLE or LANGUAGE
    kind: str  # nhs_number, ni_number, postcode, date_of_birth, phone, email, name; or "language"
    field: str  # the form field the text came from
    start: int  # offsets in that field's text (Python string indices)
    end: int
    text: str
    message: str
    suggestion: str  # the preferred wording for language findings, "" otherwise

    def as_dict(self):
        return asdict(self)


def run_checks(fields: Mapping[str, str], *, guide=None) -> list[Finding]:
    """All findings for these named texts, ordered by field order then start.

    `guide` is an iterable of LanguageGuide entries; None loads the active ones
    from the database (one query).
    """
    if guide is None:
        from .models import LanguageGuide

        guide = LanguageGuide.objects.active()
    entries = [entry for entry in guide if getattr(entry, "active", True)]
    findings = []
    for field, text in fields.items():
        text = text or ""
        findings += identifiable_details(field, text)
        findings += language_findings(field, text, entries)
    order = {field: position for position, field in enumerate(fields)}
    return sorted(findings, key=lambda f: (order[f.field], f.start, f.end, f.check))


# --- As the pages show them ---

CONTEXT_CHARS = 60  # of the text on either side of a finding


@dataclass(frozen=True)
class Occurrence:
    """A finding where it is: its field's label and the words around it, so it can be judged without the text."""

    finding: Finding
    where: str  # the field's label
    before: str
    after: str

    @property
    def found(self):
        return self.finding.text


@dataclass(frozen=True)
class Repeated:
    """One finding however often it occurs: an identifiable detail (the same kind and text, whatever its case or
    spacing), or one piece of language advice (the same advice, whatever form of the phrase was written)."""

    occurrences: tuple[Occurrence, ...]

    @property
    def text(self):
        """As first written."""
        return self.occurrences[0].found

    @property
    def message(self):
        return self.occurrences[0].finding.message

    @property
    def suggestion(self):
        return self.occurrences[0].finding.suggestion

    @property
    def forms(self):
        """Each way it was written, once: “refused” and “refusing”."""
        return _quoted({_normalised(shown.found): shown.found for shown in self.occurrences}.values())

    @property
    def where(self):
        """The fields it occurs in, in order, each once: “Description” and “Feelings”."""
        return _quoted(dict.fromkeys(shown.where for shown in self.occurrences))


def _normalised(text):
    """The same words whatever their case or spacing."""
    return " ".join(text.split()).casefold()


def _quoted(values):
    return get_text_list([f"“{value}”" for value in values], "and")


@dataclass(frozen=True)
class Findings:
    """What the checks found in a reflection, for a page to show."""

    details: tuple[Repeated, ...]  # identifying details, each once
    language: tuple[Repeated, ...]  # language advice, each piece once

    def __bool__(self):
        return bool(self.details or self.language)


def reflection_findings(reflection):
    """The checks over a reflection as stored (its answers prefetched), as the author's submit page and the
    trainer's reading page show them: each with its field's label and the words around it, each identifying
    detail once however often it occurs (a writer who names "Sam" three times confirms once that "Sam"
    identifies nobody) and each piece of language advice once, in the order each first occurs."""
    answers = reflection.answers.all()
    texts = checked_text(reflection_values(reflection), answers)
    labels = field_labels(answers)
    details, language = {}, {}
    for finding in run_checks(texts):
        text = texts[finding.field]
        start, end = max(finding.start - CONTEXT_CHARS, 0), finding.end + CONTEXT_CHARS
        shown = Occurrence(
            finding,
            where=labels[finding.field],
            before=("…" if start > 0 else "") + text[start : finding.start],
            after=text[finding.end : end] + ("…" if end < len(text) else ""),
        )
        if finding.check == IDENTIFIABLE:
            details.setdefault((finding.kind, _normalised(finding.text)), []).append(shown)
        else:  # one guide entry's advice, whichever of its forms was written
            language.setdefault((finding.message, finding.suggestion), []).append(shown)
    return Findings(
        details=tuple(Repeated(tuple(found)) for found in details.values()),
        language=tuple(Repeated(tuple(found)) for found in language.values()),
    )


# --- Identifiable details ---

ADVICE = "A reflection must not identify the people you work with: remove it or describe it in general terms."
MESSAGES = {
    "nhs_number": "This looks like an NHS number.",
    "ni_number": "This looks like a National Insurance number.",
    "postcode": "This looks like a postcode.",
    "date_of_birth": "This looks like a date of birth.",
    "phone": "This looks like a phone number.",
    "email": "This looks like an email address.",
    "name": "This looks like a person's name.",
}
# When two details overlap, the more specific one is reported.
PRIORITY = ["email", "nhs_number", "ni_number", "date_of_birth", "postcode", "phone", "name"]

# A number straight after one of these is a reference, not a person's detail
# (an ISBN-10 even passes the NHS number's check: both use the same mod-11 sum).
REFERENCE_CUE = re.compile(
    r"\b(?:isbn(?:-1[03])?|issn|doi|ref|reference|version|invoice|order|ticket|receipt|page|pages|pp?)"
    r"\.?\s*(?:no\.?|number|#)?\s*(?:is|was|of)?\s*[:#]?\s*$",
    re.IGNORECASE,
)


def follows_reference_cue(text, start):
    return bool(REFERENCE_CUE.search(text[max(0, start - 30) : start]))


def identifiable_details(field, text):
    spans = [
        *email_spans(text),
        *nhs_number_spans(text),
        *ni_number_spans(text),
        *date_of_birth_spans(text),
        *postcode_spans(text),
        *phone_spans(text),
        *name_spans(text),
    ]
    kept = []
    for kind, start, end in sorted(spans, key=lambda s: (PRIORITY.index(s[0]), s[1] - s[2])):
        if all(end <= other_start or start >= other_end for _, other_start, other_end in kept):
            kept.append((kind, start, end))
    return [
        Finding(IDENTIFIABLE, kind, field, start, end, text[start:end], f"{MESSAGES[kind]} {ADVICE}", "")
        for kind, start, end in kept
    ]


EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def email_spans(text):
    return [("email", m.start(), m.end()) for m in EMAIL.finditer(text)]


# Ten digits, alone or as 3-3-4 with spaces or hyphens (the same separator twice).
NHS_NUMBER = re.compile(r"(?<![\w./+-])\d{3}([ -]?)\d{3}\1\d{4}(?![\w/-]|[.,]\d)")


def nhs_number_spans(text):
    return [
        ("nhs_number", m.start(), m.end())
        for m in NHS_NUMBER.finditer(text)
        if nhs.is_valid(m.group()) and not follows_reference_cue(text, m.start())
    ]


# Two letters, six digits (in pairs or not), a final letter A-D. Neither of the
# first two letters is D, F, I, Q, U or V, and the second is not O.
NI_NUMBER = re.compile(
    r"(?<![\w-])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?([A-D])(?![\w-])", re.IGNORECASE
)
NI_PREFIXES_NOT_ISSUED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def ni_number_spans(text):
    spans = []
    for m in NI_NUMBER.finditer(text):
        letters = m.group(1) + m.group(2)
        # "ab 12 34 56 a" is more likely a list than a number, so mixed or spaced lower case is left alone.
        if not (letters.isupper() or (letters.islower() and " " not in m.group())):
            continue
        if m.group(1).upper() not in NI_PREFIXES_NOT_ISSUED:
            spans.append(("ni_number", m.start(), m.end()))
    return spans


# The six shapes A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA, with the
# letters each position never uses left out (so "CV2 2XX"-like codes still pass, "Q1 1AA" does not).
POSTCODE = re.compile(
    r"(?<![\w-])"
    r"(?:[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY]))"
    r" ?\d[ABD-HJLNP-UW-Z]{2}"
    r"(?![\w-])",
    re.IGNORECASE,
)


def postcode_spans(text):
    return [
        ("postcode", m.start(), m.end()) for m in POSTCODE.finditer(text) if m.group().isupper() or m.group().islower()
    ]


MONTHS = (
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?)"
)
DATE = re.compile(
    rf"""
    (?<![\w./-])\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})(?![\w/-]|\.\d)     # 12/03/1985, 3.4.62
    | \b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTHS}(?:,?\s+\d{{4}}\b)?      # 12 March 1985, 3rd of May
    | \b{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?              # March 12, 1985
    | \b{MONTHS}\s+\d{{4}}\b                                                   # March 1985
    """,
    re.IGNORECASE | re.VERBOSE,
)
# The date must be in the same sentence as the cue, close to it.
BIRTH_CUE_BEFORE = re.compile(
    r"\b(?:d\.?o\.?b\b\.?|date\s+of\s+birth|birth\s?date|born|birthday)[^.!?\n]{0,30}$", re.IGNORECASE
)
BIRTH_CUE_AFTER = re.compile(r"^[^.!?\n]{0,6}\(?\s*(?:d\.?o\.?b\b|date\s+of\s+birth|birthday)", re.IGNORECASE)


def date_of_birth_spans(text):
    return [
        ("date_of_birth", m.start(), m.end())
        for m in DATE.finditer(text)
        if BIRTH_CUE_BEFORE.search(text[max(0, m.start() - 60) : m.start()])
        or BIRTH_CUE_AFTER.search(text[m.end() : m.end() + 30])
    ]


# Numbers for organisations, not people: freephone, shared cost, national (0300), premium rate.
ORGANISATION_NUMBER_TYPES = {
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.UAN,
    PhoneNumberType.PREMIUM_RATE,
}


def phone_spans(text):
    return [
        ("phone", m.start, m.end)
        for m in PhoneNumberMatcher(text, "GB", leniency=Leniency.VALID)
        if phonenumbers.number_type(m.number) not in ORGANISATION_NUMBER_TYPES
        and not follows_reference_cue(text, m.start)
    ]


# --- Names ---

TITLES = {"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"}
# Words after a title that make a book, a show or a phrase rather than a person.
NOT_A_PERSON_AFTER_TITLE = {"Men", "Right", "World", "Universe", "Who", "Bean", "Hyde", "Jekyll"}
# First names that are also everyday words, months or places: a name only with a surname after it ("Hope Jones").
FIRST_NAMES_ALSO_WORDS = {
    *("Amber", "April", "August", "Autumn", "Bill", "Charity", "Daisy", "Dale", "Dawn", "Dean", "Destiny", "Don"),
    *("Duke", "Eta", "Eve", "Faith", "Fancy", "Flora", "Forum", "Frank", "Glen", "Grace", "Grant", "Guy", "Harsh"),
    *("Hazel", "Heather", "Holly", "Honey", "Hope", "Immaculate", "Innocent", "Iris", "Ivy", "Jack", "Jade", "Job"),
    *("Joy", "June", "Lavender", "Lucky", "Mark", "Max", "May", "Mercy", "Patience", "Peace", "Prudence", "Purity"),
    *("Robin", "Rose", "Ruby", "Said", "Summer", "Veer", "Viola", "Violet", "Will", "Om", "Ira", "Dev", "Sky"),
    *("Chelsea", "Victoria", "Jordan", "India", "Georgia", "Florence", "Lincoln", "Chester", "Devon", "Sydney"),
    *("Paris", "Brooklyn", "Savannah", "Kirby", "Lloyd", "Madison", "Lourdes", "Carmel", "Shannon"),
}
# Capitalised words that start a sentence or a phrase and are never a surname.
NOT_A_SURNAME = {
    *("I", "A", "An", "The", "And", "But", "Or", "So", "Then", "When", "While", "If", "As", "At", "In", "On", "To"),
    *("Of", "For", "With", "By", "From", "After", "Before", "She", "He", "They", "We", "You", "It", "This", "That"),
    *("My", "Her", "His", "Their", "Our", "Your", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
    *("Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September"),
    *("October", "November", "December", "Yes", "No", "Not", "All", "Some"),
}
# After a first name, these make it a place: "Victoria Station", "Florence Nightingale House".
PLACE_WORDS = {
    *("Station", "Street", "Road", "Lane", "Avenue", "Square", "Park", "Gardens", "Close", "Crescent", "Way"),
    *("Hospital", "House", "Centre", "Center", "Ward", "Unit", "Court", "Hall", "Library", "School"),
    *("College", "University", "Trust", "Clinic", "Surgery", "Practice", "Foundation", "Bridge", "Terrace"),
}
# Writers whose names come up in reflections on recovery and reflective practice.
WRITERS = (
    "Carl Rogers",
    "David Kolb",
    "Donald Schön",
    "Gary Rolfe",
    "Graham Gibbs",
    "Julie Repper",
    "Mary Ellen Copeland",
    "Mike Slade",
    "Patricia Deegan",
    "Phyllis Solomon",
    "Rachel Perkins",
    "Victoria Stanhope",
    "William Anthony",
)
# After a name: a year in brackets or after a comma, or "et al", makes it a citation of a writer.
CITATION_AFTER = re.compile(
    r"^(?:['’]s?)?(?:[\s,]*\(?\s*(?:1[89]|20)\d{2}[a-z]?\b|\s+et\.?\s+al\b|\s+and\s+colleagues\b)"
)

# Words, keeping "O'Brien" and "Smith-Jones" whole but leaving the "'s" off "Tom's".
WORD = re.compile(r"[^\W\d_]+(?:['’-](?![sS]\b)[^\W\d_]+)*")


@cache
def first_names():
    """First names from Faker's lists for Great Britain (ONS), Ireland, India and Kenya.

    The Kenyan list adds names common in the UK's Somali, Muslim and East African
    communities; from it, the names that are mainly British or American surnames
    (Wilson, Evans) are left out, since they would make every citation a finding.
    """
    from faker.providers.person import en_GB, en_IE, en_IN, en_KE, en_US

    def names(provider, attributes=("first_names", "first_names_male", "first_names_female")):
        return {name for attribute in attributes for name in getattr(provider.Provider, attribute, ())}

    british = names(en_GB) | names(en_IE) | names(en_IN)
    surnames = names(en_GB, ["last_names"]) | names(en_US, ["last_names"])
    return frozenset(british | (names(en_KE) - surnames))


def is_capitalised(word):
    return word[:1].isupper() and any(character.islower() for character in word)


def is_initial(word):
    return len(word) == 1 and word.isupper()


def name_spans(text):
    words = list(WORD.finditer(text))
    spans = []
    index = 0
    while index < len(words):
        found = title_and_name(text, words, index) or first_name(text, words, index)
        if found:
            start, end, index = found
            spans.append(("name", start, end))
        else:
            index += 1
    return spans


def title_and_name(text, words, index):
    """'Mrs Patel', 'Mr J. Smith', 'Dr A Khan', 'Mx Sam Lee': the span, and the index of the next word."""
    title = words[index]
    if title.group() not in TITLES:
        return None
    if title.group() == "Miss" and index and words[index - 1].group() == "Little":
        return None
    end, last = title.end(), index
    for next_index in range(index + 1, min(index + 4, len(words))):
        word = words[next_index]
        gap = text[end : word.start()]
        if gap not in (" ", "\N{NO-BREAK SPACE}") and not (last == index and gap == ". "):  # "Mr. Smith"
            break
        if is_initial(word.group()):
            end, last = word.end() + (text[word.end() : word.end() + 1] == "."), next_index
            continue
        if is_capitalised(word.group()) and word.group() not in NOT_A_SURNAME:
            if last == index and word.group() in NOT_A_PERSON_AFTER_TITLE:
                return None
            end, last = word.end(), next_index
            continue
        break
    if last == index:
        return None
    return title.start(), end, last + 1


def first_name(text, words, index):
    """A first name from the list, with the surname after it if there is one."""
    word = words[index]
    if word.group() not in first_names():
        return None
    if any(text.startswith(writer, word.start()) for writer in WRITERS):
        return None
    if index and words[index - 1].group() in ("St", "Saint"):  # St James's Hospital, St Helen's
        return None
    end, last = word.end(), index
    following = words[index + 1] if index + 1 < len(words) else None
    if following and text[word.end() : following.start()] == " " and following.group() in PLACE_WORDS:
        return None
    if (
        following
        and text[word.end() : following.start()] == " "
        and is_capitalised(following.group())
        and following.group() not in NOT_A_SURNAME
    ):
        end, last = following.end(), index + 1
    elif word.group() in FIRST_NAMES_ALSO_WORDS:
        return None
    if CITATION_AFTER.match(text[end : end + 20]):
        return None
    return word.start(), end, last + 1


# --- Recovery language ---

FUNCTION_WORDS = {"a", "an", "the", "from", "out", "off", "of", "to", "in", "on", "with", "by", "for", "and", "or"}
ENDINGS = ("ing", "ed", "es", "s", "e")
REFUSE_AS_RUBBISH = re.compile(
    r"^\s+(?:bins?|collections?|collectors?|lorr(?:y|ies)|sacks?|tips?|disposal|chutes?)\b", re.IGNORECASE
)
A_CONDITION = re.compile(r"\b(?:treatment|drug|antibiotic|water|fire|heat)\s+$", re.IGNORECASE)
STARTS_SOMETHING = re.compile(r"^\s+(?:the|a|an|our|their|this|proceedings)\b", re.IGNORECASE)


def has_other_meaning(text, start, end):
    """Guide words that mean something else next to certain words."""
    found = text[start:end].lower()
    if found == "refuse":  # "refuse collection" is rubbish, not a person declining
        return bool(REFUSE_AS_RUBBISH.match(text[end : end + 30]))
    if found == "resistant":  # "treatment resistant depression" names a condition, not an attitude
        return bool(A_CONDITION.search(text[max(0, start - 30) : start]))
    if found.startswith("kick"):  # "the kick-off", "we kicked off the meeting" start things
        return "-" in found or bool(STARTS_SOMETHING.match(text[end : end + 30]))
    return False


def word_pattern(word):
    """A guide word and its simple endings: refused → refuse, refuses, refused, refusing."""
    lower = word.lower()
    if lower in FUNCTION_WORDS or len(lower) < 4 or not lower.isalpha():
        return re.escape(lower)
    stem = lower
    for ending in ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3 and not (ending == "s" and lower.endswith("ss")):
            stem = lower[: -len(ending)]
            break
    last = stem[-1]
    if last not in "aeiouy":
        if len(stem) > 3 and stem[-2] == last:  # committ(ed) → commit, with the doubling optional
            stem = stem[:-1]
        return f"{re.escape(stem)}{last}?(?:e|es|ed|ing|s)?"
    return f"{re.escape(stem)}(?:s|es|d|ed|ing)?"


@lru_cache(maxsize=512)
def phrase_pattern(phrase):
    """Whole words, any case; 'attention seeking' also finds 'attention-seeking', 'non-compliant' 'noncompliant'."""
    parts = re.split(r"(\s+|-)", phrase.strip())
    pattern = ""
    for part in parts:
        if part.isspace():
            pattern += r"(?:\s+|-)"
        elif part == "-":
            pattern += r"[\s-]?"
        elif part:
            pattern += word_pattern(part)
    return re.compile(rf"(?<![\w-]){pattern}(?![\w-])", re.IGNORECASE)


def language_findings(field, text, entries):
    matches = []
    for entry in entries:
        if not entry.phrase.strip():
            continue
        for m in phrase_pattern(entry.phrase).finditer(text):
            if not has_other_meaning(text, m.start(), m.end()):
                matches.append((m.start(), m.end(), entry))
    kept = []
    for start, end, entry in sorted(matches, key=lambda match: match[0] - match[1]):  # longest first
        if all(end <= other_start or start >= other_end for other_start, other_end, _ in kept):
            kept.append((start, end, entry))
    return [
        Finding(
            LANGUAGE,
            "language",
            field,
            start,
            end,
            text[start:end],
            entry.why.strip() or "The language guide suggests other words here.",
            entry.preferred.strip(),
        )
        for start, end, entry in kept
    ]
