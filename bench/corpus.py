"""French text for the benchmark, drawn from real French word frequencies.

The vocabulary is ``wordfreq``'s 30,000 most frequent French words, each drawn
with its real frequency (a Zipf distribution: "de" and "la" everywhere,
"sortilège" a few dozen times in the whole corpus). Each document also has a
theme: a few dozen words of the association's field (social work, social
policy) and of the general vocabulary that it uses much more often than
others, and a few set expressions ("travail social", "protection de
l'enfance") that phrase queries can find. Elisions are made the French way
("l'ingénierie", "qu'il"). The result reads like French word salad, with the
word distribution, accents and lengths of real French: what a full-text index
and its ranking care about.

Everything comes from one seeded ``random.Random``: the same seed gives the
same corpus.
"""

import itertools
import random
import unicodedata
from typing import NamedTuple

from wordfreq import top_n_list, word_frequency

VOCABULARY_SIZE = 30_000


def _words(text):
    return text.split()


# Words of the association's field, all in wordfreq's list; each document draws
# its theme partly from here so that queries about the field rank documents.
FIELD_WORDS = _words(
    "ingénierie sociale travail social action politique politiques publique publiques "
    "accompagnement insertion professionnelle protection enfance famille familles handicap "
    "précarité pauvreté exclusion solidarité territoire territoires collectivités département "
    "association associations bénévoles usagers professionnels formation éducateurs "
    "éducation santé mentale logement hébergement emploi jeunesse jeunes vieillesse "
    "dépendance autonomie citoyenneté participation démocratie développement local "
    "économie solidaire innovation expérimentation évaluation diagnostic projet projets "
    "institution institutions établissement établissements médico décentralisation "
    "réforme loi droit droits sociologie intervention interventions colloque colloques "
    "recherche chercheurs université cohésion mixité quartier quartiers migrants "
    "réfugiés discrimination égalité laïcité violence violences prévention addiction"
)

# Set expressions of the field, inserted whole so that phrase queries match.
EXPRESSIONS = (
    "travail social",
    "ingénierie sociale",
    "politiques publiques",
    "protection de l'enfance",
    "action sociale",
    "insertion professionnelle",
    "économie sociale et solidaire",
    "développement social local",
    "santé mentale",
    "aide sociale à l'enfance",
    "lutte contre la pauvreté",
    "accompagnement des personnes",
    "secteur médico-social",
    "participation des usagers",
    "cohésion sociale",
    "égalité des chances",
)

ELIDING = {"le": "l'", "la": "l'", "de": "d'", "que": "qu'", "ne": "n'", "je": "j'"}
VOWELS = set("aeiouyàâäéèêëîïôöùûüœæh")
# Fragments that wordfreq lists as words because it splits elisions.
FRAGMENTS = {"l", "d", "c", "j", "n", "s", "m", "t", "qu", "jusqu", "lorsqu", "puisqu"}

FIRST_NAMES = _words(
    "Laëtitia Hélène Françoise Jérôme Noël Zoé Anaïs Joël Gaëlle Céline Léa Chloé Maël Loïc "
    "Benoît Frédéric Cécile Agnès Jean-François Marie-Hélène Thérèse Raphaël Mathéo Inès "
    "Robert Michel Nathalie Isabelle Pierre Sophie Christophe Sylvie Philippe Catherine "
    "Laurent Valérie Olivier Sandrine Nicolas Véronique Éric Émilie Étienne Clément Aurélie"
)
LAST_NAMES = _words(
    "Lafore Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
    "Laurent Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André "
    "Lefèvre Mercier Dupont Lambert Bonnet François Martinez Légaré Bélanger Gagné Côté "
    "Pelletier Desrosiers Fortin Bouchard Gauthier Lévesque Ménard Thériault Brûlé Hébert "
    "Maréchal Chevalier Béranger Lécuyer Rousseau Barbier Noël Aubé Prévost Jégou"
)

CITIES = _words(
    "Marseille Lyon Toulouse Bordeaux Nantes Lille Rennes Strasbourg Montpellier Grenoble "
    "Rouen Caen Besançon Poitiers Limoges Clermont-Ferrand Orléans Dijon Nancy Metz Reims "
    "Angers Tours Brest Nîmes Perpignan Pau Amiens Valence Chambéry"
)


class Theme(NamedTuple):
    field_words: list
    words: list
    expressions: list


