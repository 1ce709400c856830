# Sourced by the acceptance stages that print to PDF (posters.sh, pdf.sh).

# wrong_pages PDF PAGES WIDTH_MM HEIGHT_MM: each of the PDF's first PAGES pages that is not WIDTH × HEIGHT mm, as
# "page K is W × H pt; ", within 1 pt of the millimetres asked for (Chromium rounds the page to whole device pixels);
# nothing when every page is right.
wrong_pages() {
  pdfinfo -f 1 -l "$2" "$1" | awk -v ew="$3" -v eh="$4" '/^Page +[0-9]+ size:/ {
    w = $4 - ew * 72 / 25.4; h = $6 - eh * 72 / 25.4
    if ((w < 0 ? -w : w) > 1 || (h < 0 ? -h : h) > 1) printf "page %s is %s × %s pt; ", $2, $4, $6 }'
}
