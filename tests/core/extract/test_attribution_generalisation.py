"""Speaker attribution classes beyond the gold corpus, each on a short invented article:
organisations known by context, people named after an unnamed description, pronouns that
prefer the subject of the sentence before, and names met before they are known to be names."""

from __future__ import annotations

from archive_gui.core.extract.quotes import extract_quotes
from archive_gui.core.extract.speakers import PERSON, PRONOUN, EntityBook, Mention


def speakers(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.speaker_kind) for q in extract_quotes(text)]


def test_short_headline_quote_after_a_colon_is_speech():
    text = (
        "Farmers: 'Not again' as second raid hits valley\n\n"
        "FRESNO — Agents returned to the orchards on Monday.\n\n"
        "“Not again,” Abel Quintero said as the vans arrived."
    )
    quotes = speakers(text)
    assert [q[0] for q in quotes] == ["Not again", "Not again,"]
    assert quotes[0][1] == "Abel Quintero"


def test_unnamed_person_named_later_in_the_clause():
    text = (
        "A cook who gave her name only as Dalia said the kitchen emptied in minutes.\n\n"
        "“They took the dishwasher and both waiters,” she said.\n\n"
        "“Nobody here is safe,” said one customer, who gave only his first name, Tobias. "
        "“Nobody.”"
    )
    assert speakers(text) == [
        ("They took the dishwasher and both waiters,", "Dalia", PERSON),
        ("Nobody here is safe,", "Tobias", PERSON),
        ("Nobody.", "Tobias", PERSON),
    ]


def test_unnamed_person_who_withholds_a_name_stays_unnamed():
    text = (
        "“We ran out the back,” said a worker, who asked that his name not be used "
        "because he fears ICE."
    )
    assert speakers(text) == [("We ran out the back,", None, PERSON)]


def test_official_of_a_body_without_an_organisation_keyword_speaks_for_it():
    text = (
        "A White House official, who was not authorized to speak publicly, defended the "
        "sweep.\n\n"
        "“The law applies to everyone,” the official said."
    )
    assert speakers(text) == [("The law applies to everyone,", "White House", "organization")]


def test_official_of_a_place_is_not_an_organisation():
    text = "“We were not told,” an Ohio official said."
    assert speakers(text)[0][1] is None


def test_agency_named_without_keyword_then_referred_to_as_the_department():
    text = (
        "Homeland Security said in a statement that the workers held forged papers.\n\n"
        "“Each arrest followed a warrant,” the department said."
    )
    assert speakers(text) == [
        ("Each arrest followed a warrant,", "Homeland Security", "organization")
    ]


def test_organisation_known_by_its_appositive():
    text = (
        "Larkspur Tile, a manufacturer that employs 300 people, said it had checked every "
        "worker's papers.\n\n"
        "“We have always followed the rules,” the company said."
    )
    assert speakers(text) == [
        ("We have always followed the rules,", "Larkspur Tile", "organization")
    ]


def test_name_that_says_it_is_an_organisation():
    text = (
        "Copper Ridge Orchards said it would help the families. "
        "“Our workers are our community,” it said."
    )
    assert speakers(text) == [
        ("Our workers are our community,", "Copper Ridge Orchards", "organization")
    ]


def test_pronoun_prefers_the_subject_of_the_previous_sentence():
    text = (
        "Desmond Oakes, a lawyer for the workers, met with Jordan Vale after the hearing.\n\n"
        "“We will appeal every one of these orders,” he said."
    )
    assert speakers(text)[0][1] == "Desmond Oakes"


def test_pronoun_takes_the_most_recent_person_across_sentences():
    text = (
        "Desmond Oakes spoke first. Jordan Vale, a pastor, spoke after him.\n\n"
        "“We will keep the doors open,” he said."
    )
    assert speakers(text)[0][1] == "Jordan Vale"


def test_entity_book_subject_salience():
    book = EntityBook()
    book.resolve(Mention(0, 5, PERSON, "Ann Roe", gender="female", subject=True, sentence=0))
    book.resolve(Mention(10, 15, PERSON, "Bea Loy", gender="female", sentence=0))
    she = Mention(20, 23, PRONOUN, "she", gender="female", subject=True, sentence=1)
    assert book.resolve(she).name == "Ann Roe"


