"""The 50 queries the benchmark times, fixed so that runs compare.

Each is ``(kind, query)``. Frequencies are those of the generated corpus
(``bench/corpus.py``): "common" words occur in nearly every document, "field"
words in many, "rare" words (the tail of wordfreq's 30,000-word list) in a
few dozen pages of the whole archive, and the last ones nowhere.
"""

QUERIES = [
    # Common words, with and without their accents.
    ("common", "travail"),
    ("common", "politique"),
    ("common", "société"),
    ("common-unaccented", "societe"),
    ("common", "éducation"),
    ("common-unaccented", "education"),
    ("common", "santé"),
    ("common-unaccented", "sante"),
    # Words of the association's field; stemming ("colloques" finds "colloque").
    ("field", "ingénierie"),
    ("field-unaccented", "ingenierie"),
    ("field", "précarité"),
    ("field-unaccented", "precarite"),
    ("field", "laïcité"),
    ("field-unaccented", "laicite"),
    ("field", "solidarité"),
    ("field", "handicap"),
    ("field", "colloques"),
    ("field", "décentralisation"),
    # Rare words.
    ("rare", "sortilège"),
    ("rare-unaccented", "sortilege"),
    ("rare", "superstitions"),
    ("rare", "taquiner"),
    ("rare", "sucreries"),
    ("rare", "surcoût"),
    ("rare-unaccented", "surcout"),
    ("rare", "tarifaires"),
    # Names of people and places.
    ("name", "Laëtitia"),
    ("name-unaccented", "Laetitia"),
    ("name", "Lévesque"),
    ("name", "Marseille 2017"),
    # Pairs of words (both required).
    ("pair", "travail social"),
    ("pair", "ingénierie sociale"),
    ("pair-unaccented", "ingenierie sociale"),
    ("pair", "protection enfance"),
    ("pair", "santé mentale"),
    ("pair", "insertion professionnelle"),
    ("pair", "logement précarité"),
    ("pair", "jeunes migrants"),
    ("pair", "sortilège politique"),
    ("three-words", "économie sociale solidaire"),
    # Phrases between double quotes.
    ("phrase", '"travail social"'),
    ("phrase", '"protection de l\'enfance"'),
    ("phrase", '"politiques publiques"'),
    ("phrase-unaccented", '"economie sociale et solidaire"'),
    ("phrase", '"aide sociale à l\'enfance"'),
    ("phrase+word", '"santé mentale" jeunes'),
    # Nothing matches.
    ("none", "anticonstitutionnellement"),
    ("none", "xylophonistes"),
    ("none", '"enfance travail ingénierie"'),
    ("none", "ingénierie sortilège tarifaires"),
]
