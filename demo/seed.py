"""The 2017 Marseille colloquium, as its public page told it (the seed page the project started from).

Everything a visitor reads here is the seed's own wording: the argument, its
footnotes and the partners' descriptions are copied verbatim (typographic
apostrophes and non-breaking spaces included; the seed's few straight
apostrophes are typographic here too, so titles do not mix both). Titles only
had their capitalisation and missing accents fixed. Nothing in this module touches the
database: ``demo.loader`` turns it into pages, snippets and files.
"""

import datetime


class Html(str):
    """A paragraph that already is HTML (written here, never visitor input)."""


SITE_NAME = "ANDELIS"
CONTACT_EMAIL = "asso.andelis@gmail.com"

HOME = {
    "title": "ANDELIS",
    "slug": "accueil",
    # Only what the seed shows: members are DEIS graduates and social-engineering
    # professionals, and the colloquium aims to make the field known.
    "introduction": [
        "L’ANDELIS rassemble des professionnels de l’ingénierie sociale, notamment des "
        "diplômés du Diplôme d’État d’Ingénierie Sociale (DEIS).",
        "Elle organise des colloques pour faire connaître et reconnaître l’ingénierie "
        "sociale et le DEIS.",
    ],
}

EVENT_INDEX = {
    "title": "Colloques",
    "slug": "colloques",
    "introduction": ["Les colloques organisés par l’ANDELIS et ses partenaires."],
}

PUBLICATION_INDEX = {
    "title": "Publications",
    "slug": "publications",
    "introduction": ["Les argumentaires et les traces des colloques de l’ANDELIS."],
}

VENUE = {
    "name": "Cité des métiers",
    "street_address": "4 rue des Consuls",
    "postal_code": "13002",
    "city": "Marseille",
    # Approximate position of the building, enough for the "Voir la carte" link.
    "latitude": "43.298300",
    "longitude": "5.370600",
    "access_details": "En plein centre de Marseille.",
}

# Speakers, in the order the seed names them on the event page.
HERVE_TREMEAU = "Hervé Trémeau"
ROBERT_LAFORE = "Robert Lafore"
JEAN_ROBERT_ALCARAS = "Jean-Robert Alcaras"
# The seed spells her first name three ways; footnote 1 (her book) has it right.
LAETITIA_NAUD = "Laëtitia Naud"

PEOPLE = [
    {"name": HERVE_TREMEAU, "affiliation": "Président de l’ANDELIS"},
    {"name": ROBERT_LAFORE, "affiliation": ""},
    {"name": JEAN_ROBERT_ALCARAS, "affiliation": ""},
    {"name": LAETITIA_NAUD, "affiliation": ""},
]
EVENT_SPEAKERS = [ROBERT_LAFORE, JEAN_ROBERT_ALCARAS, LAETITIA_NAUD, HERVE_TREMEAU]

# The seed's registration link for the Trophée Direction[s], beside its text.
TROPHY_REGISTRATION_URL = (
    "https://evenium.net/ng/person/event/website.jsf?eventId=pkezbdzj&amp;page=tickets"
    "&amp;loc=fr&amp;justSubmit=false&amp;cid=25014"
)

