"""Small word lists that quote attribution relies on.

They are deliberately short and hand-picked: attribution only needs to know
which words report speech, which words describe a job, which capitalised words
are titles rather than names, and the likely gender of common first names so
that "he" and "she" can be matched to the right person.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of a list written as one string."""
    return frozenset(words.split())


# Verbs that report speech. A quote near one of these is reported speech.
SPEECH_VERBS = word_set(
    """
    said says say saying told tells tell added adds stated states explained explains
    noted notes wrote writes denied denies insisted insists argued argues claimed claims
    warned warns stressed stresses asked asks replied replies responded responds
    acknowledged acknowledges admitted admits countered counters continued continues
    recalled recalls declared declares announced announces emphasized emphasizes
    emphasised conceded concedes contended contends maintained maintains observed
    remarked suggested suggests testified testifies tweeted posted cautioned predicted
    promised promises vowed vows pledged complained complains urged urges shouted yelled
    chanted alleges alleged asserts asserted reads read recounted recounts found finds
    concluded concludes
    explaining adding noting
    """
)

# Verbs that introduce a name or label rather than speech ("what they are calling ...").
NAMING_VERBS = word_set(
    """
    call calls called calling dub dubs dubbed dubbing term terms termed label labels
    labeled labelled known so-called named
    """
)

# Words between a speaker and the speech verb that do not belong to the speaker.
ADVERBS = word_set(
    """
    also later then again once has had have would will previously recently further
    repeatedly often quickly simply flatly did does do is was were
    """
)

PRONOUN_GENDER = {"he": "male", "she": "female", "they": None, "it": None}

HONORIFIC_GENDER = {
    "Mr": "male",
    "Mrs": "female",
    "Ms": "female",
    "Miss": "female",
    "Doña": "female",  # Spanish, before a first name: "Doña Eulalia"
    "Don": "male",  # only read as one before a known first name: "Don Efraín"
}

# Capitalised words written before a name that are not part of it.
TITLES = word_set(
    """
    Mr Mrs Ms Miss Dr Prof Rev Sen Senator Rep Representative Gov Governor Lt Sgt Capt
    Det Officer Deputy President Mayor Judge Justice Secretary Sheriff Chief Director
    Commissioner Chairman Chairwoman Attorney General Councilman Councilwoman
    Congressman Congresswoman Assemblyman Assemblywoman Speaker Pastor Father Sister
    Bishop Cardinal Pope Acting Vice Supervisor Commander Reverend Inspector
    Superintendent Marshal Ambassador Councilmember Alderman Alderwoman Trustee
    Ald Supt Atty Msgr Fr Assemblymember Sgt Doña
    """
)

# Nouns and modifiers that describe what a person does ("ICE spokesman", "field office director").
ROLE_WORDS = word_set(
    """
    spokesman spokeswoman spokesperson director officer official agent attorney lawyer
    president chairman chairwoman chair secretary senator representative governor mayor
    sheriff chief commissioner councilman councilwoman congressman congresswoman
    assemblyman assemblywoman speaker judge justice pastor priest advocate activist
    organizer organiser professor researcher analyst economist executive manager
    coordinator founder cofounder co-founder head leader member deputy acting assistant
    associate senior press field office general pro tempore democrat republican
    lawmaker legislator resident immigrant student worker owner superintendent
    administrator commander captain lieutenant sergeant detective trooper ambassador
    minister consul counsel editor reporter supervisor reverend teacher principal
    inspector marshal trustee alderman alderwoman councilmember delegate prosecutor
    """
)

# Role nouns that also tell the gender of who holds them.
ROLE_GENDER = {
    "father": "male",
    "sister": "female",
    "spokesman": "male",
    "spokeswoman": "female",
    "chairman": "male",
    "chairwoman": "female",
    "congressman": "male",
    "congresswoman": "female",
    "councilman": "male",
    "councilwoman": "female",
    "assemblyman": "male",
    "assemblywoman": "female",
}

# Plural nouns that stand for an organisation when written after its name ("ICE officials").
ORG_MEMBER_WORDS = word_set(
    "officials spokesman spokeswoman spokesperson agents officers leaders representatives"
)

