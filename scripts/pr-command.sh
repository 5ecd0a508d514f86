#!/usr/bin/env bash
# Carry out a '/sop ...' command from a pull-request comment on the checked-out branch,
# commit the change and leave the reply (bokmål) in reply.md for the workflow to post.
#
# Usage: scripts/pr-command.sh BASE_REF COMMENT_FILE ACTOR
# Exit codes: 0 committed, 1 refused (reply.md says why), 2 no command.
set -uo pipefail
base="$1"
comment="$2"
actor="$3"
# SOP may name another way to run the command (the tests use "python -m sopmodel.cli").
read -r -a sop <<< "${SOP:-.venv/bin/sop}"

"${sop[@]}" comment-command --base "${base}" --comment-file "${comment}" > reply.md
status=$?
if [ "${status}" -ne 0 ]; then
  exit "${status}"
fi
if git diff --quiet -- sops; then
  echo "Ingen endring å lagre." >> reply.md
  exit 1
fi
summary=$(head -n 1 "${comment}" | cut -c1-72)
git add -- sops
git -c user.name="sop-bot" -c user.email="sop-bot@users.noreply.github.com" \
  commit --quiet --author="sop-bot <sop-bot@users.noreply.github.com>" --message "${summary}" --message "Requested by @${actor} in a pull-request comment; carried out by scripts/pr-command.sh."
git log -1 --format='Lagret som %h.' >> reply.md