# Partners: name, alternative text of the generated logo, the seed's description
# paragraphs (verbatim), website. The seed gives no description for the
# organisers nor for AIRe: those stay empty rather than invented.
PARTNERS = [
    {
        "name": "ANDELIS",
        "logo_alt_text": "Logo de l’ANDELIS",
        "description": [],
        "website": "",
    },
    {
        "name": "IMF (Institut méditerranéen de formation et recherche en travail social)",
        "logo_alt_text": "Logo de l’IMF",
        "logo_label": "IMF",
        "description": [],
        "website": "",
    },
    {
        "name": "Collège coopératif PAM (Provence-Alpes-Méditerranée)",
        "logo_alt_text": "Logo du Collège coopératif PAM",
        "logo_label": "Collège coopératif PAM",
        "description": [],
        "website": "",
    },
    {
        "name": "DRDJSCS PACA",
        "logo_alt_text": "Logo de la DRDJSCS PACA",
        "description": [
            "Direction Régionale et Départementale de la Jeunesse, des Sports et de la "
            "Cohésion Sociale Provence Alpes Côte d’Azur",
        ],
        "website": "",
    },
    {
        "name": "Direction[s]",
        "logo_alt_text": "Logo de Direction[s]",
        "description": [
            "Directions.fr : Le site des directeurs et cadres du secteur",
            "Retrouvez sur Directions.fr, site du mensuel Direction[s], la revue des "
            "directeurs d’établissements sociaux et médico-sociaux, l’actualité, les "
            "ressources ...",
            "La remise du Trophée Direction(s), qui récompense l’innovation dans le "
            "secteur, aura lieu le 30 novembre, en début de soirée.",
            Html(
                "Pour vous inscrire : "
                f'<a href="{TROPHY_REGISTRATION_URL}">inscription au Trophée Direction[s] '
                "sur evenium.net</a>"
            ),
            "Trophée Direction[s] - 30 nov. 2017 - Paris",
            "La cérémonie de remise du 13e Trophée Direction[s] vous dévoilera des "
            "initiatives exemplaires, innovantes, remarquables et reproductibles, en "
            "résonance avec les enjeux du secteur. Le prix attribué par les lecteurs du "
            "magazine Direction(s) sera également dévoilé à cette occasion.",
        ],
        "website": "https://www.directions.fr",
    },
    {
        "name": "CRIP (Centre Régional d’Interventions Psychologiques)",
        "logo_alt_text": "Logo du CRIP",
        "logo_label": "CRIP",
        "description": [
            "Il n’y a de valeurs que d’hommes.",
            "Le CRIP, Centre Régional d’Interventions Psychologiques, fut créé en 1989 par "
            "Patrick COHEN. Il est aujourd’hui géré par Martine PINET-COLIN.\u00a0Trois "
            "décennies d’expérience dédiées au secteur sanitaire, social et médico-social, à "
            "la formation des professionnels des établissements et services, depuis 2011 à "
            "l’évaluation externe et depuis 2012 à l’accompagnement à l’insertion "
            "professionnelle des jeunes diplômés via le Programme FAJE.",
        ],
        "website": "",
    },
    {
        "name": "Cité des métiers de Marseille et PACA",
        "logo_alt_text": "Logo de la Cité des métiers de Marseille et PACA",
        "logo_label": "Cité des métiers",
        "description": [
            "Le concept « Cité des Métiers » est né en 1993 au sein de la Cité des Sciences "
            "et de l’Industrie de la Villette à Paris.",
            "il repose sur la volonté de partager et de rendre accessible au plus grand "
            "nombre un maximum d’information sur les métiers, les moyens pour y accéder etc., "
            "selon un principe simple : de nombreux organismes existent et produisent de "
            "l’information, de la documentation, des contenus.",
            "Une Cité des Métiers a vocation à réunir toutes ces ressources, et à en "
            "favoriser l’accès pour tous les publics.",
        ],
        "website": "",
    },
    {
        "name": "La Petite Cordée",
        "logo_alt_text": "Logo de La Petite Cordée",
        "description": [
            "Inspiré de La grande cordée\u00a0de Fernand Deligny , notre\u00a0modèle "
            "d’intervention sociale se fonde sur une vision collective de l’accompagnement, "
            "ouvert sur la société civile et au plus près des réalités vécues par les "
            "individus.",
            "Portée par un collectif de travailleurs sociaux, l’association a pour objet "
            "d’apporter un soutien aux familles ou jeunes majeurs rencontrant des "
            "difficultés, en relais des dispositifs institutionnels (Aide Sociale à "
            "l’Enfance, MLI, Education Nationale…).",
        ],
        "website": "https://lapetitecordee.wordpress.com/",
    },
    {
        "name": "AIRe",
        "logo_alt_text": "Logo de l’AIRe",
        "description": [],
        "website": "",
    },
]

# (partner name, role) in the order of the seed's "Le colloque" section.
EVENT_PARTNERS = [
    ("ANDELIS", "organiser"),
    ("IMF (Institut méditerranéen de formation et recherche en travail social)", "organiser"),
    ("Collège coopératif PAM (Provence-Alpes-Méditerranée)", "organiser"),
    ("DRDJSCS PACA", "supporter"),
    # "Avec le soutien de … du magazine Directions": a supporter, not a media partner.
    ("Direction[s]", "supporter"),
    ("CRIP (Centre Régional d’Interventions Psychologiques)", "supporter"),
    ("Cité des métiers de Marseille et PACA", "supporter"),
    ("La Petite Cordée", "participant"),
    ("AIRe", "participant"),
]