def test_family_name_written_first_in_a_two_word_name():
    text = "Lim Sora, a shop owner, said customers stayed away.\n\n“The street is empty,” Lim said."
    assert speakers(text)[0][1] == "Lim Sora"


def test_full_name_confirmed_by_a_later_surname_subject():
    text = (
        "Brody Quill and Ana Reyes both drive for the company.\n\n"
        "Quill, a foreman, said he had never seen agents at the yard.\n\n"
        "“They blocked both gates,” he said."
    )
    assert speakers(text)[0][1] == "Brody Quill"


def test_unnamed_description_followed_by_the_name_is_that_person():
    text = (
        "A CBP spokeswoman in El Paso, Marisol Trevane, said the agency was "
        "“following every rule that applies to these stops.”\n\n"
        "A lawyer for the county, Gideon Faircloth, said the stops were "
        "“lawful in every single case we reviewed.”"
    )
    assert [q[1] for q in speakers(text)] == ["Marisol Trevane", "Gideon Faircloth"]


def test_description_with_an_organisation_after_it_stays_the_organisation():
    text = "“We act on warrants only,” a CBP spokeswoman said."
    assert speakers(text)[0][1:] == ("CBP", "organization")


def test_sentence_introducing_a_quote_without_a_speech_verb():
    text = (
        "Irma Castellano, who runs a shelter in the valley, put it bluntly: "
        "“Our families are living in terror.”\n\n"
        "The mayor, Orlando Pettis, offered a calmer view: “We will help within the law.”\n\n"
        "He described the night this way: “Quiet, then sirens.”"
    )
    assert [q[1] for q in speakers(text)] == ["Irma Castellano", "Orlando Pettis", "Orlando Pettis"]


def test_transcript_speaker_labels():
    text = (
        "Rupert Vail ran the field office for five years. He spoke with the Ledger.\n\n"
        "Q: “What changed?”\n\n"
        "Vail: “The priorities changed. We chased numbers.”"
    )
    quotes = speakers(text)
    assert quotes[1][:2] == ("The priorities changed. We chased numbers.", "Rupert Vail")


def test_long_appositive_before_the_speech_verb():
    text = (
        "“It is a federal problem,” Sen. Walter Brigham, a Republican from Mesa and a retired "
        "Border Patrol agent who served for 26 years along the Arizona line, said in response."
    )
    assert speakers(text) == [("It is a federal problem,", "Walter Brigham", PERSON)]


def test_role_of_an_organisation_then_the_name_in_apposition():
    text = (
        "“We have complied with every request,” Delmont Logistics' spokesman, Harold Fiske, "
        "said in an email.\n\n"
        "“We learned about it online,” the mayor's spokeswoman, Carla Benitez, said."
    )
    assert [q[1] for q in speakers(text)] == ["Harold Fiske", "Carla Benitez"]


def test_opening_quote_after_a_dateline_sourced_by_the_next_paragraph():
    text = (
        "PROVO, Utah — “We were told the agents would come at dawn, and they came at dawn.”\n\n"
        "That is how Marisol Quintana remembers the morning agents arrived at the dairy."
    )
    assert speakers(text) == [
        (
            "We were told the agents would come at dawn, and they came at dawn.",
            "Marisol Quintana",
            PERSON,
        )
    ]


def test_abbreviated_titles_and_their_role_nouns():
    text = (
        "“He told me, 'This is none of your business, sir,' and walked away,” "
        "Ald. Byron Castellanos said.\n\n"
        "A Raleigh pastor, the Rev. Nathaniel Grier, spoke next. “This is leadership,” the "
        "pastor said."
    )
    assert [q[1] for q in speakers(text)] == ["Byron Castellanos", "Nathaniel Grier"]


def test_attribution_after_a_quote_ending_in_a_question_mark():
    text = (
        "Kevin Marsh has owned the grill for twenty years.\n\n"
        "“Ten thousand dollars. Where do we get ten thousand dollars?” Irma Estrada said.\n\n"
        "“Why now?” Marsh asked. “Nobody can tell me,” he said."
    )
    assert [q[1] for q in speakers(text)] == ["Irma Estrada", "Kevin Marsh", "Kevin Marsh"]


