#!/usr/bin/env bash
# Acceptance stage for `build --pdf`: builds the shipped content for both audiences with --pdf into OUTPUT, then checks
# with pdfinfo that every poster file has its PDF beside it, one page of the size its @page rule declares (a name-tag
# sheet: one A4 page per ten people), that every signage page (`*.signage.html`) has its PNG of 1920 × 1080 pixels
# instead, that the build wrote no other PDF or PNG, and that each language's posters page links every PDF and PNG
# with the size of the file (「PDFファイル：312.4KB」 / "PDF, 312.4 KB": kilobytes of 1,024 bytes). Prints how long
# each build took. The staff manuals (OUTPUT/staff/manual.LANG.html) have their PDFs too: A4 pages only, more than one,
# each numbered "k / N", and the staff posters pages link them with their sizes.
#
# Usage: Scripts/acceptance/pdf.sh [OUTPUT]     (OUTPUT defaults to Output; it is replaced by the builds)
# HARIGAMI names the binary (default .build/debug/harigami); CONTENT the content folder (default Content).
# Prints one line per failure, then "N passed, N failed"; exits 1 on any failure, 2 when a tool is missing or a build fails.
set -euo pipefail

output="${1:-Output}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
harigami="${HARIGAMI:-$root/.build/debug/harigami}"
content="${CONTENT:-Content}"

for tool in chromium pdfinfo pdftotext file; do
  if ! command -v "$tool" >/dev/null; then
    echo "pdf: $tool not found (Scripts/setup --test installs chromium and poppler-utils)" >&2
    exit 2
  fi
done
if [[ ! -x "$harigami" ]]; then
  echo "pdf: $harigami not found; run swift build first" >&2
  exit 2
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
passed=0
failed=0
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
# shellcheck source=Scripts/acceptance/pdf-pages.sh
source "$root/Scripts/acceptance/pdf-pages.sh"

for audience in public staff; do
  started=$(date +%s.%N)
  if ! "$harigami" build --pdf --audience "$audience" --content "$content" --output "$output" >/dev/null 2>"$log"; then
    echo "pdf: build --pdf --audience $audience failed:" >&2
    grep -v ' warning: ' "$log" >&2 || true
    exit 2
  fi
  echo "build --pdf --audience $audience: $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
done