EVENT = {
    "title": "Colloque national sur l’ingénierie sociale",
    "slug": "colloque-2017-marseille",
    "start": (datetime.date(2017, 11, 20), datetime.time(9, 0)),
    "end": (datetime.date(2017, 11, 20), datetime.time(16, 30)),
    "status": "scheduled",
    "listing_summary": (
        "Le premier colloque national sur l’ingénierie sociale, à Marseille, le lundi "
        "20 novembre 2017."
    ),
    "introduction": [
        "ANDELIS, en partenariat avec l’IMF et le Collège coopératif PAM, a organisé à "
        "Marseille le premier colloque national sur l’ingénierie sociale, le lundi "
        "20 novembre 2017.",
    ],
    "is_free": True,
    # From the association's answer to a visitor's comment on the seed page.
    "registration_information": [
        Html(
            "Inscription gratuite par e-mail à "
            '<a href="mailto:asso.andelis@gmail.com">asso.andelis@gmail.com</a>, en '
            "indiquant votre nom et l’organisme que vous représentez, le cas échéant."
        ),
    ],
}

# Generated stand-ins for the files the seed links to. "size" is exactly what the
# seed printed next to each link; the generated PDF is made to that byte count.
POSTER = "poster"
DOCUMENTS = [
    {
        "key": POSTER,
        "title": "Affiche et programme du colloque",
        "filename": "affiche-colloque-v11.pdf",
        "size": "1.66 Mo",
        "heading": "Affiche et programme du colloque",
        "speaker": "ANDELIS, l’IMF et le Collège coopératif PAM",
    },
    {
        "key": "mot-du-president",
        "title": "Mot du président",
        "filename": "mot-du-president.pdf",
        "size": "167.22 Ko",
        "heading": "Le mot du président",
        "speaker": HERVE_TREMEAU,
    },
    {
        "key": "lafore",
        "title": "Compte rendu de l’intervention de Robert Lafore",
        "filename": "cr-intervention-r-lafore.pdf",
        "size": "133.24 Ko",
        "heading": "Évolution des politiques publiques et ingénierie sociale",
        "speaker": ROBERT_LAFORE,
    },
    {
        "key": "naud",
        "title": "Intervention de Laëtitia Naud",
        "filename": "intervention-l-naud.pdf",
        "size": "256.63 Ko",
        "heading": "Ingénierie sociale et recherche : quelles articulations ?",
        "speaker": LAETITIA_NAUD,
    },
    {
        "key": "alcaras",
        "title": "Intervention de Jean-Robert Alcaras",
        "filename": "intervention-jr-alcaras-vf.pdf",
        "size": "286.96 Ko",
        "heading": (
            "L’ingénierie sociale en France : le paradoxe de la pertinence et de l’insuccès"
        ),
        "speaker": JEAN_ROBERT_ALCARAS,
    },
    {
        "key": "deis",
        "title": "Maquette module pro",
        "filename": "maquette-module-pro.pdf",
        "size": "312.73 Ko",
        "heading": "Œuvrer à la professionnalisation du DEIS",
        "speaker": "Les étudiants DEIS",
    },
]

# The seed's "Page01" and "Page02" pictures, regenerated. The programme picture
# lists PROGRAMME below.
EVENT_IMAGES = [
    {
        "key": "affiche",
        "caption": "Affiche du colloque",
        "description": "Affiche du colloque national sur l’ingénierie sociale",
        "filename": "affiche-colloque.png",
        "heading": "Colloque national sur l’ingénierie sociale",
        "lines": [
            "Lundi 20 novembre 2017, de 9h00 à 16h30",
            "Cité des métiers, Marseille",
            "ANDELIS, en partenariat avec l’IMF et le Collège coopératif PAM",
        ],
    },
    {
        "key": "programme",
        "caption": "Programme de la journée",
        "description": "Programme de la journée du 20 novembre 2017",
        "filename": "programme-de-la-journee.png",
        "heading": "Programme de la journée",
        "lines": [],
    },
]

