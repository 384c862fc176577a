"""``{% fragment "name" [value …] %}…{% endfragment %}``: a piece of a public page kept in
the cache under a key made of what it shows (core/fragments.py, docs/performance.md).

Like Django's ``{% cache %}``, with the key and the cases that must not use the cache
(previews, POST, no page) decided in one place. The values after the name are added to
the key: anything else the fragment shows that the page and the date do not decide.
"""

from django import template

from core.fragments import fragment_cache, fragment_key, fragment_timeout

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name = name
        self.vary = vary
        self.nodelist = nodelist

    def render(self, context):
        key = fragment_key(context, self.name, [value.resolve(context) for value in self.vary])
        if key is None:
            return self.nodelist.render(context)
        cache = fragment_cache()
        content = cache.get(key)
        if content is None:
            content = self.nodelist.render(context)
            cache.set(key, content, fragment_timeout())
        return content


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a quoted fragment name, then the values it varies on."
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
