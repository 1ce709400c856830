# The benchmark's large site: the shipped Content/ with its examples copied verbatim into new categories.
#
# Copy number K is one new category, examples-copy-K, holding every shipped example in both languages under
# the slug CATEGORY-SLUG (time-binding-phone, ...), byte for byte: real Japanese and English text, soft breaks,
# content variables and links to the shipped pages as the authors wrote them. Its categories.yml entry is a
# shipped category's entry (taken in turn) with the new id; the English source-hash stays valid because neither
# the Japanese text nor the body changes. The shipped pages, posters and categories stay, so every link resolves.

import math
import os
import re
import shutil

CATEGORY_PREFIX = "examples-copy-"


def shipped_examples(content):
    """(category, slug) of every shipped example that has a Japanese page, sorted."""
    folder = os.path.join(content, "examples")
    found = []
    for category in sorted(os.listdir(folder)):
        for name in sorted(os.listdir(os.path.join(folder, category))):
            if name.endswith(".ja.md"):
                found.append((category, name.removesuffix(".ja.md")))
    return found


def category_entries(text):
    """categories.yml split into its top-level entries, each the exact text from its `- id:` line on."""
    starts = [match.start() for match in re.finditer(r"^- id: ", text, re.MULTILINE)]
    if not starts or text[:starts[0]].strip():
        raise ValueError("categories.yml does not start with a `- id:` entry")
    return [text[start:end] for start, end in zip(starts, starts[1:] + [len(text)])]


def markdown_pages(content):
    """Every Markdown file of the tree, relative to it, sorted."""
    pages = []
    for folder, _, names in os.walk(content):
        pages += [os.path.relpath(os.path.join(folder, name), content) for name in names if name.endswith(".md")]
    return sorted(pages)


def copies_for(shipped_root, pages):
    """How many copies bring the site nearest to `pages` pages (at least one)."""
    content = os.path.join(shipped_root, "Content")
    base = len(markdown_pages(content))
    per_copy = 2 * len(shipped_examples(content))
    return max(1, math.floor((pages - base) / per_copy + 0.5))


def write(shipped_root, target, copies):
    """Writes the site into `target` (which must not exist); returns its Markdown pages, relative to it."""
    content = os.path.join(shipped_root, "Content")
    shutil.copytree(content, target)
    # The staff card prints one row per category on one sheet: with hundreds of copied categories it cannot fit,
    # which is right for a card and beside the point for a build's speed.
    for language in ("ja", "en"):
        card = os.path.join(target, "posters", f"staff-card.{language}.md")
        if os.path.exists(card):
            os.remove(card)
    examples = shipped_examples(content)
    with open(os.path.join(content, "categories.yml"), encoding="utf-8") as handle:
        entries = category_entries(handle.read())
    added = []
    for number in range(1, copies + 1):
        category = f"{CATEGORY_PREFIX}{number:05d}"
        entry = entries[(number - 1) % len(entries)]
        added.append(re.sub(r"\A- id: [^\n]*", f"- id: {category}", entry))
        folder = os.path.join(target, "examples", category)
        os.makedirs(folder)
        for shipped_category, slug in examples:
            for language in ("ja", "en"):
                source = os.path.join(content, "examples", shipped_category, f"{slug}.{language}.md")
                shutil.copyfile(source, os.path.join(folder, f"{shipped_category}-{slug}.{language}.md"))
    with open(os.path.join(target, "categories.yml"), "w", encoding="utf-8", newline="\n") as handle:
        handle.write("".join(entry.rstrip("\n") + "\n" for entry in entries + added))
    return markdown_pages(target)


def body(path):
    """A page's Markdown after its front matter, as Harigami renders it."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if not text.startswith("---\n"):
        return text
    closing = text.index("\n---\n", 3)
    return text[closing + len("\n---\n"):]
