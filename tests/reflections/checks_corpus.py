"""A corpus for the identifiable-details check, and its precision and recall.

Half the sentences hold details that identify someone (each listed with its
kind and text); the other half hold look-alikes that must not be flagged. The
numbers, names and addresses are made up; NHS numbers pass the check digit
unless a sentence says they fail it. A few details are hard on purpose (a
lower-case name, a name not on any list) and are expected to be missed.

Print the table: DJANGO_SETTINGS_MODULE=recovery_portal.settings python -m tests.reflections.checks_corpus
"""

from collections import Counter

WITH_DETAILS = [
    ("I visited Mrs Patel at home after her discharge.", [("name", "Mrs Patel")]),
    ("Mr J. Smith told me he felt ready to return to work.", [("name", "Mr J. Smith")]),
    ("Her NHS number, 943 476 5919, was on the letter I copied.", [("nhs_number", "943 476 5919")]),
    ("The referral listed 4010232137 as his NHS number.", [("nhs_number", "4010232137")]),
    ("Patient ID 943-476-5870 appears on the discharge summary.", [("nhs_number", "943-476-5870")]),
    ("His National Insurance number is JG 10 37 59 A.", [("ni_number", "JG 10 37 59 A")]),
    ("She gave her NI number as AB123456C when applying for benefits.", [("ni_number", "AB123456C")]),
    ("The NI number on the form, ZX 98 76 54 D, did not match.", [("ni_number", "ZX 98 76 54 D")]),
    ("He lives at 14 Park Road, LS6 2QL, with his mother.", [("postcode", "LS6 2QL")]),
    ("We met near her flat in M1 1AE.", [("postcode", "M1 1AE")]),
    ("His address is 22 Hill Street, B12 9QX.", [("postcode", "B12 9QX")]),
    ("The hostel is at EC1A 1BB, near the station.", [("postcode", "EC1A 1BB")]),
    ("DOB: 12/03/1985, according to the file.", [("date_of_birth", "12/03/1985")]),
    ("She was born on 3 May 1990 in Bradford.", [("date_of_birth", "3 May 1990")]),
    ("Date of birth 07.11.62 was on the assessment form.", [("date_of_birth", "07.11.62")]),
    ("He told me he was born in March 1979.", [("date_of_birth", "March 1979")]),
    ("Her birthday is on 14th February, she told me.", [("date_of_birth", "14th February")]),
    ("You can reach his sister on 07911 123456 most evenings.", [("phone", "07911 123456")]),
    ("The surgery rang from 0161 123 4567 to check on her.", [("phone", "0161 123 4567")]),
    ("Her mobile is +44 7912 345678.", [("phone", "+44 7912 345678")]),
    ("I emailed him at dave.r@example.co.uk with the plan.", [("email", "dave.r@example.co.uk")]),
    ("Her email address, sam_k+home@gmail.com, was in the notes.", [("email", "sam_k+home@gmail.com")]),
    ("Sarah told me she had not slept for days.", [("name", "Sarah")]),
    ("I asked Mohammed what a good day looks like for him.", [("name", "Mohammed")]),
    ("When I met Aisha Begum she had just moved to the area.", [("name", "Aisha Begum")]),
    ("Ms Okafor and I agreed to meet every fortnight.", [("name", "Ms Okafor")]),
    ("Dr Ahmed at the practice changed her medication.", [("name", "Dr Ahmed")]),
    ("Mx Taylor preferred to talk while we walked.", [("name", "Mx Taylor")]),
    ("Tom's support worker, Leanne, joined the meeting.", [("name", "Tom"), ("name", "Leanne")]),
    ("Kieran had been in hospital twice this year.", [("name", "Kieran")]),
    ("Mrs O'Brien, 81, has lived alone since her husband died.", [("name", "Mrs O'Brien")]),
    ("Contact: jane.doe@nhs.net or 0161 234 5678.", [("email", "jane.doe@nhs.net"), ("phone", "0161 234 5678")]),
    (
        "Mr Adeyemi (DOB 02/09/1958) was admitted on Friday.",
        [("name", "Mr Adeyemi"), ("date_of_birth", "02/09/1958")],
    ),
    ("I rang Daniel on 07400 123456 to rearrange.", [("name", "Daniel"), ("phone", "07400 123456")]),
    ("Joanne lives in CF10 3NQ with her partner.", [("name", "Joanne"), ("postcode", "CF10 3NQ")]),
    (
        "Email me at p.jones@example.com if Priya needs anything.",
        [("email", "p.jones@example.com"), ("name", "Priya")],
    ),
    ("Grace Adebayo asked me to write down what we agreed.", [("name", "Grace Adebayo")]),
    (
        "On the form: NHS no. 401 023 2137, born 1 April 1972.",
        [("nhs_number", "401 023 2137"), ("date_of_birth", "1 April 1972")],
    ),
    ("Oluwaseun said the group was the first place he felt heard.", [("name", "Oluwaseun")]),
    ("when jamie came back from leave we talked about what had helped.", [("name", "jamie")]),
]

