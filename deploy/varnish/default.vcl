vcl 4.1;

# The ANDELIS front cache (Varnish 7.1, Debian's `varnish`). See docs/front-cache.md.
#
# As written, this file serves one gunicorn on 127.0.0.1:8000 and takes purges from
# this machine only. `python deploy/varnish/render.py --backend HOST:PORT ...` writes the
# same file with other backends (several = round-robin) and purgers: it only rewrites
# the blocks between the "BEGIN"/"END" marker comments below.

import directors;
import std;

# BEGIN backends
backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 60s;
}
# END backends

# Who may send PURGE: the app servers (Wagtail's frontend-cache app) and operators.
acl purgers {
    # BEGIN purgers
    "127.0.0.1";
    "::1";
    # END purgers
}

sub vcl_init {
    new app = directors.round_robin();
    # BEGIN director
    app.add_backend(app1);
    # END director
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE not allowed from this address"));
        }
        # Listings paginated or filtered by a query string ("?page=2") are other
        # objects: ban every variant of the path, then purge the URL itself.
        # (A path has no spaces: they arrive percent-encoded.)
        if (!std.ban("obj.http.X-Ban-Path == " + regsub(req.url, "\?.*$", ""))) {
            return (synth(400, std.ban_error()));
        }
        return (purge);
    }

    # Only anonymous reads are cached; anything that writes goes to Django.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # The admin and the paths that answer per visitor or check permissions:
    # Wagtail's admin, Django's admin, the footnotes modal, documents (served by
    # Django, which checks collection privacy), the form-token endpoint, comment posts.
    if (req.url ~ "^/(admin|django-admin|_util|footnotes|documents|formulaires|commentaires)(/|\?|$)") {
        return (pass);
    }

    # A registration's status and cancel pages carry the registrant's token in the
    # path: never stored, whatever the response says.
    if (req.url ~ "/inscription/[^/?]+/") {
        return (pass);
    }

    # A signed-in editor or a visitor with a pending message sees a page of their own.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=" || req.http.Authorization) {
        return (pass);
    }

    # Everything else is the same for every visitor: other cookies (csrftoken,
    # analytics) would only split the cache, and the site has one language.
    unset req.http.Cookie;
    unset req.http.Accept-Language;

    # Campaign parameters do not change a page.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    return (hash);
}

sub vcl_hash {
    # One site per cache: the object is the path and query, whatever Host the visitor
    # (or the TLS proxy) sent, so that Wagtail's purges, sent with the Site's hostname,
    # reach it. Django still refuses hosts outside ALLOWED_HOSTS.
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    # Remembered for bans (see PURGE), removed again before delivery.
    set beresp.http.X-Ban-Path = regsub(bereq.url, "\?.*$", "");

    # Personal answers (registration pages, anything setting a cookie) are never
    # stored; later requests for the URL go to Django too, for two minutes.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Vary == "*"
        || beresp.http.Surrogate-Control ~ "no-store") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    if (beresp.status >= 500) {
        # An error is not kept: the next visitor tries again.
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    if (bereq.url ~ "^/(static|media)/") {
        # Files keep the lifetime their server gives them (hashed static names: a year).
        if (beresp.http.Cache-Control !~ "max-age") {
            set beresp.ttl = 10m;
        }
        set beresp.grace = 1m;
        return (deliver);
    }

    if (beresp.http.Cache-Control ~ "s-maxage") {
        # Django said how long this may be shared: Varnish has set the TTL from it.
    } elsif (bereq.url ~ "^/recherche/") {
        # Search results follow every page and document: nothing purges them by URL.
        set beresp.ttl = 1m;
    } elsif (beresp.status != 200) {
        # Not found, redirects (an editor may add the page or change the redirect).
        set beresp.ttl = 1m;
    } else {
        # Pages are purged when they change. What the clock changes without an edit
        # (an event becoming current or past, registration closing at its deadline)
        # shows within this time.
        set beresp.ttl = 10m;
    }
    # Browsers and proxies downstream keep nothing: they cannot be purged.
    set beresp.http.Cache-Control = "no-cache";
    # An expired page may be served while a fresh copy is fetched (purged ones never).
    set beresp.grace = 30s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    set resp.http.X-Cache-Hits = obj.hits;
    unset resp.http.X-Ban-Path;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    set resp.http.X-Cache = "MISS";
}