def test_people_named_by_first_name_only():
    text = (
        "LOS ANGELES — Forty men usually wait for work outside the store.\n\n"
        "“Everybody is hiding,” said Rigoberto, 51, who asked that his last name not be used.\n\n"
        "Pablo Alvarez, an organizer, counted 30 arrests. “This is fear,” Alvarez said.\n\n"
        "“My rent is due Friday,” Felipe said.\n\n"
        "“What else can I do?” Rigoberto said."
    )
    assert [q[1] for q in speakers(text)] == [
        "Rigoberto",
        "Pablo Alvarez",
        "Felipe",
        "Rigoberto",
    ]


def test_the_prosecutor_refers_to_a_public_attorney():
    text = (
        "Assistant U.S. Attorney Brian Kolb argued that Ruiz posed a flight risk. "
        "“He has missed two prior hearings,” the prosecutor told the court.\n\n"
        "Defense attorney Denise Abara disagreed. “He came because he was told to,” "
        "Abara said.\n\n"
        "“This isn't over,” the defense attorney said."
    )
    assert [q[1] for q in speakers(text)] == ["Brian Kolb", "Denise Abara", "Denise Abara"]


def test_quote_only_run_takes_the_speaker_the_next_paragraph_names():
    text = (
        "Inside the clinic\n\n"
        "“We have no more gloves.”\n\n"
        "“We have no more masks.”\n\n"
        "That is how Lourdes Pineda, a nurse in Yuma, sums up the month.\n\n"
        "A county official, Ray Dunn, said supplies were coming. “Soon,” Dunn said."
    )
    got = speakers(text)
    assert [g[1] for g in got[:2]] == ["Lourdes Pineda", "Lourdes Pineda"]
    assert got[2][1] == "Ray Dunn"


def test_role_noun_before_the_person_is_named_takes_the_person_named_next():
    text = (
        "TUCSON — “No family will be turned away,” the pastor said.\n\n"
        "Pastor Gilberto Reyes has led the congregation since 2011.\n\n"
        "“We stay open,” Reyes said."
    )
    assert [q[1] for q in speakers(text)] == ["Gilberto Reyes", "Gilberto Reyes"]


def test_attribution_opening_the_next_paragraph():
    text = (
        "Growers are short of hands.\n\n"
        "“The peaches are rotting on the trees,”\n\n"
        "said Howard Lamb, who farms near Dinuba.\n\n"
        "His neighbor, Rita Paz, lost her crew. “They are afraid,” Paz said.\n\n"
        "“Another month and I am finished,”\n\n"
        "Lamb said."
    )
    assert [q[1] for q in speakers(text)] == [
        "Howard Lamb",
        "Rita Paz",
        "Howard Lamb",
    ]


def test_possessive_appositive_gives_a_role_with_any_verb():
    text = (
        "Okafor's lawyer, Teresa Lund, called the detention unlawful. "
        "“He did nothing wrong,” the defense lawyer said."
    )
    assert speakers(text)[0][1] == "Teresa Lund"


def test_title_and_appositive_role_are_both_kept():
    text = (
        "Dr. Irene Castillo, the superintendent, closed two schools on Friday.\n\n"
        "“Our buses will not run past the checkpoint,” the superintendent said."
    )
    assert speakers(text)[0][1] == "Irene Castillo"


def test_acronym_met_later_does_not_replace_a_full_organisation_name():
    text = (
        "The Florida Farmworker Justice Project filed suit on Monday.\n\n"
        "FFJP lawyer Nadia Hart said the suit names three counties. "
        "“Workers were held for days,” FFJP said in a statement."
    )
    assert speakers(text)[0][1] == "Florida Farmworker Justice Project"


def test_source_sentence_with_a_contracted_that_is():
    text = (
        "“They knocked so hard the windows shook.”\n\n"
        "That's how Irene Castañeda describes the morning agents came for her brother."
    )
    assert speakers(text)[0][1] == "Irene Castañeda"


def test_quote_only_paragraph_after_a_known_person_opening_a_clause():
    text = (
        "“My kids waited at the corner for an hour,” says parent Jenna Olson.\n\n"
        "Olson says she hopes the driver comes back.\n\n"
        "“He knows every kid by name.”"
    )
    assert speakers(text)[1][1] == "Jenna Olson"


def test_transcript_answers_after_q_and_a_labels():
    text = (
        "Maria Delgado has represented immigrants in the Bronx for 14 years. She spoke "
        "with the Ledger.\n\n"
        "Q: “When did you first notice agents in the building?”\n\n"
        "A: “Last spring. They waited in the hallway.”\n\n"
        "Q: “What happened to your clients?”\n\n"
        "A: “Two of them were arrested before they could see a judge.”"
    )
    assert [q[1] for q in speakers(text)] == [None, "Maria Delgado", None, "Maria Delgado"]