LOOK_ALIKES = [
    "Stanhope and Solomon (2008) discuss methods for studying recovery.",
    "The article runs from pages 885–899 of volume 38.",
    "The British Journal of Social Work has ISSN 0045-3102 in print.",
    "Its online ISSN is 1468-263X.",
    "The book's ISBN is 0198526636.",
    "ISBN 978-0-19-852663-6 is on the back cover.",
    "We met at 14:30 and again at 16:00.",
    "In 2019, 1,250 people used the service; by 2021 it was 2,400.",
    "Our team reference is SW/2023/4471.",
    "Reference 4010232137 relates to the contract, not to a person.",
    "Version 2.3.1 of the case recording system went live in June.",
    "The Mental Health Act 1983 was amended in 2007.",
    "She read the Mr Men books to her son every night.",
    "We watched Little Miss Sunshine as a group activity.",
    "The number 1234567890 fails the NHS check, so it is just a number.",
    "Case 6541237890 was closed last year.",
    "Hope is one of the thirteen themes of recovery.",
    "Grace and patience helped us through a difficult visit.",
    "Will we ever agree on what recovery means?",
    "Mark the date in your diary: supervision is on 12 March.",
    "Patricia Deegan (1988) wrote about recovery as lived experience.",
    "Gibbs (1988) sets out six stages of reflection.",
    "Anthony (1993) described recovery as a deeply personal process.",
    "Repper and Perkins (2003) wrote about social inclusion.",
    "The Care Act 2014 sets out duties on wellbeing.",
    "About 1 in 4 people will have a mental health problem each year.",
    "The session lasted 45 minutes and covered 3 goals.",
    "Room 2.14 on floor 3 was booked from 10.00 to 11.30.",
    "Call 999 in an emergency, or 111 for urgent advice.",
    "Samaritans can be reached free on 116 123.",
    "Mind's Infoline is 0300 123 3393.",
    "The A1 and the M62 were closed, so I was late.",
    "The policy was updated on 01/04/2022 after the audit.",
    "She was born in Leeds and moved to London in 2015.",
    "The DOI is 10.1093/bjsw/bcm053.",
    "Ticket 01234567890 is for the training day.",
    "We used the Recovery Star with all 10 outcome areas.",
    "Our office in SW1 was closed for the afternoon.",
    "Victoria Station was busy when I travelled to the conference.",
    "We discussed the 2020/21 figures: 885 referrals and 899 assessments.",
]

