// Plain cmark-gfm over every Markdown body of a site in one process, parsed and rendered as Harigami calls it.
//
// Usage: cmark-bodies FILE > /dev/null, or cmark-bodies --version
// FILE holds the bodies separated by NUL bytes (Markdown text never holds one). Each body gets a parser of its own,
// as each page does in Harigami (CmarkTree.swift): the same parse and render options, the same four extensions.
// The HTML goes to standard output; the count of bodies and of HTML bytes to standard error.

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const extension_names[] = {"table", "strikethrough", "autolink", "tagfilter"};

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("cmark-gfm %s\n", cmark_version_string());
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE-OF-NUL-SEPARATED-BODIES\n", argv[0]);
        return 2;
    }
    FILE *input = fopen(argv[1], "rb");
    if (input == NULL) {
        perror(argv[1]);
        return 1;
    }
    if (fseek(input, 0, SEEK_END) != 0) {
        perror(argv[1]);
        return 1;
    }
    long size = ftell(input);
    rewind(input);
    char *text = malloc(size > 0 ? (size_t)size : 1);
    if (text == NULL || size < 0 || fread(text, 1, (size_t)size, input) != (size_t)size) {
        fprintf(stderr, "%s: could not read %ld bytes\n", argv[1], size);
        return 1;
    }
    fclose(input);

    cmark_gfm_core_extensions_ensure_registered();
    size_t bodies = 0, html_bytes = 0;
    const char *cursor = text, *end = text + size;
    while (cursor < end) {
        const char *stop = memchr(cursor, '\0', (size_t)(end - cursor));
        if (stop == NULL) stop = end;
        cmark_parser *parser = cmark_parser_new(CMARK_OPT_UNSAFE | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE);
        for (size_t index = 0; index < sizeof extension_names / sizeof *extension_names; index++) {
            cmark_syntax_extension *extension = cmark_find_syntax_extension(extension_names[index]);
            if (extension == NULL) {
                fprintf(stderr, "cmark-gfm has no %s extension\n", extension_names[index]);
                return 1;
            }
            cmark_parser_attach_syntax_extension(parser, extension);
        }
        cmark_parser_feed(parser, cursor, (size_t)(stop - cursor));
        cmark_node *document = cmark_parser_finish(parser);
        char *html = cmark_render_html(document, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser));
        size_t length = strlen(html);
        if (fwrite(html, 1, length, stdout) != length) {
            perror("standard output");
            return 1;
        }
        html_bytes += length;
        bodies += 1;
        free(html);
        cmark_node_free(document);
        cmark_parser_free(parser);
        cursor = stop + 1;
    }
    free(text);
    if (fflush(stdout) != 0) {
        perror("standard output");
        return 1;
    }
    fprintf(stderr, "%zu bodies, %zu bytes of HTML\n", bodies, html_bytes);
    return 0;
}
