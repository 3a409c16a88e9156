"""Place data for resolving locations in enforcement coverage.

Everything here is best public knowledge and APPROXIMATE: ICE reorganises its field
offices from time to time, and the split of California, Texas and New York between
several field offices follows county lines that a city list can only approximate.
Names that are common words or surnames (Mobile, Jackson, ...) are marked ambiguous:
they are only read as places after a preposition such as "in".
"""

from __future__ import annotations

# (name, two-letter code, AP style abbreviation used in datelines)
STATES: tuple[tuple[str, str, str], ...] = (
    ("Alabama", "AL", "Ala."),
    ("Alaska", "AK", "Alaska"),
    ("Arizona", "AZ", "Ariz."),
    ("Arkansas", "AR", "Ark."),
    ("California", "CA", "Calif."),
    ("Colorado", "CO", "Colo."),
    ("Connecticut", "CT", "Conn."),
    ("Delaware", "DE", "Del."),
    ("District of Columbia", "DC", "D.C."),
    ("Florida", "FL", "Fla."),
    ("Georgia", "GA", "Ga."),
    ("Hawaii", "HI", "Hawaii"),
    ("Idaho", "ID", "Idaho"),
    ("Illinois", "IL", "Ill."),
    ("Indiana", "IN", "Ind."),
    ("Iowa", "IA", "Iowa"),
    ("Kansas", "KS", "Kan."),
    ("Kentucky", "KY", "Ky."),
    ("Louisiana", "LA", "La."),
    ("Maine", "ME", "Maine"),
    ("Maryland", "MD", "Md."),
    ("Massachusetts", "MA", "Mass."),
    ("Michigan", "MI", "Mich."),
    ("Minnesota", "MN", "Minn."),
    ("Mississippi", "MS", "Miss."),
    ("Missouri", "MO", "Mo."),
    ("Montana", "MT", "Mont."),
    ("Nebraska", "NE", "Neb."),
    ("Nevada", "NV", "Nev."),
    ("New Hampshire", "NH", "N.H."),
    ("New Jersey", "NJ", "N.J."),
    ("New Mexico", "NM", "N.M."),
    ("New York", "NY", "N.Y."),
    ("North Carolina", "NC", "N.C."),
    ("North Dakota", "ND", "N.D."),
    ("Ohio", "OH", "Ohio"),
    ("Oklahoma", "OK", "Okla."),
    ("Oregon", "OR", "Ore."),
    ("Pennsylvania", "PA", "Pa."),
    ("Puerto Rico", "PR", "P.R."),
    ("Rhode Island", "RI", "R.I."),
    ("South Carolina", "SC", "S.C."),
    ("South Dakota", "SD", "S.D."),
    ("Tennessee", "TN", "Tenn."),
    ("Texas", "TX", "Texas"),
    ("Utah", "UT", "Utah"),
    ("Vermont", "VT", "Vt."),
    ("Virginia", "VA", "Va."),
    ("Washington", "WA", "Wash."),
    ("West Virginia", "WV", "W.Va."),
    ("Wisconsin", "WI", "Wis."),
    ("Wyoming", "WY", "Wyo."),
)

# Regional names that only tell the state.
REGIONS: dict[str, str] = {
    "Southern California": "CA",
    "Northern California": "CA",
    "Central California": "CA",
    "Bay Area": "CA",
    "Central Valley": "CA",
    "Inland Empire": "CA",
    "South Texas": "TX",
    "North Texas": "TX",
    "West Texas": "TX",
    "Rio Grande Valley": "TX",
    "Long Island": "NY",
    "Upstate New York": "NY",
    "South Florida": "FL",
    "Central Florida": "FL",
    "North Georgia": "GA",
    "Metro Atlanta": "GA",
    "Central Washington": "WA",
    "Eastern Washington": "WA",
    "Western Washington": "WA",
    "Southwest Washington": "WA",
    "Northern Virginia": "VA",
    "South Jersey": "NJ",
    "North Jersey": "NJ",
    "Western New York": "NY",
    "Central Texas": "TX",
    "East Texas": "TX",
    "Middle Tennessee": "TN",
    "East Tennessee": "TN",
    "West Tennessee": "TN",
    "Southwest Florida": "FL",
    "North Florida": "FL",
    "Western Pennsylvania": "PA",
}

