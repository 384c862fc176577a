"""The pages a French association site must have: legal notice, privacy notice,
accessibility statement and contact, created by the demo content and linked from
every footer. What is checked is what a visitor (or an editor) reads."""

import html
import io
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings
from wagtail.models import Page
from wagtail.rich_text import RichText

from core.models import SiteSettings, StandardPage
from core.panels import to_fill
from events.models import EventPage
from home.models import HomePage
from publications.models import ArgumentPage, ProceedingsPage

FOOTER_TITLES = [
    "Mentions légales",
    "Politique de confidentialité",
    "Déclaration d’accessibilité",
    "Contact",
]
MAIL_LINK = '<a href="mailto:asso.andelis@gmail.com">asso.andelis@gmail.com</a>'


def load_demo_content():
    call_command("load_demo_content", stdout=io.StringIO())


def text_of(markup):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def main(response):
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def footer_links(response):
    page = response.content.decode()
    footer = page[page.index('<footer class="site-footer">') :]
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer)


class LegalPagesFromTheDemo(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        settings = SiteSettings.load()
        cls.pages = {
            "legal": settings.legal_notice_page.specific,
            "privacy": settings.privacy_page.specific,
            "accessibility": settings.accessibility_page.specific,
            "contact": settings.contact_page.specific,
        }

    def visit(self, key):
        response = self.client.get(self.pages[key].url)
        self.assertEqual(response.status_code, 200)
        return response

    def test_every_footer_links_the_four_pages_in_order(self):
        expected = [(page.url, page.title) for page in self.pages.values()]
        self.assertEqual([title for _url, title in expected], FOOTER_TITLES)
        others = [HomePage, EventPage, ArgumentPage, ProceedingsPage]
        urls = [model.objects.get().url for model in others]
        urls += [page.url for page in self.pages.values()]
        for url in urls:
            with self.subTest(url=url):
                links = footer_links(self.client.get(url))
                self.assertEqual([link for link in links if link in expected], expected)

    def test_they_are_plain_pages_under_the_home_page_out_of_the_menu(self):
        home = HomePage.objects.get()
        for page in self.pages.values():
            self.assertIsInstance(page, StandardPage)
            self.assertEqual(page.get_parent().pk, home.pk)
            self.assertFalse(page.show_in_menus)
            self.assertTrue(page.live)
        menu = self.client.get(home.url).content.decode()
        menu = menu[menu.index('<header class="site-header">') : menu.index("</header>")]
        for title in FOOTER_TITLES:
            self.assertNotIn(title, html.unescape(menu))

    def test_legal_notice_names_the_association_and_flags_what_only_it_knows(self):
        body = main(self.visit("legal"))
        text = text_of(body)
        self.assertIn("Ce site est publié par l’ANDELIS", text)
        self.assertIn(MAIL_LINK, body)
        for heading in [
            "Éditeur du site",
            "Directeur ou directrice de la publication",
            "Hébergeur",
        ]:
            self.assertIn(heading, text)
        self.assertEqual(
            to_fill(body),
            [
                "[à compléter par l’association : forme juridique (par exemple : association "
                "déclarée selon la loi du 1er juillet 1901) et numéro RNA ou SIRET]",
                "[à compléter par l’association : adresse du siège]",
                "[à compléter par l’association : nom et fonction dans l’association]",
                "[à compléter par l’association : nom, adresse et numéro de téléphone de "
                "l’hébergeur du site]",
            ],
        )

    def test_privacy_notice_says_what_is_kept_why_and_for_the_configured_months(self):
        text = text_of(main(self.visit("privacy")))
        self.assertIn("Inscription à un colloque", text)
        self.assertIn(
            "Votre nom, votre adresse e-mail, votre organisme et, si le formulaire les "
            "demande, votre fonction et vos besoins d’accessibilité.",
            text,
        )
        self.assertIn("6 mois après la fin du colloque, puis ces données sont effacées.", text)
        self.assertIn("Commentaire sous une page", text)
        self.assertIn("6 mois après le commentaire, puis l’adresse e-mail est effacée.", text)
        self.assertIn("réclamation à la CNIL", text)
        self.assertIn(
            'href="https://www.cnil.fr/fr/plaintes"', self.visit("privacy").content.decode()
        )
        self.assertIn("ne dépose aucun cookie", text)

    def test_privacy_notice_follows_the_retention_settings_at_once(self):
        self.visit("privacy")  # cached with the default months
        with override_settings(REGISTRATION_RETENTION_MONTHS=13, COMMENTS_EMAIL_RETENTION_MONTHS=2):
            text = text_of(main(self.visit("privacy")))
        self.assertIn("13 mois après la fin du colloque", text)
        self.assertIn("2 mois après le commentaire", text)
        self.assertNotIn("6 mois", text)

    def test_accessibility_statement_is_honest_about_its_conformity(self):
        response = self.visit("accessibility")
        text = text_of(main(response))
        self.assertIn("est non conforme au RGAA 4.1, faute d’audit", text)
        self.assertIn("aucun audit de conformité au RGAA n’a été réalisé", text)
        self.assertNotIn("partiellement conforme", text)
        self.assertNotIn("totalement conforme", text)
        for fact in [
            "Nu Html Checker du W3C : aucune erreur",
            "axe-core : aucune violation",
            "Cette déclaration a été établie le 6 décembre 2026.",
            "Technologies utilisées pour la réalisation du site : HTML5, CSS, JavaScript.",
            "Voies de recours",
            "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07",
        ]:
            self.assertIn(fact, text)
        self.assertEqual(main(response).count(MAIL_LINK), 2)
        self.assertContains(response, 'href="https://formulaire.defenseurdesdroits.fr/"')

    def test_contact_gives_the_seeds_address_and_invents_no_other(self):
        response = self.visit("contact")
        body = main(response)
        self.assertIn(MAIL_LINK, body)
        self.assertEqual(to_fill(body), ["[à compléter par l’association : adresse postale]"])
        self.assertNotIn("tel:", body)

    def test_the_editor_sees_what_is_left_to_fill_in_above_the_form(self):
        admin = get_user_model().objects.create_superuser("admin", "admin@example.invalid", "x")
        self.client.force_login(admin)
        response = self.client.get(f"/admin/pages/{self.pages['legal'].pk}/edit/")
        self.assertEqual(response.status_code, 200)
        text = text_of(response.content.decode())
        self.assertIn("Cette page contient 4 passages entre crochets", text)
        self.assertIn("[à compléter par l’association : adresse du siège]", text)
        response = self.client.get(f"/admin/pages/{self.pages['privacy'].pk}/edit/")
        self.assertIn(
            "Cette page contient 1 passage entre crochets", text_of(response.content.decode())
        )
        # Once every mark is replaced, the panel is gone.
        contact = self.pages["contact"]
        contact.body = [
            ("paragraph", RichText("<p>ANDELIS, 1 rue de l’Exemple, 13002 Marseille.</p>"))
        ]
        contact.save_revision().publish()
        response = self.client.get(f"/admin/pages/{contact.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("À compléter par l", html.unescape(response.content.decode()))

    def test_a_second_run_leaves_the_associations_edits_and_choices_alone(self):
        legal = self.pages["legal"]
        legal.introduction = "Notre propre texte."
        legal.save_revision().publish()
        other = self.pages["contact"].copy(
            update_attrs={"slug": "nous-ecrire", "title": "Nous écrire"}
        )
        settings = SiteSettings.load()
        settings.contact_page = other
        settings.save()
        pages_before = Page.objects.count()

        load_demo_content()

        self.assertEqual(Page.objects.count(), pages_before)
        self.assertEqual(StandardPage.objects.get(pk=legal.pk).introduction, "Notre propre texte.")
        self.assertEqual(SiteSettings.load().contact_page_id, other.pk)