def test_office_of_a_role_speaks_for_its_holder():
    text = (
        "Gov. Josh Stein's office criticized the county's 287(g) agreement.\n\n"
        "“This agreement will make our communities less safe,” the governor's office said."
    )
    assert speakers(text)[0][1] == "Josh Stein"


def test_plural_officials_are_the_organisation_whose_officials_spoke():
    text = (
        "“The operation targeted individuals who pose a threat,” ICE officials said.\n\n"
        "Officials said more arrests were expected. “We are not done,” officials said.\n\n"
        "“Every arrest was lawful,” agency officials said."
    )
    assert [q[1] for q in speakers(text)] == ["ICE", "ICE", "ICE"]


def test_reference_with_a_modifier_before_the_role_noun():
    text = (
        "Sen. Rand Paul, the Kentucky Republican who chairs the committee, opened the "
        "hearing.\n\n"
        "“We will not write a blank check,” the committee chairman said.\n\n"
        "Her grandson, Kevin Ramírez, drove her to church. “She cried the whole way,” "
        "the young man said."
    )
    assert [q[1] for q in speakers(text)] == ["Rand Paul", "Kevin Ramírez"]


def test_the_defendant_is_the_party_not_the_judge():
    text = (
        "Gerald Finchley, 61, told U.S. District Judge Harold Murphy that he had made a "
        "mistake.\n\n"
        "“I am ashamed,” the defendant said."
    )
    assert speakers(text)[0][1] == "Gerald Finchley"


def test_the_girl_refers_to_an_unnamed_girl_not_the_last_named_woman():
    text = (
        "“I did not know what to tell her,” said Lydia Crane, a teacher.\n\n"
        "A 14-year-old girl, who asked that her name not be used, stood outside.\n\n"
        "“My mom is not a criminal,” the girl said."
    )
    assert speakers(text)[1][1] is None


def test_document_quotes_speak_for_the_author_the_article_gives_them():
    text = (
        "Civil rights groups sued the Department of Homeland Security on Tuesday.\n\n"
        "The lawsuit, filed by the Inland Coalition for Worker Justice, says agents "
        "“stormed businesses without judicial warrants.”\n\n"
        "A department spokeswoman said last month that “every enforcement action is "
        "targeted and lawful.”\n\n"
        "According to the complaint, “the raids have emptied entire neighborhoods.”"
    )
    assert [q[1] for q in speakers(text)] == [
        "Inland Coalition for Worker Justice",
        "Department of Homeland Security",
        "Inland Coalition for Worker Justice",
    ]


def test_report_released_by_an_organisation_and_a_statement_said_in():
    text = (
        "Detainees went without water, according to a report released Wednesday by the "
        "Colorado Immigrant Rights Coalition.\n\n"
        "“Several detainees reported drinking from bathroom sinks,” according to the report."
        "\n\nCasa Esperanza, which runs a food pantry, said in a statement that families "
        "were afraid. “We will keep our doors open,” the statement said."
    )
    assert [q[1] for q in speakers(text)] == [
        "Colorado Immigrant Rights Coalition",
        "Casa Esperanza",
    ]


def test_name_followed_by_which_is_an_organisation():
    text = (
        "CoreCivic, which runs the facility, disputed that.\n\n"
        "“Residents receive round-the-clock medical care,” CoreCivic said."
    )
    assert speakers(text) == [
        ("Residents receive round-the-clock medical care,", "CoreCivic", "organization")
    ]


def test_organisation_named_later_by_its_first_words_or_its_acronym():
    text = (
        "JBS USA said Friday it would help workers find lawyers.\n\n"
        "“We are deeply concerned for our team members,” JBS said in a statement.\n\n"
        "The Northwest Immigrant Rights Project condemned the arrest.\n\n"
        "“Courthouses must be safe,” said Matt Adams, legal director of NWIRP."
        " “ICE's actions undermine our courts,” the organization said."
    )
    assert [q[1] for q in speakers(text)] == [
        "JBS USA",
        "Matt Adams",
        "Northwest Immigrant Rights Project",
    ]