# ICE Enforcement and Removal Operations field offices ("areas of operations") and
# the states they cover.  States split between offices are listed under each of them;
# cities in those states carry their office explicitly in CITIES.
FIELD_OFFICES: dict[str, tuple[str, ...]] = {
    "Atlanta": ("GA", "NC", "SC"),
    "Baltimore": ("MD",),
    "Boston": ("MA", "ME", "NH", "VT", "RI", "CT"),
    "Buffalo": ("NY",),
    "Chicago": ("IL", "IN", "WI", "MO", "KY", "KS"),
    "Dallas": ("TX", "OK"),
    "Denver": ("CO", "WY"),
    "Detroit": ("MI", "OH"),
    "El Paso": ("TX", "NM"),
    "Harlingen": ("TX",),
    "Houston": ("TX",),
    "Los Angeles": ("CA",),
    "Miami": ("FL", "PR"),
    "New Orleans": ("LA", "MS", "AL", "AR", "TN"),
    "New York City": ("NY",),
    "Newark": ("NJ",),
    "Philadelphia": ("PA", "DE", "WV"),
    "Phoenix": ("AZ",),
    "Salt Lake City": ("UT", "ID", "MT", "NV"),
    "San Antonio": ("TX",),
    "San Diego": ("CA",),
    "San Francisco": ("CA", "HI"),
    "Seattle": ("WA", "OR", "AK"),
    "St. Paul": ("MN", "IA", "NE", "ND", "SD"),
    "Washington": ("DC", "VA"),
}

# Other spellings of field office names in "the X area of operations" / "X field office".
FIELD_OFFICE_ALIASES: dict[str, str] = {
    "New York": "New York City",
    "Saint Paul": "St. Paul",
    "Washington, D.C.": "Washington",
    "D.C.": "Washington",
    "Salt Lake": "Salt Lake City",
}

