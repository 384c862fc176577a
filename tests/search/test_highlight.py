"""The Python highlighter used where PostgreSQL's ts_headline is not (SQLite, `make run`)."""

from search.query import highlight, parse_query


def test_matches_are_marked_without_regard_to_accents_or_case():
    html = highlight("Colloque sur l'Ingénierie sociale à Marseille", ["ingenierie", "MARSEILLE"])

    assert html == "Colloque sur l&#x27;<mark>Ingénierie</mark> sociale à <mark>Marseille</mark>"


def test_everything_else_is_escaped():
    html = highlight("<script>alert('ingénierie')</script>", ["ingénierie"])

    assert "<script>" not in html
    assert html == "&lt;script&gt;alert(&#x27;<mark>ingénierie</mark>&#x27;)&lt;/script&gt;"


def test_a_long_text_is_cut_around_the_first_match():
    text = " ".join(["mot"] * 200 + ["hétérotopie"] + ["fin"] * 200)

    html = highlight(text, ["heterotopie"], words=10)

    assert html.startswith("… ")
    assert html.endswith(" …")
    assert "<mark>hétérotopie</mark>" in html
    assert len(html) < 200


def test_no_match_gives_no_snippet():
    assert highlight("Rien à voir.", ["colloque"]) == ""


def test_queries_keep_words_and_quoted_phrases_only():
    parsed = parse_query('ingénierie "travail social" (a | b) <script> ""')

    assert parsed.words == ("ingénierie", "a", "b", "script")
    assert parsed.phrases == ("travail social",)
    assert not parse_query("&& || !! :* <->")
