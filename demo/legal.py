"""The pages a French association's site must have: legal notice, privacy notice,
accessibility statement, contact.

Only what is known is stated: the association's name and e-mail address come
from the seed page; what the seed does not give (the registered office, the
director of publication, the host, a postal address) is left as a visible
"[à compléter par l'association : …]" mark, which the page's admin form lists
(``core.panels.ToFillPanel``). The privacy notice's durations are not typed here:
its ``personal_data`` block reads them from the settings when the page is shown.

The loader creates a page that is missing and never rewrites one that exists:
once created, these pages are the association's to complete.
"""

from demo.seed import CONTACT_EMAIL, SITE_NAME

MAIL = f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>'


def to_fill(what):
    return f"[à compléter par l’association\u00a0: {what}]"


# The day the checks the accessibility statement reports were run on the site.
ACCESSIBILITY_CHECKED_ON = "6 décembre 2026"

# Each page: its SiteSettings field, title, slug, introduction, and body blocks as
# ("heading", text), ("paragraph", html) or ("personal_data", None).
LEGAL_NOTICE = {
    "setting": "legal_notice_page",
    "title": "Mentions légales",
    "slug": "mentions-legales",
    "introduction": "Qui publie ce site et qui l’héberge.",
    "body": [
        ("heading", "Éditeur du site"),
        (
            "paragraph",
            f"<p>Ce site est publié par l’{SITE_NAME}, "
            + to_fill(
                "forme juridique (par exemple\u00a0: association déclarée selon la loi du "
                "1er juillet 1901) et numéro RNA ou SIRET"
            )
            + ".</p>"
            + f"<p>Siège\u00a0: {to_fill('adresse du siège')}.</p>"
            + f"<p>Adresse e-mail\u00a0: {MAIL}</p>",
        ),
        ("heading", "Directeur ou directrice de la publication"),
        ("paragraph", f"<p>{to_fill('nom et fonction dans l’association')}.</p>"),
        ("heading", "Hébergeur"),
        (
            "paragraph",
            f"<p>{to_fill('nom, adresse et numéro de téléphone de l’hébergeur du site')}.</p>",
        ),
        ("heading", "Données personnelles et accessibilité"),
        (
            "paragraph",
            "<p>Ce que le site conserve de ses visiteurs et comment exercer vos droits\u00a0: "
            "voir la politique de confidentialité. L’état d’accessibilité du site\u00a0: voir "
            "la déclaration d’accessibilité. Toutes deux sont liées en bas de chaque "
            "page.</p>",
        ),
    ],
}

PRIVACY = {
    "setting": "privacy_page",
    "title": "Politique de confidentialité",
    "slug": "confidentialite",
    "introduction": (
        "Ce que le site conserve de vous quand vous vous inscrivez à un colloque ou "
        "commentez une page, pourquoi, combien de temps, et comment exercer vos droits."
    ),
    "body": [
        ("heading", "Responsable du traitement"),
        (
            "paragraph",
            f"<p>L’{SITE_NAME}, {to_fill('adresse du siège')}, joignable à l’adresse {MAIL}.</p>",
        ),
        ("heading", "Ce que les formulaires conservent"),
        ("personal_data", None),
        (
            "paragraph",
            "<p>Base légale\u00a0: votre consentement, donné en envoyant le formulaire. Vous "
            "pouvez le retirer à tout moment en nous écrivant.</p>"
            "<p>Seules les personnes de l’association chargées des inscriptions et de la "
            "relecture des commentaires y ont accès, depuis l’administration du site. Le "
            "site ne les transmet à personne, en dehors de l’envoi des e-mails qui "
            "confirment une inscription.</p>"
            "<p>Pour protéger les formulaires des envois automatiques, le site compte "
            "pendant quelques minutes les envois venus de chaque adresse IP\u00a0; ce compteur "
            "n’est pas enregistré avec vos réponses et s’efface de lui-même.</p>",
        ),
        ("heading", "Cookies et mesure d’audience"),
        (
            "paragraph",
            "<p>Le site ne dépose aucun cookie chez ses visiteurs et ne mesure pas son "
            "audience. Seuls les membres de l’association qui se connectent à "
            "l’administration du site reçoivent un cookie de connexion.</p>",
        ),
        ("heading", "Vos droits"),
        (
            "paragraph",
            "<p>Vous pouvez demander à consulter, corriger ou effacer les données qui vous "
            "concernent, vous opposer à leur utilisation, en demander la limitation ou "
            f"une copie\u00a0: écrivez à {MAIL}. L’association doit vous répondre dans un "
            "délai d’un mois.</p>"
            "<p>Si vous estimez, après nous avoir écrit, que vos droits ne sont pas "
            "respectés, vous pouvez adresser une réclamation à la CNIL (Commission "
            "nationale de l’informatique et des libertés)\u00a0: "
            '<a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr/fr/plaintes</a>.</p>',
        ),
    ],
}

