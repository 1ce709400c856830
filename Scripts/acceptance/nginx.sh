#!/usr/bin/env bash
# The README's nginx settings, taken from the README itself, serving the built site from a sub-folder:
# `nginx -t` passes, pages and the sitemap are sent as UTF-8, assets carry their cache header, and a
# missing page gets the site's 404 page with status 404.
set -euo pipefail
cd "$(dirname "$0")/../.."
site="${1:-Output/site}"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
work=$(mktemp -d)
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir -p "$work/www/kasuhara" "$work/temp"
cp -R "$site"/. "$work/www/kasuhara/"
chmod -R a+rX "$work/www"
# The block after the marker comment in README.md, pointed at this test's folder.
snippet=$(awk '/<!-- nginx: tested by Scripts\/acceptance\/nginx.sh -->/{found=1; next} found && /^```nginx/{inside=1; next} inside && /^```/{exit} inside{print}' README.md)
[[ -n "$snippet" ]] || { echo "nginx.sh: no nginx block after the marker in README.md" >&2; exit 1; }
snippet=${snippet//\/var\/www\/html/$work\/www}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/nginx.conf" <<CONF
daemon on;
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $work/temp/body;
    proxy_temp_path $work/temp/proxy;
    fastcgi_temp_path $work/temp/fastcgi;
    uwsgi_temp_path $work/temp/uwsgi;
    scgi_temp_path $work/temp/scgi;
    server {
        listen 127.0.0.1:$port;
$snippet
    }
}
CONF
"$nginx" -t -q -p "$work" -c "$work/nginx.conf"
"$nginx" -p "$work" -c "$work/nginx.conf"
for _ in $(seq 50); do [[ -s "$work/nginx.pid" ]] && break; sleep 0.1; done
python3 - "$port" <<'PY'
import sys, urllib.request, urllib.error
port = sys.argv[1]
failures = []
def get(path):
    try:
        response = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}")
        return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")
def expect(condition, message):
    if not condition:
        failures.append(message)
status, headers, body = get("/kasuhara/ja/")
expect(status == 200 and headers["Content-Type"] == "text/html; charset=utf-8", f"/kasuhara/ja/: {status} {headers['Content-Type']}")
expect('<html lang="ja"' in body, "/kasuhara/ja/ is not the Japanese home page")
status, headers, _ = get("/kasuhara/")
expect(status == 200, f"/kasuhara/: {status}")
status, headers, _ = get("/kasuhara/assets/style.css")
expect(status == 200 and headers["Content-Type"] == "text/css; charset=utf-8", f"style.css: {status} {headers['Content-Type']}")
expect(headers["Cache-Control"] == "public, max-age=3600", f"style.css Cache-Control: {headers['Cache-Control']}")
status, headers, _ = get("/kasuhara/sitemap.xml")
expect(status == 200 and "charset=utf-8" in (headers["Content-Type"] or ""), f"sitemap.xml: {status} {headers['Content-Type']}")
status, headers, body = get("/kasuhara/ja/no-such-page/")
expect(status == 404 and 'name="robots" content="noindex"' in body, f"missing page: {status}, not the site's 404 page")
for failure in failures:
    print("nginx.sh: FAIL", failure)
print(f"nginx.sh: {len(failures)} failed" if failures else "nginx.sh: the README's nginx settings serve the site: every check passed")
sys.exit(1 if failures else 0)
PY
