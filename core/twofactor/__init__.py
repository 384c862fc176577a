"""Two-factor authentication for admin accounts, on django-otp.

After Wagtail's password step, an account with a confirmed authenticator app
is asked for its 6-digit code or one of its single-use recovery codes; an
account that must have one (``policy.two_factor_required``) and has none is
sent to enrolment. Until then ``middleware.TwoFactorMiddleware`` lets it reach
only those pages and logging out. See docs/security.md.
"""
