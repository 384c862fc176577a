"""A small labelled set to measure the search's precision and recall (docs/search.md).

Each talk's document has two or three sentences on one topic; each query lists
the talks a person typing it wants. Typing mistakes are labelled too: the
shipped search (no typo tolerance) is expected to miss them.
"""

TALKS = {
    "quartiers": "Le développement social local dans les quartiers prioritaires. Les centres sociaux "
    "accompagnent les familles et les associations de proximité.",
    "participation": "La participation des habitants aux politiques de la ville. Les conseils "
    "citoyens donnent la parole aux résidents.",
    "enfance": "L'ingénierie de projet en protection de l'enfance. Les équipes éducatives "
    "construisent un projet pour chaque enfant accueilli.",
    "evaluation": "Évaluation des politiques publiques et choix des indicateurs. Mesurer les "
    "effets d'une action demande du temps.",
    "ruralite": "Les territoires ruraux et l'accès aux droits. Les permanences itinérantes "
    "vont au-devant des personnes isolées.",
    "benevolat": "Gouvernance associative et bénévolat. Les bénévoles et les salariés "
    "partagent les décisions du conseil d'administration.",
    "deis": "Formation des travailleurs sociaux : le diplôme d'État d'ingénierie sociale. "
    "Dix promotions ont suivi le cursus.",
    "insertion": "Insertion professionnelle des jeunes sans qualification. Les missions "
    "locales proposent un accompagnement renforcé.",
    "domicile": "Vieillissement, autonomie et aide à domicile. Les services d'aide soutiennent "
    "les personnes âgées chez elles.",
    "ess": "Économie sociale et solidaire : les coopératives d'activité. Les entrepreneurs "
    "salariés mutualisent leurs moyens.",
    "recherche": "Laëtitia Naud présente une recherche-action en travail social menée avec "
    "des praticiens.",
    "mediation": "Médiation interculturelle et migrations. Les médiateurs facilitent le "
    "dialogue entre les familles et les institutions.",
}

QUERIES = {
    "habitants": {"participation"},
    "habitant": {"participation"},
    "ingenierie": {"enfance", "deis"},
    "Ingénierie sociale": {"deis"},
    "evaluation": {"evaluation"},
    "territoire rural": {"ruralite"},
    "benevoles": {"benevolat"},
    "jeunes insertion": {"insertion"},
    "autonomie": {"domicile"},
    "cooperatives": {"ess"},
    "Laetitia": {"recherche"},
    "migration": {"mediation"},
    "familles": {"quartiers", "mediation"},
    "politiques": {"participation", "evaluation"},
    '"travail social"': {"recherche"},
    "personnes âgées": {"domicile"},
}

TYPO_QUERIES = {
    "particpation": {"participation"},
    "ingeniere": {"enfance", "deis"},
    "coperatives": {"ess"},
    "vieillisement": {"domicile"},
    "mediaton": {"mediation"},
    "benevolt": {"benevolat"},
}


def precision_recall(found_by_query, labels):
    """Micro-averaged precision and recall of ``found_by_query`` against ``labels``."""
    retrieved = relevant = correct = 0
    for query, expected in labels.items():
        found = found_by_query[query]
        retrieved += len(found)
        relevant += len(expected)
        correct += len(found & expected)
    return (correct / retrieved if retrieved else 1.0), correct / relevant