# The programme, reconstructed. The seed's programme was a picture: it only gives
# the day's opening (9h00) and closing (16h30) times and the list of talks, whose
# order follows the seed's list of "traces". No other time is known, so no other
# moment has one (the page then shows none), and no break is shown: the seed names none.
PROGRAMME = [
    {
        "start": datetime.time(9, 0),
        "end": None,
        "kind": "welcome",
        "title": "Accueil des participants",
        "speakers": [],
    },
    {
        "start": None,
        "end": None,
        "kind": "talk",
        "title": "Le mot du président",
        "speakers": [HERVE_TREMEAU],
    },
    {
        "start": None,
        "end": None,
        "kind": "talk",
        "title": "Évolution des politiques publiques et ingénierie sociale",
        "speakers": [ROBERT_LAFORE],
    },
    {
        "start": None,
        "end": None,
        "kind": "talk",
        "title": "Ingénierie sociale et recherche : quelles articulations ?",
        "speakers": [LAETITIA_NAUD],
    },
    {
        "start": None,
        "end": None,
        "kind": "talk",
        "title": ("L’ingénierie sociale en France : le paradoxe de la pertinence et de l’insuccès"),
        "speakers": [JEAN_ROBERT_ALCARAS],
    },
    {
        "start": None,
        "end": None,
        "kind": "talk",
        "title": "Œuvrer à la professionnalisation du DEIS",
        "description": "Les étudiants DEIS",
        "speakers": [],
    },
    {
        "start": None,
        "end": None,
        "kind": "talk",
        "title": "Intervention de La Petite Cordée",
        "speakers": [],
    },
    {
        "start": datetime.time(16, 30),
        "end": None,
        "kind": "closing",
        "title": "Clôture de la journée",
        "speakers": [],
    },
]

ARGUMENT = {
    "title": "Argumentaire du colloque",
    "slug": "argumentaire",
    "subtitle": (
        "INGÉNIERIE SOCIALE\u00a0: considérations sur les contours et les contenus d’un "
        "diplôme et d’une activité en manque de reconnaissance"
    ),
}

