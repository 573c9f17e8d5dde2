#!/usr/bin/env bash
# Tags the tokens of a CoNLL-2002 file with Frog (Debian packages frog + frogdata, a
# separate GPL program that wirewatch never links) and writes the file back with
# Frog's NER tag appended as the last column, like `wirewatch ner --conll`, so both
# can be scored the same way (`wirewatch eval --conll` style or conlleval).
#
#   scripts/frog-conll.sh IN.conll > OUT.conll
#
# Frog keeps the given tokens (--skip=t, one sentence per line with -n); only its
# tagger and NER run (lemmatiser, morphology, chunker, multi-word units and parser
# are skipped). Frog's types PER/LOC/ORG pass through; its PRO and EVE (and MISC)
# become MISC, the nearest CoNLL-2002 type. Timing goes to stderr.
set -euo pipefail
in=${1:?usage: frog-conll.sh IN.conll > OUT.conll}
command -v frog >/dev/null || { echo "frog not installed: apt-get install -y frog frogdata" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one sentence per line, tokens separated by single spaces
awk '$1 == "-DOCSTART-" || NF == 0 { if (s != "") print s; s = ""; next }
     { s = (s == "" ? $1 : s " " $1) }
     END { if (s != "") print s }' "$in" > "$tmp/sents.txt"
tokens=$(awk '{ n += NF } END { print n + 0 }' "$tmp/sents.txt")

/usr/bin/time -f '%e %U %S' -o "$tmp/time" \
  frog -t "$tmp/sents.txt" -n --skip=tmlacp --threads=1 -o "$tmp/frog.tsv" > "$tmp/frog.log" 2>&1 ||
  { cat "$tmp/frog.log" >&2; exit 1; }
read -r wall user sys < "$tmp/time"

# Frog's NER tags, one per token, in order: column 8 of its tab output (number,
# word, lemma, morphology, POS, POS confidence, NER, chunk ... with the skipped
# modules' columns left empty)
awk -F'\t' 'NF >= 8 { t = $8; if (t == "") t = "O"
     if (t !~ /^(O|[BI]-[A-Za-z]+)$/) { print "unexpected NER column: " $0 > "/dev/stderr"; exit 1 }
     if (t != "O") { p = substr(t, 1, 2); y = toupper(substr(t, 3))
       if (y != "PER" && y != "LOC" && y != "ORG") y = "MISC"; t = p y }
     print t }' "$tmp/frog.tsv" > "$tmp/tags.txt"
tagged=$(wc -l < "$tmp/tags.txt")
if [ "$tagged" -ne "$tokens" ]; then
  echo "frog returned $tagged tags for $tokens tokens" >&2
  exit 1
fi

# append the tags to the token lines; keep -DOCSTART- and blank lines as they are
awk 'NR == FNR { tag[NR] = $0; next }
     $1 == "-DOCSTART-" || NF == 0 { print; next }
     { print $0 " " tag[++i] }' "$tmp/tags.txt" "$in"

inner=$(grep -o 'Frogging in total took:.*' "$tmp/frog.log" | sed 's/Frogging in total took: *//' || true)
awk -v n="$tokens" -v w="$wall" -v u="$user" -v s="$sys" -v inner="$inner" 'BEGIN {
  printf "frog: %d tokens; %.1f s wall clock incl. model loading (%.0f tokens/s); %.1f s CPU (%.0f tokens/cpu-s); frog own timer: %s\n", n, w, n / w, u + s, n / (u + s), inner > "/dev/stderr" }'