# Last words of organisation names.
ORG_KEYWORDS = word_set(
    """
    Enforcement Department Agency Forum Union Council Coalition Center Centre Institute
    Alliance Association Committee Network Project Service Services Office Bureau
    Administration Commission Foundation Fund Party Police Patrol Protection Court
    Congress Church University College Organization Organisation Society League
    Federation Group Movement Campaign Caucus Board Ministry Authority Corps Company
    Inc Corp Times Post Press News Clinic Legislature
    LLC Co Ltd Industries Enterprises Holdings Partners Farms Foods Meats Poultry Dairy
    Seafood Produce Packing Processing Manufacturing Construction Landscaping Logistics
    Staffing Bakery Bakeries Restaurants Markets Supermarkets Mills Motors Lab Labs
    Laboratory Analytics Hospital Bank Network Initiative Collective Ministries Parish
    Academy School Schools Trust Local District
    """
)

# Capitalised first words of place and church names that look like person names
# ("St. Bridget's parish", "Fort Worth", "Santa Ana").
PLACE_PREFIXES = word_set("St Saint Fort Ft Mount Mt Port San Santa Los Las")

# Last words of place names that look like person names ("Virginia Beach"). Words that
# are also common surnames (Park, Hill, Rivers) are left out.
PLACE_WORDS = word_set(
    "Beach City County Street Avenue Boulevard Springs Heights Valley Island Square Airport"
)

# Nouns for people the article does not name ("a foreman", "one owner", "a 14-year-old girl").
PERSON_NOUNS = word_set(
    """
    man woman boy girl person worker resident owner foreman manager employee teacher
    student mother father parent neighbor neighbour relative official spokesperson
    spokesman spokeswoman officer agent driver farmer pastor priest witness customer
    nurse doctor lawyer attorney son daughter wife husband brother sister cousin friend
    member immigrant mechanic cook contractor subcontractor supervisor volunteer organizer
    advocate activist administrator employer landlord tenant shopkeeper vendor laborer
    labourer mom dad grandmother grandfather uncle aunt deputy source defendant plaintiff
    detainee petitioner usher principal coach cashier dishwasher waiter waitress janitor
    electrician plumber carpenter roofer landscaper welder gardener nanny housekeeper
    caregiver rabbi imam minister deacon nun chaplain consul physician pediatrician
    psychologist therapist paramedic firefighter trucker farmworker rancher grower
    clerk magistrate prosecutor defender paralegal translator interpreter teenager
    teen widow widower grandson granddaughter nephew niece fisherman pharmacist
    dentist bartender chef baker butcher tailor barber bishop archbishop cardinal child
    kid youngster migrant
    """
)

# Person nouns that tell the gender ("the girl said").
PERSON_NOUN_GENDER = {
    "man": "male",
    "boy": "male",
    "father": "male",
    "son": "male",
    "husband": "male",
    "brother": "male",
    "dad": "male",
    "grandfather": "male",
    "uncle": "male",
    "woman": "female",
    "girl": "female",
    "mother": "female",
    "daughter": "female",
    "wife": "female",
    "sister": "female",
    "mom": "female",
    "grandmother": "female",
    "aunt": "female",
}

# Abbreviated titles and the role nouns that refer back to them ("Gov." -> "the governor").
TITLE_ROLE_NOUNS = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "lt": "lieutenant",
    "sgt": "sergeant",
    "capt": "captain",
    "det": "detective",
    "supt": "superintendent",
    "atty": "attorney",
    "rev": "reverend",
    "gen": "general",
    "cmdr": "commander",
    "dr": "doctor",
    "prof": "professor",
    "ald": "alderman",
    "msgr": "monsignor",
    "fr": "father",
}

# Other nouns a reporter uses for the holder of a title ("the Rev. Nathaniel Grier" ...
# "the pastor said"; "Rep. Ana Ruiz" ... "the congresswoman said").
TITLE_SYNONYMS = {
    "reverend": ("pastor", "minister", "priest"),
    "father": ("priest", "pastor"),
    "monsignor": ("priest",),
    "pastor": ("minister", "reverend"),
    "representative": ("congressman", "congresswoman", "lawmaker"),
    "senator": ("lawmaker",),
    "doctor": ("physician",),
    "attorney": ("lawyer", "counsel"),
    "lawyer": ("attorney", "counsel"),
    "alderman": ("alderwoman", "councilman", "councilwoman"),
    "chairman": ("chair", "chairperson"),
    "chairwoman": ("chair", "chairperson"),
    "chair": ("chairman", "chairwoman", "chairperson"),
    "chairs": ("chair", "chairman", "chairwoman", "chairperson"),  # "who chairs the panel"
    "sister": ("nun",),  # "Sister Norma Pimentel" ... "the nun said"
}

