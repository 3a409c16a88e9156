"""Small word lists that quote attribution relies on.

They are deliberately short and hand-picked: attribution only needs to know
which words report speech, which words describe a job, which capitalised words
are titles rather than names, and the likely gender of common first names so
that "he" and "she" can be matched to the right person.
"""

from __future__ import annotations


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

HONORIFIC_GENDER = {"Mr": "male", "Mrs": "female", "Ms": "female", "Miss": "female"}

# Capitalised words written before a name that are not part of it.
TITLES = word_set(
    """
    Mr Mrs Ms Miss Dr Prof Rev Sen Senator Rep Representative Gov Governor Lt Sgt Capt
    Det Officer Deputy President Mayor Judge Justice Secretary Sheriff Chief Director
    Commissioner Chairman Chairwoman Attorney General Councilman Councilwoman
    Congressman Congresswoman Assemblyman Assemblywoman Speaker Pastor Father Sister
    Bishop Cardinal Pope Acting Vice Supervisor Commander Reverend Inspector
    Superintendent Marshal Ambassador Councilmember Alderman Alderwoman Trustee
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
    inspector marshal trustee alderman alderwoman councilmember delegate
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
    """
)

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
    labourer mom dad grandmother grandfather uncle aunt deputy source
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
}

# Nouns that refer back to the last organisation mentioned ("the agency said").
ORG_REFERENCE_NOUNS = word_set(
    """
    agency group organization organisation department office administration coalition
    union bureau government ministry company campaign nonprofit
    """
)

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


def first_name_gender(name: str) -> str | None:
    """The usual gender of a first name, or None when unknown or used by any gender."""
    if name in MALE_NAMES:
        return "male"
    if name in FEMALE_NAMES:
        return "female"
    return None


def is_first_name(name: str) -> bool:
    return name in MALE_NAMES or name in FEMALE_NAMES or name in UNISEX_NAMES
