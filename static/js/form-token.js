/*
 * Visitors' forms (comments, registration): fetch each form's single-use token.
 *
 * The page is the same for every visitor (a front cache serves it), so its
 * hidden "started" field is empty. When the page loads, and again when the
 * browser shows it from its back/forward cache (the token may have been spent),
 * this asks the site for a fresh token: GET data-form-token -> {"token": "..."}.
 * Without JavaScript the server answers the first post with the form, the text
 * kept, and a token of its own; the second post goes through.
 * See core/forms_protection.py.
 */
(function () {
    "use strict";

    function fill(form) {
        var url = form.getAttribute("data-form-token");
        var input = form.querySelector('input[name="started"]');
        if (!url || !input || !window.fetch) {
            return;
        }
        window.fetch(url, {
            method: "GET",
            credentials: "omit",
            cache: "no-store",
            headers: { Accept: "application/json" }
        }).then(function (response) {
            return response.ok ? response.json() : null;
        }).then(function (data) {
            if (data && typeof data.token === "string") {
                input.value = data.token;
            }
        }).catch(function () {
            // The server embeds a token in its answer to a post without one.
        });
    }

    function fillAll() {
        var forms = document.querySelectorAll("form[data-form-token]");
        for (var i = 0; i < forms.length; i += 1) {
            fill(forms[i]);
        }
    }

    fillAll();
    window.addEventListener("pageshow", function (event) {
        if (event.persisted) {
            fillAll();
        }
    });
}());
