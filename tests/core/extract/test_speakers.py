"""Reading speaker mentions and folding them into one entity per person or organisation."""

from __future__ import annotations

from archive_gui.core.extract.speakers import (
    ORGANIZATION,
    PERSON,
    PRONOUN,
    REFERENCE,
    UNNAMED,
    EntityBook,
    Mention,
    find_mentions,
    read_object,
    read_subject,
)


def mentions(text: str) -> list[Mention]:
    return find_mentions(text, 0, len(text))


def surface(text: str, mention: Mention) -> str:
    return text[mention.start : mention.end]


def test_introduction_with_appositive_role_and_organisation():
    text = (
        "Ali Noorani, executive director of the Washington-based National Immigration "
        "Forum, decried the arrests."
    )
    person, organisation = mentions(text)
    assert (person.kind, person.name, person.certain) == (PERSON, "Ali Noorani", True)
    assert (person.role, person.affiliation) == ("executive director", "National Immigration Forum")
    assert (organisation.kind, organisation.name) == (ORGANIZATION, "National Immigration Forum")


def test_introduction_with_role_before_a_particle_surname():
    text = (
        "California Senate President pro tempore Kevin de León, a Los Angeles Democrat, "
        "also weighed in."
    )
    people = [m for m in mentions(text) if m.kind == PERSON and m.certain]
    assert [p.name for p in people] == ["Kevin de León"]
    assert people[0].role == "California Senate President pro tempore"
    assert people[0].gender == "male"
    assert surface(text, people[0]).startswith("California Senate President")


def test_places_and_date_words_are_not_people():
    text = "In Georgia, Virginia Beach and Los Angeles, agents worked on Friday."
    assert not [m for m in mentions(text) if m.kind == PERSON and m.certain]


def test_subject_with_role_before_name():
    text = "ICE spokesman Bryan Cox"
    mention = read_subject(text, 0, len(text))
    assert (mention.name, mention.role, mention.affiliation) == ("Bryan Cox", "spokesman", "ICE")
    assert mention.gender == "male"


def test_subject_with_possessive_appositive():
    text = "David Marin, ICE’s Los Angeles field office director,"
    mention = read_subject(text, 0, len(text))
    assert mention.name == "David Marin"
    assert (mention.role, mention.affiliation) == ("Los Angeles field office director", "ICE")
    assert surface(text, mention) == "David Marin, ICE’s Los Angeles field office director"


def test_subject_skips_leading_clauses_and_adverbs():
    text = "In a statement on Friday, ICE officials also "
    mention = read_subject(text, 0, len(text))
    assert (mention.kind, mention.name, surface(text, mention)) == (
        ORGANIZATION,
        "ICE",
        "ICE officials",
    )
    text = "Later, she "
    assert read_subject(text, 0, len(text)).kind == PRONOUN


def test_subject_reference_noun():
    text = "the agency"
    assert read_subject(text, 0, len(text)).kind == REFERENCE


def test_object_after_verb():
    text = " Bryan Cox, a spokesman for ICE, in a statement."
    mention = read_object(text, 0, len(text))
    assert (mention.name, mention.role, mention.affiliation) == ("Bryan Cox", "spokesman", "ICE")
    text = " U.S. Immigration and Customs Enforcement."
    mention = read_object(text, 0, len(text))
    assert (mention.kind, mention.name) == (
        ORGANIZATION,
        "U.S. Immigration and Customs Enforcement",
    )
    text = " in a statement."
    assert read_object(text, 0, len(text)) is None


def test_book_folds_name_variants_into_one_person():
    book = EntityBook()
    text = "Mr. Marin spoke. David Marin, a director, left. Marin returned."
    resolved = [book.resolve(m) for m in mentions(text)]
    assert len({id(e) for e in resolved}) == 1
    assert resolved[0].name == "David Marin"
    assert resolved[0].gender == "male"