# Written after the check was tuned on the sentences above, and not tuned on since: a fairer measure.
HELD_OUT_WITH_DETAILS = [
    ("Mrs Kowalski's son rang to say she was back home.", [("name", "Mrs Kowalski")]),
    ("Write to Mr. D. Brown, 3 Mill Lane, NG7 2RD.", [("name", "Mr. D. Brown"), ("postcode", "NG7 2RD")]),
    ("He gave his NHS number as 450 557 7104 at reception.", [("nhs_number", "450 557 7104")]),
    ("d.o.b. 5/6/71, lives with her daughter.", [("date_of_birth", "5/6/71")]),
    ("Her NI number (PE 44 12 09 B) was on the letter.", [("ni_number", "PE 44 12 09 B")]),
    ("I texted Chloe on 07831 234567 before the visit.", [("name", "Chloe"), ("phone", "07831 234567")]),
    ("Bethany's mum, Mrs Hughes, came to the review.", [("name", "Bethany"), ("name", "Mrs Hughes")]),
    ("You can write to him at m.ali@example.org.", [("email", "m.ali@example.org")]),
    ("Liam was born on the 2nd of July 2001.", [("name", "Liam"), ("date_of_birth", "2nd of July 2001")]),
    ("The flat at G12 8QQ has damp in every room.", [("postcode", "G12 8QQ")]),
]
HELD_OUT_LOOK_ALIKES = [
    "The 2014 Care Act guidance, paragraph 1.14, covers this.",
    "Pages 219–223 of Ethics and Social Welfare hold the article.",
    "We are 12 weeks into the 16-week programme.",
    "The ward has 24 beds and 3 side rooms.",
    "The training on 3 May runs from 9.30 to 4.00.",
    "Scottish Recovery Network published its narrative study in 2007.",
    "Volume 1, issue 2, ran to 5 pages.",
    "Born out of frustration, the peer group began in 2010.",
    "Rachel Perkins and Julie Repper set out ideas on social inclusion.",
    "The office phone system was upgraded to version 10.4.2.",
]

CORPUS = [
    *WITH_DETAILS,
    *HELD_OUT_WITH_DETAILS,
    *((sentence, []) for sentence in [*LOOK_ALIKES, *HELD_OUT_LOOK_ALIKES]),
]
HELD_OUT = [*HELD_OUT_WITH_DETAILS, *((sentence, []) for sentence in HELD_OUT_LOOK_ALIKES)]
KINDS = ["nhs_number", "ni_number", "postcode", "date_of_birth", "phone", "email", "name"]


def measure(corpus=CORPUS):
    """Run the check over the corpus: (counts per kind, the findings and misses that went wrong).

    A finding is right when an expected detail of the same kind overlaps it.
    """
    from reflections.checks import run_checks

    counts = {kind: Counter() for kind in KINDS}
    mistakes = []
    for sentence, expected in corpus:
        wanted = []
        for kind, text in expected:
            start = sentence.index(text)
            wanted.append((kind, start, start + len(text)))
        findings = [f for f in run_checks({"text": sentence}, guide=[]) if f.check == "identifiable"]
        matched = set()
        for finding in findings:
            hit = next(
                (
                    w
                    for w in wanted
                    if w[0] == finding.kind and finding.start < w[2] and w[1] < finding.end and w not in matched
                ),
                None,
            )
            if hit:
                matched.add(hit)
                counts[finding.kind]["tp"] += 1
            else:
                counts[finding.kind]["fp"] += 1
                mistakes.append(f"flagged {finding.kind} {finding.text!r} in {sentence!r}")
        for kind, start, end in wanted:
            if (kind, start, end) not in matched:
                counts[kind]["fn"] += 1
                mistakes.append(f"missed {kind} {sentence[start:end]!r} in {sentence!r}")
    return counts, mistakes


def ratio(numerator, denominator):
    return numerator / denominator if denominator else 1.0


def scores(counts):
    """{kind or "overall": (precision, recall, true positives, false positives, false negatives)}."""
    total = sum(counts.values(), Counter())
    return {
        kind: (ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], c["tp"] + c["fn"]), c["tp"], c["fp"], c["fn"])
        for kind, c in [*counts.items(), ("overall", total)]
    }


def table(counts, title):
    lines = [title, f"{'kind':<15}{'precision':>10}{'recall':>8}{'TP':>5}{'FP':>5}{'FN':>5}"]
    for kind, (precision, recall, tp, fp, fn) in scores(counts).items():
        lines.append(f"{kind:<15}{precision:>10.2f}{recall:>8.2f}{tp:>5}{fp:>5}{fn:>5}")
    return "\n".join(lines)


if __name__ == "__main__":
    import django

    django.setup()
    counts, mistakes = measure()
    print(table(counts, f"All {len(CORPUS)} sentences"))
    print(*mistakes, sep="\n")
    print()
    print(table(measure(HELD_OUT)[0], f"The {len(HELD_OUT)} held-out sentences alone"))
