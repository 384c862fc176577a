/*
 * The "Citer" box of a talk's page: a button that copies the formatted reference.
 *
 * Progressive enhancement: without JavaScript, or without the Clipboard API (a page
 * not served over HTTPS), there is no button and the reference is selected by hand.
 * The copy keeps the italics where the browser accepts HTML (ClipboardItem), else
 * plain text. See publications/citations.py.
 */
(function () {
    "use strict";

    if (!navigator.clipboard || !window.isSecureContext) {
        return;
    }

    function copy(source) {
        var text = source.innerText.trim();
        if (window.ClipboardItem && navigator.clipboard.write) {
            var item = new window.ClipboardItem({
                "text/plain": new Blob([text], { type: "text/plain" }),
                "text/html": new Blob([source.innerHTML.trim()], { type: "text/html" })
            });
            return navigator.clipboard.write([item]).catch(function () {
                return navigator.clipboard.writeText(text);
            });
        }
        return navigator.clipboard.writeText(text);
    }

    document.querySelectorAll("[data-copy-citation]").forEach(function (box) {
        var source = document.getElementById(box.getAttribute("data-copy-citation"));
        if (!source) {
            return;
        }
        var button = document.createElement("button");
        var status = document.createElement("p");
        button.type = "button";
        button.className = "cite__copy";
        button.textContent = "Copier la référence";
        status.className = "cite__status";
        status.setAttribute("role", "status");
        button.addEventListener("click", function () {
            status.textContent = "";
            copy(source).then(function () {
                status.textContent = "Référence copiée.";
            }, function () {
                status.textContent = "La copie n’a pas fonctionné : sélectionnez la référence pour la copier.";
            });
        });
        box.appendChild(button);
        box.appendChild(status);
    });
}());