# Nouns that refer back to the last organisation mentioned ("the agency said"); documents
# stand for the organisation that issued them ("the report said").
ORG_REFERENCE_NOUNS = word_set(
    """
    agency group organization organisation department office administration coalition
    union bureau government ministry company campaign nonprofit alliance network center
    centre clinic council institute association church parish firm employer lab
    society league committee commission board district hospital university college
    project organizers collective foundation federation initiative
    report study survey statement analysis audit lawsuit complaint filing letter memo
    suit petition memorandum directive
    """
)

# Documents quoted as speakers ("the lawsuit says"), grouped by what refers to the same
# document ("the lawsuit" ... "the complaint"); they speak for whoever wrote them.
DOCUMENT_GROUPS = {
    **dict.fromkeys(("lawsuit", "suit", "complaint", "petition", "filing", "motion"), "lawsuit"),
    **dict.fromkeys(("indictment", "affidavit"), "indictment"),
    **dict.fromkeys(("report", "study", "survey", "analysis", "audit", "review"), "report"),
    **dict.fromkeys(("memo", "memorandum", "directive", "guidance"), "memo"),
    **dict.fromkeys(("statement", "release"), "statement"),
    **dict.fromkeys(("ruling", "order", "opinion", "decision"), "ruling"),
    "letter": "letter",
    "email": "email",
}

# Lower-case words joining the words of an organisation name.
ORG_CONNECTORS = frozenset({"of", "and", "for", "on", "the", "&"})

# Lower-case parts of surnames ("Kevin de León", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset(
    {"de", "del", "della", "la", "le", "van", "von", "der", "da", "di", "du"}
)

NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})

# All-caps words that are not organisation acronyms.
NON_ORG_ACRONYMS = frozenset({"US", "USA", "UK", "OK", "TV", "AM", "PM", "AP", "CEO", "ID", "DC"})

# Capitalised words that start sentences or name dates, and never start a name.
CAPITALISED_FUNCTION_WORDS = word_set(
    """
    The A An In On At By For From To Of And But Or If When While After Before Since
    During Last This That These Those Its His Her Their Our My Your Some Many Most
    All Both Each Every Such Under Over Like As With Without Then Now Still Yet Also
    According Earlier Later Meanwhile However Instead Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday January February March April May June July August
    September October November December
    """
)

# Abbreviations whose period does not end a sentence.
ABBREVIATIONS = word_set(
    """
    Mr Mrs Ms Dr Prof Rev Sen Rep Gov Lt Sgt Capt Det St Jr Sr Gen Col Maj Cmdr
    Ald Supt Atty Msgr Fr
    Jan Feb Mar Apr Aug Sept Sep Oct Nov Dec No Inc Corp Co Ltd vs etc Ave Blvd Mt Ft
    """
)

MALE_NAMES = word_set(
    """
    Aaron Abdul Abraham Adam Adrian Ahmad Ahmed Alan Albert Alberto Alejandro Alex
    Alexander Alfonso Alfredo Ali Amir Andre Andrew Andres Angel Anthony Antonio Armando
    Arthur Arturo Barack Ben Benjamin Bernie Bill Billy Bob Bobby Brad Bradley Brandon
    Brian Bruce Bryan Carl Carlos Cesar Charles Chris Christopher Chuck Cory Craig Dan
    Daniel Danny Darius David Dennis Diego Donald Doug Douglas Duncan Dylan Eddie Eduardo
    Edward Eric Ernesto Eugene Felipe Fernando Francis Francisco Frank Gabriel Gary
    George Gerald Gerardo Gilberto Greg Gregory Guillermo Hank Harold Harry Hassan Hector
    Henry Hugo Hussein Ian Ibrahim Isaac Ivan Jack Jacob Jaime James Jason Javier Jay
    Jeff Jeffrey Jeremy Jerry Jesse Jesus Jim Jimmy Joe Joel John Johnny Jon Jonathan
    Jorge Jose Joseph Josh Joshua Juan Julian Julio Justin Karl Keith Ken Kenneth Kevin
    Khalid Kyle Larry Lawrence Leonardo Luis Marco Marcus Mario Mark Martin Matt Matthew
    Michael Miguel Mike Mitch Mohamed Mohammed Muhammad Nathan Neil Nicholas Omar Oscar
    Pablo Patrick Paul Pedro Peter Phil Philip Rafael Ramon Randy Raul Ray Raymond
    Ricardo Richard Rick Ricky Robert Roberto Rodrigo Roger Ron Ronald Ruben Russell
    Ryan Salvador Sam Samuel Scott Sean Sergio Stephen Steve Steven Ted Thomas Tim
    Timothy Todd Tom Tony Travis Tyler Victor Vincent Walter Wayne William Xavier Yusuf
    Zachary
    """
)

