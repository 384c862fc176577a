"""What the publications app adds to pages of the apps below it."""

from wagtail import hooks

from publications.talks import programme_traces

hooks.register("andelis_programme_traces", programme_traces)
