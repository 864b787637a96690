"""Small markup fixes to Material's templates, applied to each built page.

Material 9.8 gives its search dialog no accessible name (axe-core: aria-dialog-name). Adding
the attribute here avoids copying and maintaining a whole template partial.
"""

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def on_post_page(output, page, config, **kwargs):
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">')