FEMALE_NAMES = word_set(
    """
    Abigail Adriana Aisha Alejandra Alexandra Alice Alicia Allison Alma Amanda Amber Amy
    Ana Andrea Angela Angelica Anita Ann Anna Anne Araceli Ashley Barbara Beatriz Betsy
    Beth Betty Blanca Brenda Carmen Carol Carolina Caroline Catherine Cecilia Christina
    Christine Cindy Claire Claudia Cristina Cynthia Daisy Dana Daniela Deborah Debra
    Diana Diane Dolores Donna Dorothy Elena Elizabeth Ellen Emily Emma Erica Erika Esther
    Eva Fatima Gabriela Gloria Grace Guadalupe Hannah Heather Heidi Helen Hillary Irene
    Isabel Jackie Jane Janet Janice Jasmine Jean Jennifer Jessica Jill Joan Joanna
    Josefina Joyce Juana Judith Judy Julia Julie Karen Karla Kamala Kate Katherine Kathleen
    Kathy Kelly Kimberly Kirsten Laura Leticia Lilia Linda Lisa Lorena Lori Lucia Lucy
    Luisa Lupe Lydia Margaret Maria Marisol Marissa Marta Martha Mary Maxine Megan
    Melissa Mercedes Michelle Monica Nancy Natalia Nicole Norma Olga Olivia Pamela Patricia
    Paula Pramila Rachel Raquel Rebecca Rosa Rosario Ruth Sandra Sara Sarah Sharon Silvia
    Sofia Sonia Sophia Stephanie Susan Suzanne Tanya Teresa Theresa Tiffany Valerie Vanessa
    Veronica Victoria Virginia Wendy Yesenia Yolanda Zoe
    """
)

# Common first names used for any gender.
UNISEX_NAMES = word_set(
    "Alexis Ashton Casey Cameron Dakota Jamie Jordan Kerry Leslie Morgan Pat Riley Robin "
    "Sasha Taylor Terry"
)

