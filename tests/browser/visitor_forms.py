"""A visitor filling the comment and registration forms, as the browser tests do it."""

import time

TOKEN = "form[data-form-token] input[name=started]"
# form-token.js has filled the token in: the form can be sent.
TOKEN_FILLED = f"() => document.querySelector('{TOKEN}').value !== ''"


def send_comment(page):
    page.get_by_label("Votre nom").fill("Marion")
    page.get_by_label("Votre adresse e-mail").fill("marion@example.org")
    page.get_by_label("Votre commentaire").fill("Les vidéos seront-elles en ligne ?")
    # The tests' FORMS_MIN_SECONDS is 1 (the quick_forms fixtures).
    time.sleep(1.2)
    page.get_by_role("button", name="Envoyer le commentaire").click()
    page.wait_for_load_state()


def send_registration(page):
    page.get_by_label("Nom et prénom").fill("Alice Aubert")
    page.get_by_label("Adresse e-mail").fill("alice@example.org")
    page.get_by_label("J'accepte que l'association").check()
    time.sleep(1.2)
    page.get_by_role("button", name="M'inscrire").click()
    page.wait_for_load_state()