shopt -s nullglob
for folder in "$output/site/posters" "$output/staff/posters" "$output/staff/nametags"; do
  htmls=("$folder"/*.html)
  if ((${#htmls[@]} == 0)); then
    fail "$folder" "no files to print"
    continue
  fi
  for file in "${htmls[@]}"; do
    name="${file#"$output/"}"
    if [[ "$file" == *.signage.html ]]; then
      png="${file%.html}.png"
      if [[ ! -s "$png" ]]; then
        fail "$name" "no PNG beside it"
      elif ! file "$png" | grep -q 'PNG image data, 1920 x 1080'; then
        fail "${png#"$output/"}" "not a PNG of 1920 × 1080 pixels: $(file -b "$png")"
      else
        passed=$((passed + 1))
      fi
      [[ ! -e "${file%.html}.pdf" ]] || fail "$name" "a signage page printed to PDF"
      continue
    fi
    pdf="${file%.html}.pdf"
    if [[ ! -s "$pdf" ]]; then
      fail "$name" "no PDF beside it"
      continue
    fi
    info="$(pdfinfo "$pdf")"
    pages="$(awk '/^Pages:/ {print $2}' <<<"$info")"
    if [[ "$folder" == */nametags ]]; then
      cards="$(grep -o '<div class="card"' "$file" | wc -l)"
      expected=$(((cards + 9) / 10))
      width_mm=210 height_mm=297
    else
      expected=1
      read -r width_mm height_mm < <(sed -n 's/.*@page { size: \([0-9.]*\)mm \([0-9.]*\)mm;.*/\1 \2/p' "$file" | head -n 1) || true
      if [[ -z "${width_mm:-}" ]]; then
        fail "$name" "no '@page { size: …mm …mm' rule in the file"
        continue
      fi
    fi
    if [[ "$pages" != "$expected" ]]; then fail "${pdf#"$output/"}" "$pages pages, not $expected"; else passed=$((passed + 1)); fi
    wrong="$(wrong_pages "$pdf" "$pages" "$width_mm" "$height_mm")"
    if [[ -n "$wrong" ]]; then
      fail "${pdf#"$output/"}" "not ${width_mm} × ${height_mm} mm: $wrong"
    else
      passed=$((passed + 1))
    fi
  done
  for copy in "$folder"/*.pdf "$folder"/*.png; do
    [[ -f "${copy%.*}.html" ]] || fail "${copy#"$output/"}" "a file the build wrote without its HTML beside it"
  done
done

# The staff manual of each language: its PDF beside it, every page A4, numbered "k / N" by the manual's own margin boxes.
manuals=("$output/staff"/manual.*.html)
((${#manuals[@]} > 0)) || fail "$output/staff" "no staff manual to print"
for file in "${manuals[@]}"; do
  pdf="${file%.html}.pdf"
  name="${pdf#"$output/"}"
  if [[ ! -s "$pdf" ]]; then
    fail "${file#"$output/"}" "no PDF beside it"
    continue
  fi
  pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
  if ((pages < 2)); then fail "$name" "$pages page, not a document of several"; else passed=$((passed + 1)); fi
  wrong="$(wrong_pages "$pdf" "$pages" 210 297)"
  if [[ -n "$wrong" ]]; then fail "$name" "not A4: $wrong"; else passed=$((passed + 1)); fi
  numbered="$(pdftotext -layout "$pdf" - | grep -cE "^ *[0-9]+ / $pages *$" || true)"
  if [[ "$numbered" != "$pages" ]]; then fail "$name" "$numbered of its $pages pages carry 'k / $pages'"; else passed=$((passed + 1)); fi
  # The contents list: every chapter's title as the HTML lists it, found in the PDF's text (spaces aside, as
  # pdftotext may space out a title's characters).
  text="$(pdftotext "$pdf" - | tr -d ' \n')"
  missing=""
  while IFS= read -r title; do
    [[ "$text" == *"$(tr -d ' ' <<<"$title")"* ]] || missing+="'$title' "
  done < <(grep -oE '<li><a href="#chapter-[0-9]+"><span class="number">[0-9]+</span> [^<]*' "$file" | sed 's/.*<\/span> //')
  if [[ -n "$missing" ]]; then fail "$name" "contents titles not in the PDF: $missing"; else passed=$((passed + 1)); fi
done

# Each language's posters page links every PDF of its build, each with the size of the file it links.
for build in site staff; do
  pdfs=("$output/$build/posters"/*.pdf "$output/$build/posters"/*.png "$output/$build/nametags"/*.pdf "$output/$build"/manual.*.pdf)
  for page in "$output/$build"/*/posters/index.html; do
    page_name="${page#"$output/"}"
    links="$(grep -oE '<a href="[^"]*\.(pdf|png)" type="(application/pdf|image/png)" aria-label="[^"]*">[^<]*</a>' "$page" || true)"
    for pdf in "${pdfs[@]}"; do
      base="$(basename "$pdf")"
      link="$(grep -F "/$base\"" <<<"$links" | head -n 1 || true)"
      if [[ -z "$link" ]]; then
        fail "$page_name" "no link to ${pdf#"$output/"}"
        continue
      fi
      href="$(sed 's/<a href="\([^"]*\)".*/\1/' <<<"$link")"
      target="$(realpath -m "$(dirname "$page")/$href")"
      if [[ "$target" != "$(realpath "$pdf")" ]]; then
        fail "$page_name" "the link $href does not lead to ${pdf#"$output/"}"
        continue
      fi
      kilobytes="$(awk -v b="$(stat -c %s "$pdf")" 'BEGIN { printf "%.1f", b / 1024 }')"
      shown="$(sed 's/.*">\([^<]*\)<\/a>$/\1/' <<<"$link")"
      if [[ "$shown" != "PDFファイル：${kilobytes}KB" && "$shown" != "PDF, $kilobytes KB" && "$shown" != "PNG画像：${kilobytes}KB" && "$shown" != "PNG, $kilobytes KB" ]]; then
        fail "$page_name" "links $base as '$shown', but the file is $kilobytes KB"
      else
        passed=$((passed + 1))
      fi
    done
  done
done

echo "$passed passed, $failed failed"
((failed == 0))