def test_book_folds_organisation_name_into_acronym():
    book = EntityBook()
    text = "U.S. Immigration and Customs Enforcement acted. ICE said so."
    resolved = [book.resolve(m) for m in mentions(text)]
    assert resolved[0] is resolved[1]
    assert resolved[0].name == "ICE"


def test_book_resolves_pronouns_by_gender_and_recency():
    book = EntityBook()
    for mention in mentions("Jennifer Park met Gary Long."):
        book.resolve(mention)
    she = book.resolve(Mention(0, 3, PRONOUN, "she", gender="female"))
    he = book.resolve(Mention(0, 2, PRONOUN, "he", gender="male"))
    assert (she.name, he.name) == ("Jennifer Park", "Gary Long")


def test_book_ignores_unknown_lone_capitalised_words():
    book = EntityBook()
    assert [book.resolve(m) for m in mentions("Lawyers met in Atlanta.")] == [None, None]


def test_role_before_the_name_makes_a_person_certain():
    text = "Plant foreman Dale Renner locked the gate."
    person = next(m for m in mentions(text) if m.kind == PERSON and m.certain)
    assert (person.name, person.role, person.certain) == ("Dale Renner", "Plant foreman", True)


def test_name_followed_by_speech_makes_a_person_certain():
    text = "Odalys Ferreira, who was at the plant, said agents came at dawn."
    person = next(m for m in mentions(text) if m.kind == PERSON)
    assert (person.name, person.certain) == ("Odalys Ferreira", True)
    text = "Odalys Ferreira walked to the plant."
    assert not any(m.certain for m in mentions(text) if m.kind == PERSON)


def test_roles_alone_are_not_names():
    text = " DHS Assistant Secretary."
    mention = read_object(text, 0, len(text))
    assert mention is None or mention.kind != PERSON


def test_person_of_organisation_is_split():
    text = "Father Ignacio Ruelas of St. Alphonsus Church"
    mention = read_subject(text, 0, len(text))
    assert (mention.kind, mention.name) == (PERSON, "Ignacio Ruelas")
    assert (mention.role, mention.affiliation) == ("Father", "St. Alphonsus Church")
    assert mention.gender == "male"


def test_unnamed_people_and_officials():
    text = "A subcontractor's foreman, who feared losing his job, said the crew was taken."
    (foreman,) = mentions(text)
    assert (foreman.kind, foreman.name, foreman.gender) == (UNNAMED, "foreman", "male")
    text = "An ICE official in Houston"
    official = read_subject(text, 0, len(text))
    assert (official.kind, official.name, official.role) == (ORGANIZATION, "ICE", "official")
    text = "Teresa Diaz, a grandmother who lives nearby, said agents knocked."
    assert [m.kind for m in mentions(text)] == [PERSON]


def test_book_finds_a_three_word_name_by_its_last_word():
    book = EntityBook()
    text = "Ruth Ann Moultrie, a lawyer, spoke. Moultrie left."
    first, second = (book.resolve(m) for m in mentions(text))
    assert first is second and first.name == "Ruth Ann Moultrie"


def test_book_role_nouns_fit_abbreviated_titles_and_organisation_members():
    book = EntityBook()
    for mention in mentions("Gov. Leon Tate spoke. A DHS spokesperson said it was legal."):
        book.resolve(mention)
    governor = book.resolve(Mention(0, 0, REFERENCE, "governor"))
    spokesperson = book.resolve(Mention(0, 0, REFERENCE, "spokesperson"))
    assert (governor.name, spokesperson.name) == ("Leon Tate", "DHS")


def test_book_registers_the_organisation_of_an_affiliation():
    book = EntityBook()
    text = "Luz Ybarra, director of the Houston Immigrant Legal Alliance, spoke."
    for mention in mentions(text)[:1]:
        book.resolve(mention)
    group = book.resolve(Mention(0, 0, REFERENCE, "group"))
    assert group.name == "Houston Immigrant Legal Alliance"