# First names of the many origins U.S. news quotes, written without accents (lookups fold
# accents, so "Ciarán" finds "Ciaran"). Hyphenated given names are looked up whole
# ("Min-jun") and then by their first part ("Marie-Claude" -> "Marie"). Names that are
# also ordinary words, places or very common surnames (Will, Hope, Orlando, Jackson,
# Lee, Kim) are left out: a capitalised run starting with one would be taken for a person.
WORLD_MALE_NAMES = word_set(
    """
    Abdoulaye Abubakar Adewale Amadou Babatunde Cheikh Chinedu Chukwuemeka Emeka Femi
    Ifeanyi Idrissa Kayode Kobina Kofi Kojo Kwabena Kwaku Kwame Kwasi Kweku Lamine
    Mamadou Moussa Musa Obinna Olumide Oumar Ousmane Segun Sekou Tunde Usman Yaw
    Andrzej Bartosz Bogdan Dariusz Dmitri Dmitry Dominik Dragan Goran Grzegorz Igor
    Istvan Jakub Janusz Jerzy Jiri Kamil Krzysztof Laszlo Gabor Zoltan Lukasz Marcin
    Marek Mariusz Mateusz Michal Mikhail Milan Miroslav Nikola Nikolai Oleg Ondrej
    Pavel Pawel Petr Piotr Rafal Sergei Sergey Alexei Aleksandr Andrei Stanislaw
    Tadeusz Tomasz Viktor Vladimir Wladyslaw Wojciech Yuri Zbigniew Zoran
    Abdallah Abdel Abdullah Adel Adil Amin Ammar Anwar Ayman Bilal Emad Fadi Fahad
    Faisal Hamza Hani Hisham Husam Hussain Idris Imad Ismail Jamal Kareem Karim Khaled
    Mahmoud Majid Marwan Mohamad Mohammad Mostafa Mustafa Nabil Nasser Nizar Osama
    Othman Rami Rashid Riyad Saeed Salah Sami Samir Sharif Tamer Tarek Tariq Wael
    Walid Waleed Yahya Younis Youssef Yousef Zaid Ziad
    Aditya Ajay Akash Amit Anil Ankit Arjun Arvind Asif Ashok Deepak Devesh Dinesh
    Farhan Ganesh Girish Harish Hemant Imran Irfan Javed Mahesh Manoj Mohan Mukesh
    Naveed Naveen Nikhil Nitin Pankaj Pradeep Prakash Rahul Rajesh Rakesh Ramesh Ravi
    Rohan Rohit Sachin Sameer Sandeep Sanjay Sanjeev Satish Shahid Shankar Sunil Suresh
    Tahir Tarun Varun Vijay Vikram Vivek Yogesh Zubair
    Aidan Alasdair Brendan Cathal Cian Ciaran Colm Conor Connor Cormac Darragh Declan
    Dermot Diarmuid Donal Eamon Eamonn Eoin Fergal Finbar Fintan Hamish Kieran Killian
    Liam Lorcan Niall Oisin Padraig Ronan Rory Seamus Tadhg Dafydd Gareth Rhys Ewan
    Dieudonne Etienne Francois Frantz Fritz Fritzner Jacques Jean-Baptiste Jean-Claude
    Jean-Pierre Jean-Luc Laurent Lucien Michel Olivier Philippe Pierre Reginald Rene
    Thierry Wilner Yves Emmanuel
    Adan Agustin Alonso Aurelio Benito Bernardo Camilo Cristian Cristobal Domingo
    Edgar Efrain Efren Elias Elmer Emilio Enrique Erick Esteban Fabian Federico German
    Gonzalo Gustavo Heriberto Hernan Humberto Ignacio Jacinto Joaquin Leandro Leonel
    Lorenzo Manuel Marcelo Marvin Mateo Mauricio Maximo Moises Nelson Nestor Nicolas
    Norberto Octavio Osvaldo Oswaldo Ramiro Reinaldo Reynaldo Rigoberto Rogelio Rolando
    Santiago Saul Sebastian Silvio Teodoro Tomas Ulises Valentin Vicente Wilfredo Wilmer
    Bram Dieter Dirk Erik Florian Gerrit Hans Helmut Hendrik Henrik Jens Johan Joost
    Jurgen Klaus Koen Lars Lukas Matthias Nils Pieter Rainer Sven Willem Wolfgang
    Jian Jianguo Qiang Zhiwei Sophal Somchai
    Min-jun Seo-jun Ji-hoon Jun-ho Dong-hyun Sung-min Hyun-woo Jae-won Young-ho Sang-woo
    Jin-woo Tae-hyun Kyung-soo
    Alvin Andy Barry Bernard Brett Bret Caleb Calvin Cedric Clarence Clifford Clyde Cody
    Colin Curtis Dale Darnell Darrell Derek Derrick Desmond Dewayne Dominic Donnell
    Donovan Dustin Dwayne Dwight Earl Edwin Eli Elijah Elliot Elliott Ernest Ethan Evan
    Ezra Floyd Fred Frederick Garrett Gavin Gene Gideon Glenn Gordon Graham Gregg Harlan
    Harvey Herbert Herman Hollis Howard Hugh Isaiah Jalen Jared Jermaine Jerome Jeremiah
    Joey Josiah Julius Kendrick Kurt Lamar Lance Leon Leonard Leroy Levi Lloyd Logan
    Lonnie Luke Lyle Malcolm Marquis Maurice Melvin Micah Mitchell Moshe Nate Nathaniel
    Neal Nick Noah Norman Oliver Otis Perry Quentin Ralph Randall Reggie Reuben Rob Rodney
    Roland Ronnie Roy Rudy Seth Shawn Sidney Spencer Stanley Stuart Terrence Terrell
    Theodore Tommy Trent Trevor Tristan Troy Tyrone Vernon Wade Wallace Wendell Wesley
    Willie Winston Yosef Zach Demetrius Dov Ilan
    """
)

