"""The three visitor comments of the seed page, approved, with the association's answer.

The seed lists them newest first: "Weislo Emmanuel, Le 16/06/2017" answers marion13's
question of 29/05/2017 (it is the association's reply, shown as such), and an undated
comment by Weislo Emmanuel comes last, so it is not later than 29/05/2017: it is
stored on that day, earlier in it, to keep the order, and shows no date
(``date_known`` is off) since the seed gives none. The seed shows no e-mail address; the demo uses
addresses under the reserved ``.invalid`` domain. No time of day is known: the
times below only keep the order.
"""

import datetime

from comments.models import Comment

PARIS = datetime.timezone(datetime.timedelta(hours=2))  # summer time in 2017

SEED_COMMENTS = [
    {
        "author_name": "Weislo Emmanuel",
        "email": "weislo.emmanuel@andelis.invalid",
        "text": "Quelle belle idée ce colloque. ANDELIS fait désormais partie du paysage.",
        "created_at": datetime.datetime(2017, 5, 29, 9, 0, tzinfo=PARIS),
        "date_known": False,
        "reply": "",
        "reply_author": "",
        "replied_at": None,
    },
    {
        "author_name": "marion13",
        "email": "marion13@example.invalid",
        "text": (
            "Diplômée DEIS en 2016, l'association ANDELIS et son sujet de colloque "
            "m’intéresse beaucoup ! J'espère pouvoir y assister. Faut-il s'inscrire ?"
        ),
        "created_at": datetime.datetime(2017, 5, 29, 18, 0, tzinfo=PARIS),
        "date_known": True,
        "reply": (
            "Oui Marion vous pouvez vous inscrire en envoyant un mail à l'adresse "
            "asso.andelis@gmail.com\n"
            "L'entrée étant gratuite, il suffit de nous indiquer votre nom et l'organisme "
            "que vous représentez, le cas échéant."
        ),
        "reply_author": "Weislo Emmanuel",
        "replied_at": datetime.datetime(2017, 6, 16, 12, 0, tzinfo=PARIS),
    },
]


def load_comments(loader, event):
    """Put the seed's comments back on the event page as shipped (the loader's repair style)."""
    for spec in SEED_COMMENTS:
        values = dict(spec)
        lookup = {
            "page": event,
            "author_name": values.pop("author_name"),
            "text": values.pop("text"),
        }
        loader.snippet(Comment, lookup, status=Comment.Status.APPROVED, **values)
