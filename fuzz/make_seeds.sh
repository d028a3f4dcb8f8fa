#!/usr/bin/env bash
# make_seeds.sh SOURCE_DIR OUT_DIR: seed corpora for the fuzz targets, one folder per target,
# made from the repository's fixtures and rule files and from a small git repository built here
# (packs with deltas, raw trees and commits). Fake secrets only; nothing is downloaded.
set -euo pipefail
src=$1
out=$2
rm -rf "$out"
for t in pack delta tree commit rules config dotenv ignore_file baseline inline_allow matcher terminal_text base64; do
  mkdir -p "$out/$t"
done
seed() {  # seed TARGET < bytes (runs in pipelines: a unique name, no counter)
  cat > "$(mktemp "$out/$1/seed-XXXXXX")"
}

# Rule files (secret and env rules) and the repository's own config.
for f in "$src"/rules/*.toml "$src"/rules/env/*.toml; do cp "$f" "$out/rules/"; done
cp "$src/.keysweep.toml" "$out/config/self.toml"
printf '[rules]\nextra = ["ci/rules.toml"]\ndisable = ["jwt"]\n[allowlist]\npaths = ["fixtures/", "**/*.snap"]\nvalues = ["^sk_test_"]\n[scan]\nmax_file_size = "10M"\nformat = "sarif"\n' | seed config
printf '[verify]\nverify = true\n[verify.endpoints]\ngithub = "http://127.0.0.1:1/"\n' | seed config

# .env files from the env fixtures, and matcher/inline-allow inputs from every fixture file.
find "$src/fixtures/env" -type f -name '.env*' | while read -r f; do cp "$f" "$out/dotenv/$(basename "$f")-$RANDOM"; done
printf 'export A=1\nB="multi\nline"\nC='"'"'x'"'"' # c\n#D=2\n' | seed dotenv
find "$src/fixtures/env/polyglot" -type f | head -40 | while read -r f; do
  cp "$f" "$out/matcher/$(basename "$f")-$RANDOM"
  cp "$f" "$out/inline_allow/$(basename "$f")-$RANDOM"
done
for f in "$src"/rules/*.toml; do cp "$f" "$out/matcher/rules-$(basename "$f")"; done
printf '\0\0\0\0\0\0\0\0token = "ghp_Zq3r8LmN0pXv5Yt2Wb7Kc9Hd4Jf6Gs1Ae0Ro" # keysweep:allow\n' | seed inline_allow
printf '\0\1\0\2\0\3\0\4# gitleaks:allow\nkey = "AKIAQ3EGRBWZ7XLMN5PT"\n' | seed inline_allow

# Ignore files and baselines in the shapes keysweep writes.
printf '# accepted\n%s\n%s test/**\n' "$(printf 'a%.0s' {1..40})" "$(printf '0%.0s' {1..40})" | seed ignore_file
printf '{"tool":{"name":"keysweep","version":"0.1.0"},"baseline":[{"fingerprint":"%s","rule_id":"jwt","path":"a"}]}\n' \
  "$(printf 'f%.0s' {1..40})" | seed baseline
printf '{"findings":[{"rule_id":"x","path":"p","fingerprint":"%s","secret":"s"}],"skipped":[]}\n' "$(printf '1%.0s' {1..40})" | seed baseline

# Terminal text: escapes, invalid UTF-8, bidi overrides.
printf 'x\033[2J\033[31mred.txt' | seed terminal_text
printf 'caf\351 \342\200\256 \302\233 ok \360\237\224\221' | seed terminal_text

# Base64 in both alphabets, padded and not, and percent-encoded userinfo.
printf 'Z2hwX1pxM3I4TG1OMHBYdjVZdDJXYjdLYzlIZDRKZjZHczFBZTBSbw==' | seed base64
printf 'eyJhbGciOiJIUzI1NiJ9-_x' | seed base64
printf 'p%%40ss%%3Aw0rd%%2' | seed base64

# Deltas: base, then copy and insert ops (u16 little-endian base length first).
printf '\005\000hello\005\010\221\000\003\003abc' | seed delta
printf '\000\000\000\003\003xyz' | seed delta

# A repository with packed deltas, a tree with many entries, a merge and an annotated tag.
repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME="$repo" GIT_AUTHOR_DATE='1700000000 +0000' GIT_COMMITTER_DATE='1700000000 +0000'
g() { git -C "$repo/r" -c user.name='Fuzz Seed' -c user.email=seed@example.org -c commit.gpgsign=false "$@"; }
git init -q -b main "$repo/r"
for i in 1 2 3 4 5 6; do
  seq 1 $((200 * i)) | sed "s/^/line $i /" > "$repo/r/big.txt"
  mkdir -p "$repo/r/dir/sub"
  echo "v$i password = \"Qx!q8Zr${i}v2LmX0pTn4\"" > "$repo/r/dir/sub/cfg.py"
  g add -A && g commit -q -m "commit $i"
done
g checkout -q -b side HEAD~2 && echo side > "$repo/r/side.txt" && g add -A && g commit -q -m side
g checkout -q main && g merge -q --no-edit side && g tag -a v1 -m "release" HEAD
g repack -adq --depth=50 --window=50
for idx in "$repo"/r/.git/objects/pack/*.idx; do
  pack=${idx%.idx}.pack
  { python3 -c "import struct,sys; sys.stdout.buffer.write(struct.pack('<I', int(sys.argv[1])))" "$(stat -c %s "$idx")"
    cat "$idx" "$pack"; } | seed pack
done
for c in $(g rev-list --all); do g cat-file commit "$c" | seed commit; done
g cat-file tag v1 | seed commit
for t in $(g rev-list --all --objects | awk 'NF>=1{print $1}'); do
  [ "$(g cat-file -t "$t")" = tree ] && g cat-file tree "$t" | seed tree
done
touch "$out/.stamp"
