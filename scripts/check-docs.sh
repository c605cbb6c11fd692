#!/usr/bin/env bash
# Keeps the documentation inside the repository, so that nothing a user needs lives elsewhere:
#
# 1. no tracked file mentions the workspace's spec folder outside the repository (`shared/spec`, `../shared/`),
#    except the developers' note in CONTRIBUTING.md that points to `../shared/DESIGN.md`;
# 2. every relative link in docs/*.md, README.md and CONTRIBUTING.md points to a file that exists (and, for a
#    `page.md#anchor` link, to a heading of that page);
# 3. every docs/*.md page is linked from docs/README.md, the index.
#
# bash, grep, sed and awk only; no network. Exit status 1 lists every problem found.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

problems=0
problem() {
  echo "check-docs: $*" >&2
  problems=$((problems + 1))
}

# Tracked files (or, outside a git checkout, every file but build output and dependencies).
files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z
  else
    find . -type f -not -path './.git/*' -not -path './target/*' -not -path '*/node_modules/*' -print0 |
      sed -z 's|^\./||'
  fi
}

# 1. References to files outside the repository. This script names the patterns, so it is skipped.
outside='shared[/ ]spec|\.\./shared(/|$|[^./a-zA-Z_-])'
while IFS= read -r hit; do
  file=${hit%%:*}
  rest=${hit#*:}
  text=${rest#*:}
  [ "$file" = scripts/check-docs.sh ] && continue
  if [ "$file" = CONTRIBUTING.md ]; then
    # The developers' note may name ../shared/DESIGN.md, and nothing else outside the repository.
    grep -qE "$outside" <<<"${text//..\/shared\/DESIGN.md/}" || continue
  fi
  problem "$file:${rest%%:*}: refers to a file outside the repository: $text"
done < <(files | xargs -0 -r grep -nIE -- "$outside" 2>/dev/null)

# The slugs GitHub gives a page's headings (`## The VERIFY handshake` -> `the-verify-handshake`).
slugs() {
  awk '/^```/ { fenced = !fenced; next } !fenced && /^#+ / { print }' "$1" |
    sed -E 's/^#+ +//' | tr '[:upper:]' '[:lower:]' | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g'
}

# Relative link targets of a markdown file, outside fenced code blocks: inline `[text](target)` links and
# reference definitions `[name]: target`.
links() {
  awk '/^```/ { fenced = !fenced; next } !fenced { print }' "$1" |
    { grep -oE '\]\([^)[:space:]]+\)|^\[[^]]+\]: *[^[:space:]]+' || true; } |
    sed -E 's/^\]\((.*)\)$/\1/; s/^\[[^]]+\]: *//'
}

# 2. Broken relative links.
for page in docs/*.md README.md CONTRIBUTING.md; do
  [ -f "$page" ] || continue
  dir=$(dirname "$page")
  while IFS= read -r target; do
    case "$target" in
      http://* | https://* | mailto:*) continue ;;
    esac
    path=${target%%#*}
    anchor=
    [[ "$target" == *'#'* ]] && anchor=${target#*#}
    if [ -z "$path" ]; then
      resolved=$page
    else
      resolved="$dir/$path"
    fi
    if [ ! -e "$resolved" ]; then
      problem "$page: link to a missing file: $target"
      continue
    fi
    if [ -n "$anchor" ] && [[ "$resolved" == *.md ]] && ! slugs "$resolved" | grep -qxF -- "$anchor"; then
      problem "$page: link to a missing heading: $target"
    fi
  done < <(links "$page")
done

# 3. Every page is in the index.
for page in docs/*.md; do
  name=$(basename "$page")
  [ "$name" = README.md ] && continue
  links docs/README.md | grep -qxF -- "$name" || problem "docs/README.md does not link to $name"
done

if [ "$problems" -gt 0 ]; then
  echo "check-docs: $problems problem(s)" >&2
  exit 1
fi
echo "check-docs: ok"