def test_person_in_apposition_after_a_role_and_the_role_before_the_name():
    text = (
        "“We're thrilled,” said his attorney, Jordan Weiss.\n\n"
        "The mayor of Santa Ana, Valerie Amezcua, said the city would not help.\n\n"
        "“Our police department will not be used,” the mayor said."
    )
    assert [q[1] for q in speakers(text)] == ["Jordan Weiss", "Valerie Amezcua"]


def test_suffix_and_spanish_courtesy_title():
    text = (
        "Hector Alvarado Sr. opened his shop in 1994.\n\n"
        "“I could do nothing,” Mr. Alvarado said.\n\n"
        "Doña Eulalia Ramírez, 72, sells tamales. “I have never been so afraid,” said "
        "Doña Eulalia."
    )
    assert [q[1] for q in speakers(text)] == ["Hector Alvarado Sr.", "Eulalia Ramírez"]


def test_union_local_with_its_number_as_subject_of_called():
    text = (
        "The union representing the workers, UFCW Local 7, called the raid “a cruel "
        "attack on working families.”"
    )
    assert speakers(text)[0][1] == "UFCW Local 7"


def test_sentence_pronoun_makes_an_unknown_first_name_a_person():
    text = (
        "Marisa Delgado has represented immigrants for 14 years. She spoke with the Ledger."
        "\n\nQ: “When did you first notice agents?”\n\nA: “Last spring.”"
    )
    assert [q[1] for q in speakers(text)] == [None, "Marisa Delgado"]


def test_person_of_a_place_before_the_speech_verb():
    text = "“ICE can't be everywhere. We can help,” Sheriff Bill Waybourn of Tarrant County said."
    assert speakers(text)[0][1] == "Bill Waybourn"


def test_a_statement_from_someones_office_read():
    text = (
        "Gov. Maura Healey criticized the arrest.\n\n"
        "“This is outrageous,” a statement from Healey's office read."
    )
    assert speakers(text)[0][1] == "Maura Healey"


def test_capitalised_generic_noun_opening_a_sentence_is_no_organisation():
    text = (
        "“These individuals were arrested lawfully,” Homeland Security officials said.\n\n"
        "Agency officials did not say where. “Their location will be posted,” officials said."
    )
    assert [q[1] for q in speakers(text)] == ["Homeland Security", "Homeland Security"]


def test_company_named_later_by_its_first_word_and_an_acronym_led_company():
    text = (
        "Hyundai Motor Group said none of the workers were its employees.\n\n"
        "“We are committed to full compliance with U.S. laws,” Hyundai said.\n\n"
        "“Our priority is the safe return of our people,” LG Energy Solution said."
    )
    assert [q[1:] for q in speakers(text)] == [
        ("Hyundai Motor Group", "organization"),
        ("LG Energy Solution", "organization"),
    ]


def test_suit_alleges_for_the_union_that_sued():
    text = (
        "The United Farm Workers union sued the Border Patrol on Wednesday.\n\n"
        "“Agents arrested people without any reasonable suspicion,” the suit alleges."
    )
    assert speakers(text)[0][1] == "United Farm Workers"


def test_indictment_unsealed_by_an_office_with_a_possessive_in_its_name():
    text = (
        "The indictment, unsealed Monday by the U.S. Attorney's Office for the Southern "
        "District of Texas, alleges that Ramon Ybarra “knowingly transported and housed” "
        "at least 40 workers."
    )
    assert speakers(text) == [
        (
            "knowingly transported and housed",
            "U.S. Attorney's Office for the Southern District of Texas",
            "organization",
        )
    ]


def test_the_speaker_was_names_the_source_of_the_quote_before():
    text = (
        "The crowd grew quiet.\n\n"
        "“My dad was taken on my birthday.”\n\n"
        "The speaker was Alondra Ruiz, 16, whose father was detained last month."
    )
    assert speakers(text)[0][1] == "Alondra Ruiz"


def test_occupation_noun_refers_back_to_the_person_introduced_with_it():
    text = (
        "“It breaks my heart,” said usher Manuel Orozco.\n\n"
        "“Some families are watching online now,” the usher said."
    )
    assert [q[1] for q in speakers(text)] == ["Manuel Orozco", "Manuel Orozco"]


def test_transcript_label_of_the_publication_is_the_interviewer():
    text = (
        "Sheriff Dale Whitcombe talked with the Record about the program.\n\n"
        "RECORD: “Why did you sign the agreement?”\n\n"
        "WHITCOMBE: “Because I don't want to release somebody.”"
    )
    assert [q[1] for q in speakers(text)] == [None, "Dale Whitcombe"]


