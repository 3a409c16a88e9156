"""Fast scans in places.py against the patterns they stand for."""

from archive_gui.core.extract import places


def test_state_abbreviations_match_the_pattern():
    texts = [
        "arrests in W.Va. and Va. and N.C.",
        "in Calif.",
        "Calif.x Ga.. Ga._ Ga.1 N.C.D.C. S.D.C. Mo.nt. Mont.",
        "Ariz.",
        ".Ga.",
        "alif. W.Va",
    ]
    for text in texts:
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                expected = [m.span() for m in places._STATE_ABBREVIATION.finditer(text, start, end)]
                assert places._state_abbreviations(text, start, end) == expected, (text, start, end)


def test_region_keys_cover_every_region():
    for name in places.MULTI_STATE_REGIONS:
        assert any(key in name for key in places._REGION_KEYS)
