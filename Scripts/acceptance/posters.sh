#!/usr/bin/env bash
# Acceptance stage for the posters: every Output/posters/*.html (and Output/staff/posters/*.html
# when the staff build is there, the staff card among them) printed by headless Chromium is exactly one page
# of the size and orientation its file name and @page rule declare, its QR code reads back as the address
# printed beneath it, an address of the built site, and no line of text is wider than its box as Chromium lays it
# out. The same is then asked of posters built from Tests/HarigamiTests/Fixtures/posters-at-limit, whose texts
# just pass the fit rule: what `harigami check` lets through must print inside its box. The staff build's posters
# (OUTPUT/staff/posters) are checked alike when present, and its name-tag sheets (OUTPUT/staff/nametags) print one
# A4 page per ten people, with every text inside its card. The staff manuals (OUTPUT/staff/manual.LANG.html) print on
# A4 pages, at least one per chapter, each numbered "k / N", with the contents list's titles, and each chapter starts a
# page headed with its number and title. Signage pages (`*.signage.html`) are laid out in a window of 1920 × 1080
# pixels, the screen they are made for: every text inside its box, and nothing scrolls.
#
# Usage: Scripts/acceptance/posters.sh [OUTPUT]     (OUTPUT defaults to Output; build it first)
# HARIGAMI names the binary that builds the fixture (default .build/debug/harigami).
# Prints one line per failure, then "N passed, N failed"; exits 1 on any failure, 2 when a tool or the posters are missing.
set -euo pipefail

output="${1:-Output}"
posters="$output/posters"
root="$(cd "$(dirname "$0")/../.." && pwd)"
harigami="${HARIGAMI:-$root/.build/debug/harigami}"

for tool in chromium pdfinfo pdftoppm zbarimg; do
  if ! command -v "$tool" >/dev/null; then
    echo "posters: $tool not found (Scripts/setup --test installs chromium, poppler-utils and zbar-tools)" >&2
    exit 2
  fi