def test_acronym_chapter_named_by_its_city():
    text = (
        "“These are landscapers, not gang members,” said Cesar Espinosa, executive "
        "director of FIEL Houston.\n\n"
        "“We will not let them disappear quietly,” the group said."
    )
    assert [q[1] for q in speakers(text)] == ["Cesar Espinosa", "FIEL Houston"]


def test_document_author_named_in_the_next_paragraph():
    text = (
        "A landscaping company sued the Department of Homeland Security on Friday.\n\n"
        "“Our employees were handcuffed for hours,” the complaint says.\n\n"
        "Green Oak Landscaping, which employs 85 people, filed the suit in federal court."
    )
    assert speakers(text)[0][1] == "Green Oak Landscaping"


def test_spokesman_for_a_capitalised_department_is_that_department():
    text = (
        "The California Farm Bureau urged a legal pathway.\n\n"
        "A spokesman for the Department of Homeland Security said the agency was "
        "“focused on the worst offenders.”"
    )
    assert speakers(text)[0][1] == "Department of Homeland Security"


def test_source_sentence_with_a_parenthetical_before_came_from():
    text = (
        "“We are not animals. We want to be treated like human beings.”\n\n"
        "Those words, relayed by phone from inside the facility, came from Jose Moreno, "
        "a detainee from Guatemala."
    )
    assert speakers(text)[0][1] == "Jose Moreno"


def test_interview_labels_with_full_stops():
    text = (
        "Lucía Martínez runs a legal aid group in McAllen. We asked her about it.\n\n"
        "Q. “How many people are you representing right now?”\n\n"
        "A. “About 140. We could take twice that if we had the lawyers.”"
    )
    assert [q[1] for q in speakers(text)] == [None, "Lucía Martínez"]


def test_special_agent_in_charge_is_a_title_before_the_name():
    text = (
        "“Exploiting vulnerable workers is a crime,” said HSI Omaha Special Agent in "
        "Charge Mark Zito."
    )
    assert speakers(text)[0][1] == "Mark Zito"


def test_analysis_found_speaks_for_the_organisation_that_released_it():
    text = (
        "Most people arrested had no convictions, according to an analysis released "
        "Tuesday by the Transactional Records Access Clearinghouse at Syracuse University."
        "\n\n“The share of detainees with no criminal record has grown,” the analysis found."
    )
    assert speakers(text)[0][1] == "Transactional Records Access Clearinghouse"


def test_the_teenager_is_the_last_person_named_without_an_office():
    text = (
        "“I told my son to stay in his room,” said Rosalinda Barrientos.\n\n"
        "Her son, Brandon, 15, said he watched from the window. “I couldn't do "
        "anything,” the teenager said."
    )
    assert [q[1] for q in speakers(text)] == ["Rosalinda Barrientos", "Brandon"]


def test_role_before_a_name_does_not_reach_back_over_another_person():
    text = (
        "Bishop Joseph Kopacz of the Catholic Diocese of Jackson said priests had "
        "comforted families. “The children are traumatized,” the bishop said."
    )
    assert speakers(text)[0][1] == "Joseph Kopacz"


def test_the_age_of_a_person_refers_back_to_them():
    text = (
        "Eduardo Salgado was loading his truck when agents surrounded him.\n\n"
        "“I showed them my license, my insurance, everything,” the 34-year-old said."
    )
    assert speakers(text)[0][1] == "Eduardo Salgado"


def test_thats_what_someone_told_names_the_source():
    text = (
        "Church members say Pastor Julio Hernández was detained Sunday.\n\n"
        "“He is a man of God.”\n\n"
        "That's what church member Ana Beltrán told WANE 15."
    )
    assert speakers(text)[0][1] == "Ana Beltrán"


def test_possessive_with_a_bare_apostrophe():
    text = (
        "“This is a family that did everything right,” said Ramos' lawyer, Raed Gonzalez."
        "\n\nRamos' daughter, Cristina, 17, said she would stay with her aunt. “I'm going "
        "to finish school,” the teenager said."
    )
    assert [q[1] for q in speakers(text)] == ["Raed Gonzalez", "Cristina"]