# The argument, paragraph by paragraph. "[n]" marks where the seed puts the
# call to footnote n; the loader turns each into a wagtail-footnotes reference.
ARGUMENT_PARAGRAPHS = [
    (
        "Ce colloque s’adresse principalement aux potentiels employeurs ou clients "
        "d’intervenants diplômés en ingénierie sociale, aux travailleurs et intervenants "
        "sociaux, et à toute personne curieuse et désireuse de s’informer sur ce qu’est "
        "l’ingénierie sociale dans le champ de l’action sociale et médico-sociale."
    ),
    (
        "2006-2016\u00a0: Le Diplôme d’État d’Ingénierie Sociale (DEIS) vient de fêter ses dix "
        "ans, mais c’est peu dire que ce diplôme et l’activité qui lui correspond restent "
        "largement méconnus. Les titulaires du DEIS sont, en 2015, à peine plus d’un millier "
        "sur le territoire national[1] et l’effectif des étudiants en formation pour obtenir "
        "ce diplôme accuse, entre 2009 et 2014, une baisse de 33,5%[2]. Quant à l’ingénierie "
        "sociale comme activité, il suffit d’une rapide recherche sur internet pour comprendre "
        "qu’elle est souvent assimilée, positivement ou négativement selon les auteurs, à un "
        "ensemble de techniques visant le contrôle des comportements d’une population-cible. "
        "On est loin de l’ingénierie sociale telle que nous l’entendons ici, à savoir une "
        "démarche de compréhension de la réalité sociale et d’action sur cette réalité, à "
        "travers des propositions, mises en œuvre et évaluations de projets et dispositifs, au "
        "service premier de personnes en difficultés et incluant, autant que possible, ces "
        "personnes."
    ),
    (
        "A l’instar de son prédécesseur, le DSTS[3], le DEIS est un diplôme atypique en ce "
        "sens qu’il ne peut être identifié à un métier unique et spécifique à exercer. Il "
        "renvoie plutôt à un agencement de fonctions - expertise/conseil, "
        "conception/développement, évaluation[4] - qui recoupent plus ou moins celles "
        "pratiquées dans telle ou telle profession (cadre-développeur, cadre-manager, chargé "
        "de mission, conseiller technique, consultant…). De même, la démarche qu’il valide est "
        "une démarche hybride, à la fois de recherche et d’action, qui participe donc "
        "concomitamment à produire de la connaissance dans le champ de l’action "
        "sociale/médico-sociale et à transformer ce champ. On pourra se demander si ce type de "
        "démarche est compatible avec les modes de gestion adoptés par les organisations et "
        "leurs financeurs, ou s’il est ignoré parce que soupçonné d’aller à leur encontre. Dit "
        "autrement, cette nouvelle façon de poser des questions et de penser l’action que "
        "promeut la formation en ingénierie sociale n’est-elle pas en décalage temporel et "
        "financier avec «\u00a0l’urgence gestionnaire qui a envahi l’ensemble du secteur "
        "social et médico-social[5]»\u00a0?"
    ),
    (
        "Pourtant cette formation, lorsqu’elle a été pensée, devait répondre à la nécessité de "
        "former des intervenants du social à mieux appréhender la complexité croissante des "
        "politiques publiques et des dispositifs qui en découlent. Comparé à celles du DSTS, "
        "diplôme de niveau II, les compétences en recherche et en développement de projet du "
        "DEIS, de niveau I, ont été développées. En distinguant et en légitimant, à travers le "
        "DEIS et CAFDES[6], deux fonctions de niveau I, cadre-développeur et cadre-manager, on "
        "pouvait s’attendre à ce que les activités d’analyse, de conceptualisation, de "
        "développement et d’évaluation propres à l’ingénierie sociale, trouvent leur place "
        "dans le champ de l’action sociale/médico-sociale et dans les organisations. Mais "
        "force est de constater que l’intervenant en ingénierie sociale cherche encore sa "
        "place, et l’\u00a0«\u00a0absence d’emplois repérés, de reconnaissance statutaire et "
        "conventionnelle et de prescription des employeurs[7]\u00a0» ne contribuent pas à ce "
        "qu’il la trouve. Le constat est d’autant plus étonnant dans la fonction publique "
        "hospitalière et territoriale, où la question de l’offre de service territoriale "
        "s’avère être aujourd’hui primordiale, et dans les services de l’État, où l’ingénierie "
        "sociale a pu être perçue comme un instrument de leur recomposition[8]. C’est donc "
        "surtout l’ingénierie sociale qui ne trouve pas sa place dans l’action sociale\u00a0: "
        "une des raisons serait-elle que le poids de la répétition dans les institutions "
        "l’emporterait sur l’actualisation innovante de leurs pratiques\u00a0? Que ce soit "
        "pour un État se voulant dorénavant plus animateur qu’unique décideur de politiques "
        "publiques, ou que ce soit pour des organisations soumises à de nouvelles exigences "
        "politico-administratives et financières, le DEIS peut-il répondre à l’attente de "
        "nouvelles compétences et l’ingénierie sociale à un enjeu de renouvellement des "
        "pratiques professionnelles et des projets institutionnels\u00a0?"
    ),
    (
        "Nonobstant ces questionnements et ces difficultés constatées de reconnaissance mais "
        "aussi, tout simplement, de connaissance, l’ingénierie sociale apparaît néanmoins en "
        "phase avec l’évolution des politiques publiques, des modes d’organisation de l’action "
        "sociale et de ses opérateurs[9]. Elle invite les différents secteurs, travail social "
        "en tête, à sortir de leur corporatisme et incite au décloisonnement des pratiques. "
        "Elle permet de prendre en considération, à propos des objets dont elle se saisit et "
        "ce de façon systémique, une pluralité de paramètres\u00a0: relationnels, temporels, "
        "territoriaux, politiques, stratégiques et économiques - même si, sur ce dernier "
        "point, l’aspect gestion financière peut apparaître comme un écueil de la "
        "formation[10]. A l’interface entre de multiples acteurs de natures diverses, elle "
        "contribue à leur mobilisation et, à travers la combinaison de leurs expériences et de "
        "leurs savoirs, à l’apparition de réponses plus appropriées, voire novatrices. Au "
        "final, par sa démarche singulière de mise en dialogue des acteurs d’un territoire, "
        "d’articulation entre approches ascendante et descendante, de co-construction de "
        "projets avec et dans l’intérêt premier des populations directement concernées, "
        "l’ingénierie sociale n’est-elle pas potentiellement porteuse d’un renouveau "
        "démocratique\u00a0?"
    ),
    (
        "Cette journée de réflexion s’attellera donc à tenter de répondre aux quelques "
        "questions qui précèdent, à expliciter pour mieux faire connaître et reconnaître "
        "l’ingénierie sociale et le DEIS, à lever des ambiguïtés sur leurs contours et leurs "
        "contenus, et à interpeller pour lever des blocages et des freins."
    ),
]