def test_first_names_of_many_origins_with_accents_and_hyphens():
    from archive_gui.core.extract.names_data import first_name_gender, is_first_name

    assert first_name_gender("Ngozi") == "female"
    assert first_name_gender("Wojciech") == "male"
    assert first_name_gender("Siobhán") == "female"  # accents are folded
    assert first_name_gender("Marie-Josée") == "female"  # first part of a compound
    assert first_name_gender("Jean-Robert") == "male"  # "Jean-" compounds are male
    assert is_first_name("Dara") and first_name_gender("Dara") is None
    assert not is_first_name("Nguyen")


def test_dateline_end():
    from archive_gui.core.extract.textutil import dateline_end

    for dateline in ("ST. LOUIS — ", "NEWARK, N.J. (AP) — ", "OAKLAND, Calif. (Reuters) - "):
        text = dateline + "Agents arrived."
        assert text[dateline_end(text, 0, len(text)) :] == "Agents arrived."
    text = "ICE arrests 40 in Omaha"
    assert dateline_end(text, 0, len(text)) == 0


def test_person_context_makes_an_unknown_name_certain():
    for text in (
        "Nguyen Van Long, who drives a truck, was at home.",
        "Chanthy Sok's husband was detained.",
        "Bao Tran, 41, was at home.",
    ):
        (mention,) = mentions(text)
        assert (mention.kind, mention.certain) == (PERSON, True), text
    (mention,) = mentions("Blue Heron Marina was closed.")
    assert not mention.certain


def test_read_object_skips_the_document_phrase():
    text = "a statement from the Valley Farmworker Alliance"
    mention = read_object(text, 0, len(text))
    assert (mention.kind, mention.name) == (ORGANIZATION, "Valley Farmworker Alliance")
    text = "a statement from the agency's Detroit field office"
    mention = read_object(text, 0, len(text))
    assert (mention.kind, mention.name) == (REFERENCE, "agency")


def test_place_prefixed_runs_are_not_people():
    assert [m.kind for m in mentions("families met at St. Hedwig's parish.")] == []
    (person,) = mentions("Santa Clara County Supervisor Devi Raman said no.")
    assert (person.name, person.role) == ("Devi Raman", "Santa Clara County Supervisor")


def test_company_and_union_names_without_classic_keywords():
    (company,) = mentions("Northstar Poultry said it checks papers.")
    assert (company.kind, company.name) == (ORGANIZATION, "Northstar Poultry")
    (union,) = mentions("Teamsters Local 727 marched.")
    assert (union.kind, union.name) == (ORGANIZATION, "Teamsters Local 727")


def test_book_finds_a_family_name_written_first():
    book = EntityBook()
    text = "Vo Thi Hoa, who sorts mail, spoke. Vo left."
    first, second = (book.resolve(m) for m in mentions(text))
    assert first is second and first.name == "Vo Thi Hoa"


def test_book_unnamed_official_is_a_pronoun_antecedent_speaking_for_its_organisation():
    book = EntityBook()
    text = "A spokeswoman for the Border Patrol said agents followed the law."
    for mention in mentions(text):
        book.resolve(mention)
    official = book.resolve(Mention(0, 0, PRONOUN, "she", gender="female"))
    assert official.speaks_for is not None and official.speaks_for.name == "Border Patrol"


def test_words_of_a_stretch_are_those_read_from_the_stretch_alone():
    # words() reads the whole text once and slices it; a stretch that cuts a word or a
    # dotted abbreviation ("U.S") must still give what reading the stretch alone gives
    import random
    import re

    from archive_gui.core.extract.textutil import words

    pattern = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[’'\-]\w+)*")
    text = (
        "The U.S. Border Patrol's agents didn't stop. A.B. and Mr. O'Neil-Smith said "
        "“no,” he said, in Washington, D.C. — 12.5 per_cent of rock-'n'-roll fans é.ü. U.S"
    )
    rng = random.Random(7)
    for _ in range(3000):
        start, end = rng.randint(0, len(text)), rng.randint(0, len(text) + 1)
        expected = [(m.group(), m.start(), m.end()) for m in pattern.finditer(text, start, end)]
        assert words(text, start, end) == expected, (start, end)