def test_the_nun_refers_to_a_sister():
    text = (
        "Sister Norma Pimentel runs the respite center.\n\n"
        "“We are ready if they come again,” the nun said."
    )
    assert speakers(text)[0][1] == "Norma Pimentel"


def test_school_district_is_an_organisation():
    text = (
        "According to a spokesperson for the Dallas Independent School District, "
        "attendance fell.\n\n"
        "“Our priority is making sure every child feels safe,” the spokesperson said."
    )
    assert speakers(text)[0][1:] == ("Dallas Independent School District", "organization")


def test_what_a_person_directs_is_an_organisation_without_a_keyword():
    text = (
        "“People are being punished for following the rules,” said Javier Valdés, "
        "co-executive director of Make the Road New York.\n\n"
        "“We will be at 26 Federal Plaza every day,” the organization said."
    )
    assert speakers(text)[1][1:] == ("Make the Road New York", "organization")


def test_unknown_name_of_an_organisation_is_split_from_it():
    text = "“More beds means more deaths,” said Setareh Ghandehari of Detention Watch Network."
    assert speakers(text)[0][1] == "Setareh Ghandehari"


def test_statement_of_an_unnamed_spokesperson_speaks_for_the_agency():
    text = (
        "A CBP spokesperson said in a statement that the agency had apprehended 42 people "
        "near the Otay Mesa port of entry.\n\n"
        "“The group was attempting to evade detection,” the statement said."
    )
    assert speakers(text)[0][1:] == ("CBP", "organization")


def test_second_partial_quote_of_a_sentence_shares_its_speech_verb():
    text = (
        "PORTLAND — Commissioner Wendell Osei-Brandt said the checkpoints catch "
        "“the worst of the worst” and accused critics of “spreading panic among the "
        "farmworkers.”\n\n"
        "A spokeswoman for the Harbor Workers Alliance said the union had "
        "“never once been asked for input” and that the county “answers to the voters "
        "of this valley.”"
    )
    assert speakers(text) == [
        ("the worst of the worst", "Wendell Osei-Brandt", PERSON),
        ("spreading panic among the farmworkers.", "Wendell Osei-Brandt", PERSON),
        ("never once been asked for input", "Harbor Workers Alliance", "organization"),
        ("answers to the voters of this valley.", "Harbor Workers Alliance", "organization"),
    ]


def test_four_word_partial_quote_counts_its_articles():
    text = "A DHS spokesperson said the operation would go on “for the foreseeable future.”"
    assert speakers(text) == [("for the foreseeable future.", "DHS", "organization")]


def test_second_quote_after_a_naming_verb_is_a_label():
    text = (
        "The sheriff said the deputies acted on “credible information from the public” "
        "in what officials called “Operation Clean Sweep Valley Now.”"
    )
    assert [q[0] for q in speakers(text)] == ["credible information from the public"]


def test_describing_a_thing_as_a_phrase_reports_speech():
    text = (
        "The lawsuit, which the Valley Workers Foundation filed on Monday, was joined by "
        "four families.\n\n"
        "The lawsuit describes the checkpoints as “a dragnet cast across the whole valley,” "
        "where workers were “pulled from their trucks without a word.”"
    )
    assert speakers(text) == [
        ("a dragnet cast across the whole valley,", "Valley Workers Foundation", "organization"),
        ("pulled from their trucks without a word.", "Valley Workers Foundation", "organization"),
    ]


def test_document_author_in_a_relative_clause_with_a_noun_for_the_group():
    text = (
        "The Riverside Tenant Collective went to court on Friday.\n\n"
        "According to the complaint, which the collective filed in federal court, agents "
        "entered 14 apartments without warrants. The complaint describes the searches as "
        "“a door-to-door sweep with no legal basis.”"
    )
    assert speakers(text)[0][1:] == ("Riverside Tenant Collective", "organization")


def test_interview_prompt_without_a_question_mark_keeps_the_interviewee():
    text = (
        "Q&A: A retired sheriff on jail contracts\n\n"
        "DAYTON — Harriet Vossberg-Onu ran the county jail for a decade. We asked her "
        "about detainers.\n\n"
        "How did the contract start?\n\n"
        "“The county needed the money, and ICE needed the beds.”\n\n"
        "Critics say the jail became an arm of the agency. Many in town agree.\n\n"
        "“They are wrong about that. We never went out looking for anybody.”\n\n"
        "Would you sign it again?\n\n"
        "“Probably not, knowing what I know now.”"
    )
    assert [q[1] for q in speakers(text)] == ["Harriet Vossberg-Onu"] * 3