def pdf_safe(text):
    """The text as a standard PDF font (Windows-1252 encoding) can write it."""
    return text.encode("cp1252", "ignore").decode("cp1252")


def _vocabulary(size):
    words, weights = [], []
    for word in top_n_list("fr", size):
        if word in FRAGMENTS or not word.isalpha():
            continue
        if len(word) == 1 and word not in {"à", "a", "y", "ô"}:
            continue
        frequency = word_frequency(word, "fr")
        word = pdf_safe(unicodedata.normalize("NFC", word))
        if word:
            words.append(word)
            weights.append(frequency)
    return words, weights


class FrenchCorpus:
    """Seeded generator of French sentences, paragraphs, pages, titles and names."""

    def __init__(self, seed=2026, vocabulary_size=VOCABULARY_SIZE):
        self.random = random.Random(seed)
        self.words, weights = _vocabulary(vocabulary_size)
        self.cum_weights = list(itertools.accumulate(weights))
        # Mid-frequency words make a document's theme: neither "de" nor hapaxes.
        self.theme_pool = self.words[300:12000]

    # --- Words and sentences ---------------------------------------------------

    def theme(self, size=40):
        """Words a document uses more than the language does, and its expressions."""
        rng = self.random
        field_words = rng.sample(FIELD_WORDS, 12)
        return Theme(
            field_words,
            field_words + rng.sample(self.theme_pool, size - 12),
            rng.sample(EXPRESSIONS, 3),
        )

    def _draw(self, count, theme):
        rng = self.random
        words = rng.choices(self.words, cum_weights=self.cum_weights, k=count)
        if theme:
            theme_words, expressions = theme.words, theme.expressions
            # About one word in eight comes from the theme; one sentence in
            # three or so carries one of the document's set expressions.
            for position in range(rng.randrange(8), count, rng.randint(6, 10)):
                words[position] = rng.choice(theme_words)
            if count > 6 and rng.random() < 0.12:
                words[rng.randrange(count)] = rng.choice(expressions)
        return words

    def sentence(self, theme=None, low=6, high=24):
        rng = self.random
        words = self._draw(rng.randint(low, high), theme)
        out = []
        for word in words:
            if out and out[-1] in ELIDING and len(word) > 1 and word[0] in VOWELS:
                out[-1] = ELIDING[out[-1]] + word
            else:
                out.append(word)
        if len(out) > 8 and rng.random() < 0.5:
            out[rng.randrange(3, len(out) - 3)] += ","
        text = " ".join(out)
        ending = rng.choices((".", ".", ".", " ?", " !", " :", "…"), k=1)[0]
        return text[0].upper() + text[1:] + ending

    def paragraph(self, words, theme=None):
        sentences, total = [], 0
        while total < words:
            sentence = self.sentence(theme)
            sentences.append(sentence)
            total += sentence.count(" ") + 1
        return " ".join(sentences)

    def page(self, words, theme=None):
        """A page of about ``words`` words, in paragraphs separated by blank lines."""
        rng = self.random
        paragraphs, left = [], words
        while left > 0:
            size = min(left, rng.randint(40, 140))
            paragraphs.append(self.paragraph(size, theme))
            left -= size
        return "\n\n".join(paragraphs)

    def document_pages(self, page_count, theme=None):
        """Pages of a talk's document: slides are short, papers long."""
        rng = self.random
        kind = rng.random()
        low, high = (60, 160) if kind < 0.4 else (250, 520) if kind < 0.8 else (120, 380)
        return [self.page(rng.randint(low, high), theme) for _ in range(page_count)]

    # --- Titles and names ------------------------------------------------------

    def title(self, theme):
        """A talk or colloquium title built on its theme: « L'insertion et le territoire : … »."""
        rng = self.random
        expressions = theme.expressions
        first, second, third = rng.sample(theme.field_words, 3)
        pattern = rng.randrange(5)
        if pattern == 0:
            title = f"{rng.choice(expressions)} : {first} et {second}"
        elif pattern == 1:
            title = f"{first}, {second} et {third}"
        elif pattern == 2:
            title = f"Quelle {first} pour {rng.choice(expressions)} ?"
        elif pattern == 3:
            title = f"{rng.choice(expressions)} face à la question : {first}"
        else:
            title = f"{first} et {second} : {self.sentence(theme, 3, 7).rstrip('.?!:… ')}"
        return title[0].upper() + title[1:]

    def person_name(self):
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"

    def city(self):
        return self.random.choice(CITIES)
