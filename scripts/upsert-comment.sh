#!/usr/bin/env bash
# Post the pull-request comment, or edit the one posted before: one comment per pull
# request, found by the marker on its first line (sopmodel.workflow.COMMENT_MARKER).
#
# Usage: scripts/upsert-comment.sh PR_NUMBER BODY_FILE   (needs GH_TOKEN and GH_REPO)
set -euo pipefail
pr="$1"
body="$2"
marker=$(head -n 1 "${body}")
existing=$(gh api "repos/${GH_REPO}/issues/${pr}/comments" --paginate \
  --jq ".[] | select(.body | startswith(\"${marker}\")) | .id" | head -n 1)
if [ -n "${existing}" ]; then
  gh api --method PATCH "repos/${GH_REPO}/issues/comments/${existing}" -F "body=@${body}" > /dev/null
  echo "Updated comment ${existing} on pull request ${pr}."
else
  gh api --method POST "repos/${GH_REPO}/issues/${pr}/comments" -F "body=@${body}" > /dev/null
  echo "Posted a comment on pull request ${pr}."
fi