def test_narrative_paragraph_between_quotes_outside_an_interview_is_no_prompt():
    text = (
        "“We were told nothing,” said Amos Reyes-Kahn, a welder.\n\n"
        "The plant reopened on Friday with half its workers.\n\n"
        "“Nobody has come back from the night shift.”"
    )
    assert [q.rule for q in extract_quotes(text)] == ["quote-said-name", "unattributed"]


def test_spanish_honorific_before_a_first_name_is_the_person_named_in_full():
    text = (
        "Don Aurelio Quiroga-Vidal, who fixes bicycles near the plaza, closed early.\n\n"
        "“Who will buy bread if nobody goes out?” asked Don Aurelio, as neighbors call him.\n\n"
        "Don Anselmo Betancur-Ríos, 70, sells fruit next door.\n\n"
        "“We wait,” said Don Anselmo, who has sold there since 1998.\n\n"
        "“Don Hargrove said the same thing,” said Don Hargrove Pell, a customer."
    )
    quotes = speakers(text)
    assert quotes[0][1] == "Aurelio Quiroga-Vidal"
    # a first name the list does not know: the shorter form opens the full name
    assert quotes[1][1] == "Don Anselmo Betancur-Ríos"
    assert quotes[2][1] == "Don Hargrove Pell"  # an English first name stays in the name


def test_shorter_form_of_a_long_name_is_the_same_person():
    text = (
        "Ana Lucía Ruiz Peña, 61, waited outside the plant.\n\n"
        "“They took my son at the gate,” said Ana Lucía."
    )
    assert speakers(text)[0][1] == "Ana Lucía Ruiz Peña"


def test_double_marked_headline_quote_takes_the_speaker_of_the_body():
    text = (
        "“We stayed in the dark”: families in Durham wait out the sweep\n\n"
        "DURHAM, N.C. — Agents returned on Tuesday.\n\n"
        "“We stayed in the dark. We did not make a sound,” said Rosalba Quintanilla-Ortiz."
    )
    assert speakers(text)[0][:2] == ("We stayed in the dark", "Rosalba Quintanilla-Ortiz")


def test_name_before_a_workplace_noun_is_the_company():
    text = (
        "Agents surrounded the Prairie Ridge Egg Farms warehouse before dawn.\n\n"
        "Prairie Ridge said in a statement that it had checked "
        "“every worker's papers without exception.”\n\n"
        "Workers at the Omaha plant said they were not told why. "
        "“Nobody explained anything,” said Teodoro Vasquez-Lund."
    )
    quotes = speakers(text)
    assert quotes[0][1:] == ("Prairie Ridge Egg Farms", "organization")
    assert quotes[1][1] == "Teodoro Vasquez-Lund"


def test_speech_verb_after_a_scare_quote_shares_the_sentence_subject():
    text = (
        "Sheriff Tobias Renner said his deputies would keep out of it. He called the "
        "operation “not our business” and said the county would “stay in its lane on "
        "immigration.”"
    )
    assert speakers(text) == [("stay in its lane on immigration.", "Tobias Renner", PERSON)]


def test_characterizing_something_as_a_phrase_reports_speech():
    text = (
        "The Yakima Valley Growers League, in a letter to the governor, characterized the "
        "raids as “an assault on the people who feed this country,” and asked him to “use "
        "every lever available to stop them.”"
    )
    assert [q[1] for q in speakers(text)] == ["Yakima Valley Growers League"] * 2


def test_paragraph_ending_in_a_colon_introduces_the_quote_below():
    text = (
        "Voces del Valle, a volunteer network based in Salinas, posted its own tally on "
        "Sunday:\n\n"
        "“Our volunteers confirmed 22 arrests in two days. Not one of them had a warrant.”\n\n"
        "Pastor Ines Salgado-Reyes visited the jail on Monday. She put it this way:\n\n"
        "“They are frightened and nobody tells them anything.”"
    )
    assert speakers(text) == [
        (
            "Our volunteers confirmed 22 arrests in two days. Not one of them had a warrant.",
            "Voces del Valle",
            "organization",
        ),
        ("They are frightened and nobody tells them anything.", "Ines Salgado-Reyes", PERSON),
    ]
