"""Logins held against guessing: every login and password form is throttled.

- ``lockout``: the French answer of a locked-out login, on the login page itself;
- ``restrictions``: the page and collection password forms, throttled per
  (restriction, client address) through django-axes like the user logins;
- ``password_reset``: the admin's "Mot de passe oublié ?" form, rate-limited;
- ``views``: the administrators' list of current lockouts, and unlocking.

See docs/security.md.
"""
