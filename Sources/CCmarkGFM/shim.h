// The cmark-gfm core and its GFM extensions (tables, strikethrough, autolink, tagfilter).
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