# "City|ST|Field office" -- the office is given only where the state is split.
# The ~150 largest US cities, every field office city, and towns that recur in
# enforcement coverage (detention centres, worksite raids, border crossings).
CITIES = """
New York City|NY|New York City
New York|NY|New York City
Los Angeles|CA|Los Angeles
Chicago|IL
Houston|TX|Houston
Phoenix|AZ
Philadelphia|PA
San Antonio|TX|San Antonio
San Diego|CA|San Diego
Dallas|TX|Dallas
San Jose|CA|San Francisco
Austin|TX|San Antonio
Jacksonville|FL
Fort Worth|TX|Dallas
Columbus|OH
Indianapolis|IN
Charlotte|NC
San Francisco|CA|San Francisco
Seattle|WA
Denver|CO
Washington, D.C.|DC
Washington D.C.|DC
Nashville|TN
Oklahoma City|OK
El Paso|TX|El Paso
Boston|MA
Portland|OR
Las Vegas|NV
Detroit|MI
Memphis|TN
Louisville|KY
Baltimore|MD
Milwaukee|WI
Albuquerque|NM
Tucson|AZ
Fresno|CA|San Francisco
Mesa|AZ
Sacramento|CA|San Francisco
Atlanta|GA
Kansas City|MO
Colorado Springs|CO
Omaha|NE
Raleigh|NC
Miami|FL
Long Beach|CA|Los Angeles
Virginia Beach|VA
Oakland|CA|San Francisco
Minneapolis|MN
Tulsa|OK
Tampa|FL
Arlington|TX|Dallas
New Orleans|LA
Wichita|KS
Bakersfield|CA|San Francisco
Cleveland|OH
Aurora|CO
Anaheim|CA|Los Angeles
Honolulu|HI
Santa Ana|CA|Los Angeles
Riverside|CA|Los Angeles
Corpus Christi|TX|Harlingen
Lexington|KY
Henderson|NV
Stockton|CA|San Francisco
St. Paul|MN
Saint Paul|MN
Cincinnati|OH
St. Louis|MO
Pittsburgh|PA
Greensboro|NC
Lincoln|NE
Anchorage|AK
Plano|TX|Dallas
Orlando|FL
Irvine|CA|Los Angeles
Newark|NJ
Durham|NC
Chula Vista|CA|San Diego
Toledo|OH
Fort Wayne|IN
St. Petersburg|FL
Laredo|TX|San Antonio
Jersey City|NJ
Chandler|AZ
Madison|WI
Lubbock|TX|Dallas
Scottsdale|AZ
Reno|NV
Buffalo|NY|Buffalo
Gilbert|AZ
North Las Vegas|NV
Winston-Salem|NC
Chesapeake|VA
Norfolk|VA
Fremont|CA|San Francisco
Garland|TX|Dallas
Irving|TX|Dallas
Hialeah|FL
Richmond|VA
Boise|ID
Spokane|WA
Baton Rouge|LA
Tacoma|WA
San Bernardino|CA|Los Angeles
Modesto|CA|San Francisco
Fontana|CA|Los Angeles
Des Moines|IA
Moreno Valley|CA|Los Angeles
Santa Clarita|CA|Los Angeles
Fayetteville|NC
Birmingham|AL
Oxnard|CA|Los Angeles
Rochester|NY|Buffalo
Port St. Lucie|FL
Grand Rapids|MI
Huntsville|AL
Salt Lake City|UT
Frisco|TX|Dallas
Yonkers|NY|New York City
Amarillo|TX|Dallas
Huntington Beach|CA|Los Angeles
McKinney|TX|Dallas
Montgomery|AL
Augusta|GA
Akron|OH
Little Rock|AR
Tempe|AZ
Overland Park|KS
Grand Prairie|TX|Dallas
Tallahassee|FL
Cape Coral|FL
Mobile|AL
Knoxville|TN
Shreveport|LA
Worcester|MA
Sioux Falls|SD
Chattanooga|TN
Brownsville|TX|Harlingen
Fort Lauderdale|FL
Providence|RI
Newport News|VA
Rancho Cucamonga|CA|Los Angeles
Santa Rosa|CA|San Francisco
Oceanside|CA|San Diego
Elk Grove|CA|San Francisco
Salem|OR
Pembroke Pines|FL
Eugene|OR
Garden Grove|CA|Los Angeles
Cary|NC
Fort Collins|CO
Corona|CA|Los Angeles
Jackson|MS
Alexandria|VA
Hayward|CA|San Francisco
Clarksville|TN
Lakewood|CO
Lancaster|CA|Los Angeles
Salinas|CA|San Francisco
Palmdale|CA|Los Angeles
Macon|GA
Sunnyvale|CA|San Francisco
Pomona|CA|Los Angeles
Killeen|TX|San Antonio
Escondido|CA|San Diego
Pasadena|CA|Los Angeles
Naperville|IL
Bellevue|WA
Joliet|IL
Murfreesboro|TN
Midland|TX|El Paso
Rockford|IL
Paterson|NJ
Savannah|GA
Bridgeport|CT
Torrance|CA|Los Angeles
McAllen|TX|Harlingen
Syracuse|NY|Buffalo
Denton|TX|Dallas
Roseville|CA|San Francisco
Thornton|CO
Miramar|FL
Mesquite|TX|Dallas
Olathe|KS
Dayton|OH
Carrollton|TX|Dallas
Waco|TX|Dallas
Fullerton|CA|Los Angeles
Charleston|SC
West Valley City|UT
Visalia|CA|San Francisco
Coral Springs|FL
Cedar Rapids|IA
Round Rock|TX|San Antonio
Sterling Heights|MI
Columbia|SC
Santa Clara|CA|San Francisco
New Haven|CT
Stamford|CT
Simi Valley|CA|Los Angeles
Topeka|KS
Fargo|ND
Abilene|TX|Dallas
Pearland|TX|Houston
Victorville|CA|Los Angeles
Hartford|CT
Vallejo|CA|San Francisco
Allentown|PA
Berkeley|CA|San Francisco
Arvada|CO
Ann Arbor|MI
Sugar Land|TX|Houston
Lansing|MI
Evansville|IN
College Station|TX|Houston
Clearwater|FL
Beaumont|TX|Houston
Provo|UT
Murrieta|CA|Los Angeles
Palm Bay|FL
El Monte|CA|Los Angeles
Carlsbad|CA|San Diego
Temecula|CA|Los Angeles
Clovis|CA|San Francisco
Costa Mesa|CA|Los Angeles
High Point|NC
Pueblo|CO
Lakeland|FL
Pompano Beach|FL
West Palm Beach|FL
Antioch|CA|San Francisco
Downey|CA|Los Angeles
Lowell|MA
Elgin|IL
Broken Arrow|OK
Miami Gardens|FL
Billings|MT
Sandy Springs|GA
Gresham|OR
Hillsboro|OR
Ventura|CA|Los Angeles
Greeley|CO
Inglewood|CA|Los Angeles
Waterbury|CT
League City|TX|Houston
Santa Maria|CA|Los Angeles
Santa Barbara|CA|Los Angeles
Boulder|CO
Burlington|VT
Portland, Maine|ME
Manchester|NH
Albany|NY|Buffalo
White Plains|NY|New York City
Hempstead|NY|New York City
Trenton|NJ
Elizabeth|NJ
Camden|NJ
Harrisburg|PA
Wilmington|DE
Dover|DE
Annapolis|MD
Frederick|MD
Silver Spring|MD
Greenville|SC
Spartanburg|SC
Gainesville|GA
Dalton|GA
Lumpkin|GA
Ocilla|GA
Folkston|GA
Homestead|FL
Immokalee|FL
Naples|FL
Fort Myers|FL
Key West|FL
San Juan|PR
Las Cruces|NM
Santa Fe|NM
Yuma|AZ
Nogales|AZ
Eloy|AZ
Florence|AZ
Calexico|CA|San Diego
El Centro|CA|San Diego
Adelanto|CA|Los Angeles
Santa Paula|CA|Los Angeles
Del Rio|TX|San Antonio
Eagle Pass|TX|San Antonio
Dilley|TX|San Antonio
Karnes City|TX|San Antonio
Harlingen|TX|Harlingen
Edinburg|TX|Harlingen
Pharr|TX|Harlingen
Conroe|TX|Houston
Galveston|TX|Houston
Ogden|UT
Nampa|ID
Idaho Falls|ID
Postville|IA
Marshalltown|IA
Grand Island|NE
Worthington|MN
Morristown|TN
Gulfport|MS
Biloxi|MS
Lafayette|LA
Lake Charles|LA
Jena|LA
""".strip()

# Cities whose names are also common words, first names or surnames.
AMBIGUOUS_CITIES = frozenset(
    {
        "Mobile",
        "Jackson",
        "Lincoln",
        "Henderson",
        "Madison",
        "Gilbert",
        "Chandler",
        "Irving",
        "Cary",
        "Columbia",
        "Corona",
        "Florence",
        "Elizabeth",
        "Charlotte",
        "Savannah",
        "Providence",
        "Dover",
        "Montgomery",
        "Lowell",
        "Thornton",
        "Augusta",
        "Denton",
        "Frederick",
        "Camden",
        "Downey",
        "Clovis",
        "Homestead",
        "Mesa",
        "Reno",
        "Salem",
        "Eugene",
        "Arlington",
        "Richmond",
        "Lancaster",
        "Rochester",
        "Lafayette",
        "Burlington",
        "Manchester",
        "Naples",
        "Jena",
        "Hayward",
        "Midland",
        "Greenville",
        "Lakewood",
        "Alexandria",
        "Birmingham",
    }
)