done
shopt -s nullglob
# Signage pages are screens, not sheets: they are checked by check_signage below.
sheets() { local file; for file in "$@"; do [[ "$file" == *.signage.html ]] || echo "$file"; done; }
mapfile -t files < <(sheets "$posters"/*.html)
if ((${#files[@]} == 0)); then
  echo "posters: no posters in $posters; run harigami build first" >&2
  exit 2
fi

if [[ ! -x "$harigami" ]]; then
  echo "posters: $harigami not found; run swift build first" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
# shellcheck source=Scripts/acceptance/pdf-pages.sh
source "$root/Scripts/acceptance/pdf-pages.sh"

# Paper sizes in millimetres, portrait (short side first).
declare -A short_mm=([A4]=210 [A3]=297 [B4]=257 [A5]=148)
declare -A long_mm=([A4]=297 [A3]=420 [B4]=364 [A5]=210)

# Prints FILE to PDF with headless Chromium; when it cannot, says so against NAME and returns 1.
print_pdf() {
  local name="$1" file="$2" pdf="$3"
  if ! timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
      --print-to-pdf="$pdf" "file://$(realpath "$file")" >"$work/chromium.log" 2>&1 || [[ ! -s "$pdf" ]]; then
    fail "$name" "headless Chromium did not print it: $(tail -n 3 "$work/chromium.log" | tr '\n' ' ')"
    return 1
  fi
}

# Lays FILE out in a window of WINDOW pixels with the measuring SCRIPT (in Scripts/acceptance) added, and fails NAME
# for every text the script finds outside its box (WHAT names the box: box, card).
check_overflow() {
  local name="$1" file="$2" script="$3" window="$4" what="$5"
  local measured="$work/$name.measure.html" overflow problem
  { sed '/<\/body>/,$d' "$file"; echo "<script>"; cat "$root/Scripts/acceptance/$script"; echo "</script></body></html>"; } >"$measured"
  if ! timeout 120 chromium --headless --no-sandbox --disable-gpu --window-size="$window" --dump-dom \
      "file://$measured" >"$work/$name.dom" 2>"$work/chromium.log"; then
    fail "$name" "headless Chromium did not lay it out: $(tail -n 3 "$work/chromium.log" | tr '\n' ' ')"
  elif ! grep -q '<pre id="overflow">' "$work/$name.dom"; then
    fail "$name" "the overflow measurement did not run"
  else
    overflow="$(tr '\n' '\r' <"$work/$name.dom" | sed -n 's#.*<pre id="overflow">\(.*\)</pre>.*#\1#p' | tr '\r' '\n' | sed 's/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g')"
    if [[ -n "$overflow" ]]; then
      while IFS= read -r problem; do fail "$name" "text outside its $what: $problem"; done <<<"$overflow"
    else
      passed=$((passed + 1))
    fi
  fi
}

# Checks the posters given; SITEMAP is the built site's sitemap.xml, which their QR codes must lead into.
check_posters() {
  local sitemap="$1"; shift
  for file in "$@"; do
    name="$(basename "$file" .html)"
    size="${name##*.}"
    pdf="$work/$name.pdf"
    if [[ -z "${short_mm[$size]:-}" ]]; then
      fail "$name" "the file name does not end in a known paper size (A4, A3, B4, A5)"
      continue
    fi
    # The page's @page rule says the orientation: the first length is the width.
    read -r width_mm height_mm < <(sed -n 's/.*@page { size: \([0-9.]*\)mm \([0-9.]*\)mm;.*/\1 \2/p' "$file" | head -n 1) || true
    if [[ -z "${width_mm:-}" ]]; then
      fail "$name" "no '@page { size: …mm …mm' rule in the file"
      continue
    fi
    if ! { [[ "$width_mm" == "${short_mm[$size]}" && "$height_mm" == "${long_mm[$size]}" ]] ||
           [[ "$width_mm" == "${long_mm[$size]}" && "$height_mm" == "${short_mm[$size]}" ]]; }; then
      fail "$name" "@page size ${width_mm}mm × ${height_mm}mm is not $size (${short_mm[$size]} × ${long_mm[$size]} mm either way round)"
      continue
    fi

    print_pdf "$name" "$file" "$pdf" || continue

    info="$(pdfinfo "$pdf")"
    pages="$(awk '/^Pages:/ {print $2}' <<<"$info")"
    read -r width_pt height_pt < <(awk '/^Page size:/ {print $3, $5}' <<<"$info")
    if [[ "$pages" != "1" ]]; then
      fail "$name" "printed on $pages pages, not 1"
    else
      passed=$((passed + 1))
    fi
    # 1 mm = 72 / 25.4 pt; Chromium rounds the page to whole device pixels, well within 1 pt.
    if awk -v w="$width_pt" -v h="$height_pt" -v ew="$width_mm" -v eh="$height_mm" \
        'BEGIN { ew *= 72 / 25.4; eh *= 72 / 25.4; d1 = w - ew; d2 = h - eh; exit !((d1 < 0 ? -d1 : d1) <= 1 && (d2 < 0 ? -d2 : d2) <= 1) }'; then
      passed=$((passed + 1))
    else
      fail "$name" "the page is $width_pt × $height_pt pt, not $size ${width_mm} × ${height_mm} mm ($(awk -v w="$width_mm" -v h="$height_mm" 'BEGIN { printf "%.2f × %.2f", w * 72 / 25.4, h * 72 / 25.4 }') pt)"
    fi

    # The address printed under the QR code (its lines joined) is the one it must encode. A notice or the staff card may have none.
    if ! grep -q '<div class="qr"' "$file"; then
      if grep -q '<p class="url' "$file"; then fail "$name" "an address is printed but there is no QR code"; fi
    else
    expected="$(tr '\n' ' ' <"$file" | sed -n 's/.*<p class="url[^"]*"[^>]*>\(.*\)/\1/p' | sed 's#</p>.*##; s/<[^>]*>//g; s/&amp;/\&/g')"
    pdftoppm -r 150 -png -singlefile "$pdf" "$work/$name" >/dev/null 2>&1
    decoded="$(zbarimg --quiet --raw -Sdisable -Sqrcode.enable "$work/$name.png" 2>/dev/null || true)"
    if [[ -z "$expected" ]]; then
      fail "$name" "no address printed under the QR code"
    elif [[ -z "$decoded" ]]; then
      fail "$name" "the QR code does not read (zbarimg found none at 150 dpi)"
    elif [[ "$decoded" != "$expected" ]]; then
      fail "$name" "the QR code reads '$decoded', but the poster prints '$expected'"
    elif [[ -f "$sitemap" ]] && ! grep -qF "<loc>$decoded</loc>" "$sitemap"; then
      fail "$name" "the QR code leads to $decoded, which is not a page of the built site ($sitemap)"
    else
      passed=$((passed + 1))
    fi
    fi

    # Every line of text inside its box, as Chromium lays it out on screen (the sheet drawn large: a window of
    # 4000 px makes about 13 px per millimetre).
    check_overflow "$name" "$file" poster-overflow.js 4000,4000 box
  done
}

check_posters "$output/site/sitemap.xml" "${files[@]}"
# The staff build's posters, the staff card among them (their QR codes lead into the staff build).
mapfile -t staff_files < <(sheets "$output/staff/posters"/*.html)
if ((${#staff_files[@]} > 0)); then
  check_posters "$output/staff/sitemap.xml" "${staff_files[@]}"
fi

# The staff build's name-tag sheets: one A4 page per ten cards (the last one partly filled), every page A4, and
# every text inside its card as Chromium lays it out.
check_name_tags() {
  for file in "$@"; do
    name="$(basename "$file" .html)"
    pdf="$work/$name.pdf"
    if ! grep -q '@page { size: 210mm 297mm; margin: 0; }' "$file"; then
      fail "$name" "no '@page { size: 210mm 297mm; margin: 0; }' rule: a name-tag sheet is A4 with no margin added"
      continue
    fi
    cards="$(grep -o '<div class="card"' "$file" | wc -l)"
    expected=$(((cards + 9) / 10))
    if ((cards == 0)); then
      fail "$name" "no cards on the sheet"
      continue
    fi
    print_pdf "$name" "$file" "$pdf" || continue
    pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
    if [[ "$pages" != "$expected" ]]; then
      fail "$name" "$cards cards printed on $pages pages, not $expected (one A4 page per ten people)"
    else
      passed=$((passed + 1))
    fi
    # Every page A4 portrait, within 1 pt.
    wrong="$(wrong_pages "$pdf" "$pages" 210 297)"
    if [[ -n "$wrong" ]]; then fail "$name" "not A4 (595.28 × 841.89 pt): $wrong"; else passed=$((passed + 1)); fi
    check_overflow "$name" "$file" nametag-overflow.js 4000,5660 card
  done
}
# Signage pages: every text inside its box in a window of the screen's size, and the page no larger than the window
# (poster-overflow.js reports a page that scrolls).
check_signage() {
  for file in "$@"; do
    check_overflow "$(basename "$file" .html)" "$file" poster-overflow.js 1920,1080 box
  done
}
check_signage "$posters"/*.signage.html "$output/staff/posters"/*.signage.html

name_tags=("$output/staff/nametags/"*.html)
((${#name_tags[@]} == 0)) || check_name_tags "${name_tags[@]}"

# The staff build's manuals (OUTPUT/staff/manual.LANG.html): every page A4, at least a page per chapter, every page
# numbered "k / N" by the page's own margin boxes (the browser's headers and footers are off), and every title of the
# contents list in the printed text.
check_manuals() {
  local file name pdf pages chapters text missing title k wrong
  for file in "$@"; do
    name="$(basename "$file" .html)"
    pdf="$work/$name.pdf"
    print_pdf "$name" "$file" "$pdf" || continue
    pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
    chapters="$(grep -c '<section class="chapter"' "$file" || true)"
    if ((chapters == 0)); then
      fail "$name" "no chapters (<section class=\"chapter\">) in the manual"
      continue
    fi
    if ((pages < chapters)); then fail "$name" "$chapters chapters printed on $pages pages: each chapter starts a page"; else passed=$((passed + 1)); fi
    wrong="$(wrong_pages "$pdf" "$pages" 210 297)"
    if [[ -n "$wrong" ]]; then fail "$name" "not A4 (595.28 × 841.89 pt): $wrong"; else passed=$((passed + 1)); fi
    missing=""
    for ((k = 1; k <= pages; k++)); do
      pdftotext -f "$k" -l "$k" "$pdf" - | grep -qx "$k / $pages" || missing+="$k "
    done
    if [[ -n "$missing" ]]; then fail "$name" "no page number 'k / $pages' printed on page(s) $missing"; else passed=$((passed + 1)); fi
    # Compared without white space: pdftotext may break a title or space out its characters.
    text="$(pdftotext "$pdf" - | tr -d ' \n')"
    missing=""
    while IFS= read -r title; do
      [[ "$text" == *"$(tr -d ' ' <<<"$title")"* ]] || missing+="'$title' "
    done < <(grep -o '<li><a href="#chapter-[0-9]*"><span class="number">[0-9]*</span> [^<]*' "$file" |
             sed 's/.*<\/span> //; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g')
    if [[ -n "$missing" ]]; then fail "$name" "contents titles not in the printed text: $missing"; else passed=$((passed + 1)); fi
    # Each chapter starts a page that names it twice: in its running head and in its heading.
    missing=""
    while IFS= read -r title; do
      for ((k = 2; k <= pages; k++)); do
        text="$(pdftotext -f "$k" -l "$k" "$pdf" - | tr -d ' \n')"
        [[ "$text" == *"$title"* ]] || continue
        [[ "$(grep -o -F "$title" <<<"$text" | wc -l)" -ge 2 ]] || missing+="'$title' (page $k) "
        break
      done
    done < <(grep -o '<h2 id="chapter-[0-9]*-title"><span class="number">[0-9]*</span> [^<]*' "$file" |
             sed 's/.*<span class="number">//; s/<\/span>//; s/ //g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g')
    if [[ -n "$missing" ]]; then fail "$name" "chapters not starting a page under their running head: $missing"; else passed=$((passed + 1)); fi
  done
}
manuals=("$output/staff/manual."*.html)
((${#manuals[@]} == 0)) || check_manuals "${manuals[@]}"

# Texts right at the limit: the minimal fixture with the at-limit posters, built by the binary under test.
limit="$work/at-limit"
mkdir -p "$limit"
cp -R "$root/Tests/HarigamiTests/Fixtures/minimal" "$limit/Content"
mkdir -p "$limit/Content/posters"
cp "$root/Tests/HarigamiTests/Fixtures/posters-at-limit/"*.md "$limit/Content/posters/"
if ! "$harigami" build --content "$limit/Content" --templates "$root/Templates" --output "$limit/Output" >"$work/build.log" 2>&1; then
  fail "posters-at-limit" "the fixture does not build: $(tail -n 5 "$work/build.log" | tr '\n' ' ')"
else
  check_posters "$limit/Output/site/sitemap.xml" "$limit/Output/posters/"*.html
fi

echo "$passed passed, $failed failed"
((failed == 0))