WORLD_FEMALE_NAMES = word_set(
    """
    Abena Abimbola Adaeze Adaora Adunni Adwoa Afua Akosua Akua Ama Amaka Aminata Awa
    Bisi Bukola Chiamaka Chinwe Chioma Ebere Efua Esi Fatou Folake Funmi Funmilayo Hauwa
    Ifeoma Kadiatou Kemi Khadija Lindiwe Mariama Nkechi Nneka Nokuthula Nomvula Ngozi
    Obiageli Oluwakemi Thandiwe Titilayo Wambui Wanjiru Njeri Achieng Yetunde Zainab
    Zanele Yaa
    Agnieszka Aleksandra Beata Bozena Danuta Dorota Dragana Elzbieta Ewa Eszter Galina
    Halina Irena Irina Ivana Jadwiga Jana Jelena Justyna Kasia Katalin Katarzyna Krystyna
    Lenka Ludmila Magdalena Malgorzata Milena Monika Natasha Oksana Olena Petra Svetlana
    Tatiana Tatyana Vesna Weronika Yelena Yulia Zofia Zsuzsanna Zuzana Anastasia
    Ekaterina
    Abeer Amira Asma Aya Dalia Dina Eman Farah Fatma Ghada Hanan Heba Hiba Huda Iman
    Jamila Jumana Karima Laila Lamia Latifa Layla Leila Lina Lubna Maha Malak Manal
    Mariam Maryam Mona Nadia Nawal Nesrine Nisreen Noor Nour Rana Rania Rasha Reem Ruba
    Rula Sahar Salma Samar Samira Sawsan Shireen Shirin Suha Tala Wafa Yara Yasmeen
    Yasmin Yasmine Zahra Zeinab Zaynab Nasrin Parisa
    Aarti Anjali Asha Ayesha Deepa Divya Farzana Geeta Gita Indira Kavita Kavya Lakshmi
    Madhu Manisha Meena Nandini Nazia Neha Nisha Pallavi Pooja Preeti Priya Radha Rekha
    Renu Ritu Rukhsana Sadia Saima Sangeeta Sapna Sarita Seema Shabnam Shalini Shilpa
    Shreya Smita Sneha Sunita Sushma Swati Uma Usha Vandana Vidya
    Aisling Aoife Bridget Brid Caoimhe Ciara Clodagh Colleen Deirdre Eileen Eilis Eimear
    Fionnuala Grainne Mairead Maeve Maureen Niamh Noreen Nuala Orla Orlaith Roisin
    Saoirse Sheila Sinead Siobhan Una
    Amelie Brigitte Chantal Claudette Danielle Elodie Fabienne Francoise Genevieve
    Ginette Guerline Isabelle Jacqueline Josette Lucienne Madeleine Marie Marie-Claude
    Marlene Mathilde Micheline Mireille Monique Nadege Nathalie Odette Roseline Sandrine
    Simone Solange Sylvie Yolette Yvette Yvonne
    Alba Catalina Concepcion Consuelo Dulce Elvira Esperanza Estela Fernanda Graciela
    Ines Irma Itzel Jimena Lourdes Luz Marcela Margarita Maribel Maricela Marisela
    Milagros Miriam Mirna Noemi Paloma Perla Pilar Ramona Reina Rocio Rosalba Rosalinda
    Socorro Soledad Susana Tania Valeria Vilma Ximena Xiomara Yadira Yanira Zoila
    Lan Linh Huong Trang Thuy Ngoc Phuong Thao Hanh Hien Nhung Quynh Mei Xiaoling
    Xiaomei Lihua Sopheap Bopha Chanthou Siriporn Maricel
    Ji-yeon Seo-yeon Min-ji Su-bin Ha-eun Eun-ji Hye-jin Soo-jin Mi-kyung Yoon-ah
    Abby Adele Agnes Aileen Alison Alyssa Angie Annette Antoinette Audrey Bernadette
    Beverly Bonnie Brittany Brooke Candace Carla Carrie Cassandra Cathy Charlene Chelsea
    Cheryl Christy Connie Courtney Crystal Daphne Darlene Debbie Delores Denise Desiree
    Doris Edith Elaine Eleanor Eliza Ella Eloise Erin Estelle Eunice Evelyn Faye Felicia
    Florence Frances Gail Gayle Geraldine Gina Gwen Gwendolyn Harriet Hazel Helena Holly
    Ingrid Iris Jeanette Jeanne Jenna Jenny Jillian Josephine Juanita Kara Kari Katie
    Kayla Kendra Kristen Kristin Lana Latoya Lauren Leah Lillian Lindsay Lindsey Lois
    Loretta Lorraine Louise Lucille Lynn Mabel Marcia Margo Marian Marianne Marjorie
    Maryann Mavis Melanie Melinda Meredith Mildred Millie Miranda Molly Muriel Nadine
    Naomi Natalie Nina Nora Paige Patsy Peggy Penelope Phyllis Priscilla Regina Renee
    Rhonda Rita Roberta Robyn Rosalind Rosemary Roxanne Sabrina Sally Samantha Shanice
    Shauna Shelby Shelly Sherry Shirley Stacy Stella Sue Sylvia Tamara Tamsin Tara Tessa
    Thelma Tina Toni Tracy Trudy Vera Vicki Vivian Wanda Whitney Wilma
    """
)