ACCESSIBILITY = {
    "setting": "accessibility_page",
    "title": "Déclaration d’accessibilité",
    "slug": "accessibilite",
    "introduction": (
        f"L’{SITE_NAME} veut que son site puisse être utilisé par toutes et tous, "
        "notamment avec un lecteur d’écran, au clavier ou avec un fort agrandissement."
    ),
    "body": [
        (
            "paragraph",
            f"<p>Cette déclaration d’accessibilité s’applique au site de l’{SITE_NAME}, "
            f"{to_fill('adresse du site')}. Elle suit "
            "le modèle du référentiel général d’amélioration de l’accessibilité (RGAA), "
            "version 4.1.</p>",
        ),
        ("heading", "État de conformité"),
        (
            "paragraph",
            f"<p>Le site de l’{SITE_NAME} est <strong>non conforme</strong> au RGAA 4.1, "
            "faute d’audit\u00a0: aucun audit de conformité au RGAA n’a été réalisé. Le RGAA "
            "déclare non conforme tout site qui n’a pas de résultat d’audit en cours de "
            "validité, quels que soient ses autres résultats.</p>",
        ),
        ("heading", "Vérifications faites"),
        (
            "paragraph",
            "<p>Sans remplacer un audit, ces vérifications sont refaites à chaque "
            "modification du logiciel du site, sur chaque type de page (accueil, "
            "colloques, argumentaire, traces, publications, recherche, pages "
            "d’information)\u00a0:</p>"
            "<ul>"
            "<li>validation du code HTML par le Nu Html Checker du W3C\u00a0: aucune erreur\u00a0;</li>"
            "<li>contrôle automatique par axe-core\u00a0: aucune violation\u00a0;</li>"
            "<li>relecture de chaque type de page à 1366 et à 390 pixels de large.</li>"
            "</ul>"
            "<p>Ces outils ne repèrent qu’une partie des défauts possibles.</p>",
        ),
        ("heading", "Contenus non accessibles"),
        (
            "paragraph",
            "<ul>"
            "<li>Les documents PDF des interventions sont publiés tels que les "
            "intervenants les ont fournis\u00a0: leur accessibilité n’a pas été vérifiée.</li>"
            "<li>Les formulaires d’inscription et de commentaire demandent que JavaScript "
            "soit activé\u00a0: il sert à les protéger des envois automatiques.</li>"
            "</ul>"
            f"<p>Pour obtenir un contenu sous une autre forme, écrivez à {MAIL}.</p>",
        ),
        ("heading", "Établissement de cette déclaration"),
        (
            "paragraph",
            f"<p>Cette déclaration a été établie le {ACCESSIBILITY_CHECKED_ON}.</p>"
            "<p>Technologies utilisées pour la réalisation du site\u00a0: HTML5, CSS, "
            "JavaScript.</p>"
            "<p>Environnement de test\u00a0: le navigateur Chromium, avec axe-core et le Nu "
            "Html Checker.</p>",
        ),
        ("heading", "Retour d’information et contact"),
        (
            "paragraph",
            "<p>Si vous n’arrivez pas à accéder à un contenu ou à un service du site, "
            f"écrivez à {MAIL}\u00a0: nous vous indiquerons une autre façon d’y accéder ou "
            "vous enverrons le contenu sous une autre forme.</p>",
        ),
        ("heading", "Voies de recours"),
        (
            "paragraph",
            "<p>Si vous nous avez signalé un défaut d’accessibilité qui vous empêche "
            "d’accéder à un contenu ou à un service du site et que notre réponse ne vous "
            "satisfait pas, vous pouvez saisir le Défenseur des droits\u00a0:</p>"
            "<ul>"
            '<li>par son <a href="https://formulaire.defenseurdesdroits.fr/">formulaire '
            "en ligne</a>\u00a0;</li>"
            '<li>auprès de <a href="https://www.defenseurdesdroits.fr/saisir/delegues">son '
            "délégué ou sa déléguée dans votre région</a>\u00a0;</li>"
            "<li>par courrier postal, gratuit, sans timbre\u00a0: Défenseur des droits, Libre "
            "réponse 71120, 75342 Paris CEDEX 07.</li>"
            "</ul>",
        ),
    ],
}

CONTACT = {
    "setting": "contact_page",
    "title": "Contact",
    "slug": "contact",
    "introduction": f"Pour joindre l’{SITE_NAME}, le plus simple est de lui écrire.",
    "body": [
        ("heading", "Par e-mail"),
        ("paragraph", f"<p>{MAIL}</p>"),
        ("heading", "Par courrier"),
        ("paragraph", f"<p>{to_fill('adresse postale')}.</p>"),
        (
            "paragraph",
            "<p>La même adresse e-mail sert à exercer vos droits sur vos données "
            "personnelles et à signaler un défaut d’accessibilité du site.</p>",
        ),
    ],
}

PAGES = [LEGAL_NOTICE, PRIVACY, ACCESSIBILITY, CONTACT]