# The ten footnotes, in order. Notes 9 and 10 ("op.cit.", "ibid.") are notes of
# their own, not second calls to note 7.
FOOTNOTES = [
    (
        "Selon une estimation de Laëtitia Naud dans son ouvrage Ingénierie sociale et "
        "recherche, un diplôme d’avant-garde\u00a0: le DEIS, Éditions L’Harmattan, 2015."
    ),
    (
        "Chiffre de la DREES dans son bulletin d’informations Études et résultats, n°953, "
        "février 2016."
    ),
    ("Diplôme Supérieur en Travail Social."),
    ("Voir référentiel professionnel du DEIS."),
    (
        "PAQUET Michel, «\u00a0Les ingénieurs sociaux en décalage avec les impératifs "
        "gestionnaires\u00a0», Actualités Sociales Hebdomadaires, n°2835, 2013."
    ),
    (
        "Certificat d’aptitude aux fonctions de directeur d’établissement ou de service "
        "d’intervention sociale."
    ),
    (
        "GESTE René et DUBOUCHET Louis, Évaluation de la réingénierie du Diplôme d’État "
        "d’Ingénierie Sociale, Ministère des Affaires Sociales et de la Santé et Direction "
        "Générale de la Cohésion Sociale, décembre 2013."
    ),
    (
        "Voir le Rapport du groupe de travail sur l’ingénierie sociale, présidé par Annick "
        "Morel, inspectrice générale des Affaires Sociales et publié en 2009."
    ),
    ("GESTE René et DUBOUCHET Louis, op.cit."),
    ("GESTE René et DUBOUCHET Louis, ibid."),
]

PROCEEDINGS = {
    "title": "Traces du colloque",
    "slug": "traces-du-colloque",
    "introduction": [
        "Un grand merci à tous les participants qui ont contribué à la réussite de cette "
        "journée et à la pertinence des débats.",
        "Il ne s’agit pas d’actes au sens strict, mais de traces laissées pour faire mémoire "
        "des interventions, venir y puiser de la richesse :",
    ],
}

# One row per "trace", in the seed's order. "document" is a key of DOCUMENTS.
CONTRIBUTIONS = [
    {
        "title": "Le mot du président",
        "speakers": [HERVE_TREMEAU],
        "document": "mot-du-president",
    },
    {
        "title": "Évolution des politiques publiques et ingénierie sociale",
        "speakers": [ROBERT_LAFORE],
        "document": "lafore",
    },
    {
        "title": "Ingénierie sociale et recherche : quelles articulations ?",
        "speakers": [LAETITIA_NAUD],
        "document": "naud",
    },
    {
        "title": ("L’ingénierie sociale en France : le paradoxe de la pertinence et de l’insuccès"),
        "speakers": [JEAN_ROBERT_ALCARAS],
        "document": "alcaras",
    },
    {
        "title": "Œuvrer à la professionnalisation du DEIS",
        "speaker_label": "Les étudiants DEIS",
        "document": "deis",
    },
    {
        "title": "Intervention de La Petite Cordée",
        "speaker_label": "La Petite Cordée",
        "video_url": "https://lapetitecordee.wordpress.com/",
        "video_label": "sur le site de La Petite Cordée",
    },
]

PRESS_ARTICLES = [
    {
        # The page prints "Tribune, Direction[s]": the magazine is its own field.
        "title": "Tribune",
        "publication": "Direction[s]",
        # The seed's link to the op-ed itself is lost: the magazine's home page is
        # the closest address known to be right.
        "url": "https://www.directions.fr/",
        "published_on": None,
    },
]