WORLD_UNISEX_NAMES = word_set(
    """
    Ayodele Oluwaseun Uchenna Nana Kiran Harpreet Gurpreet Manpreet Jaswinder Dara
    Vanna Sokha Thanh Wei Jun Dominique Camille Claude Ji-min Ji-woo
    """
)

_MALE = MALE_NAMES | WORLD_MALE_NAMES
_FEMALE = FEMALE_NAMES | WORLD_FEMALE_NAMES
_UNISEX = UNISEX_NAMES | WORLD_UNISEX_NAMES
# In French compound names "Jean-" is male ("Jean-Marie"), whatever "Jean" alone is.
_COMPOUND_FIRST_GENDER = {"Jean": "male", "Marie": "female"}


def _plain(name: str) -> str:
    """The name without accents ("Ciarán" -> "Ciaran")."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def _lookup(name: str) -> tuple[bool, str | None]:
    """(is a known first name, its usual gender)."""
    plain = _plain(name)
    for candidate in (plain, plain.split("-")[0] if "-" in plain else None):
        if candidate is None:
            continue
        if candidate != plain and candidate in _COMPOUND_FIRST_GENDER:
            return True, _COMPOUND_FIRST_GENDER[candidate]
        if candidate in _MALE and candidate not in _FEMALE:
            return True, "male"
        if candidate in _FEMALE and candidate not in _MALE:
            return True, "female"
        if candidate in _UNISEX or candidate in _MALE:
            return True, None
    return False, None


class _NameLookups(dict):
    """One part of ``_lookup`` kept per name: read with a dictionary look-up and no Python
    call, as the name tests run for nearly every capitalised word."""

    def __init__(self, part: int) -> None:
        super().__init__()
        self.part = part

    def __missing__(self, name: str):
        if len(self) > 50_000:
            self.clear()  # (a bound on memory)
        value = self[name] = _lookup(name)[self.part]
        return value


# Whether a word is a known first name.
is_first_name = _NameLookups(0).__getitem__
# The usual gender of a first name, or None when unknown or used by any gender.
first_name_gender = _NameLookups(1).__getitem__


# Organisations whose names carry no organisation keyword, with the short name that folds
# their variants together ("Homeland Security" is the DHS of "Department of Homeland Security").
KNOWN_ORGANISATIONS = {
    "Homeland Security": "DHS",
    "White House": "White House",
    "Pentagon": "Pentagon",
    "Border Patrol": "Border Patrol",
    "Customs and Border Protection": "CBP",
    "Immigration and Customs Enforcement": "ICE",
    "Homeland Security Investigations": "HSI",
    "Enforcement and Removal Operations": "ERO",
}

# Nouns of an appositive that make the name before it an organisation's:
# "Kessler Marine, a shipbuilder that employs 900 people, said it ...".
ORG_APPOSITIVE_NOUNS = word_set(
    """
    company firm business corporation contractor subcontractor employer manufacturer
    processor producer packer meatpacker shipbuilder builder plant factory chain retailer
    supplier distributor subsidiary startup operator nonprofit non-profit charity group
    organization organisation coalition union agency association network alliance
    restaurant bakery farm dairy ranch grower cooperative co-op church congregation
    ministry newspaper outlet broadcaster station website publisher think-tank tank
    """
)

# Words between an unnamed person and the name the article gives them:
# "a vendor, who gave only his first name, Moussa", "identified only as Lupe".
NAME_GIVING_FILLERS = word_set("only just simply as by his her their first given name")
