#!/usr/bin/env bash
# GitOps for Drover: make ZooKeeper hold exactly the Service documents of a directory.
#
#   sync.sh [DIR]        DIR defaults to $DROVER_SPECS_DIR, else ./services
#
# Two steps, each of which writes nothing when it fails:
#   1. drover validate -R -f DIR   offline check of every document (no ZooKeeper needed); any
#                                  invalid document, or no document at all, stops the run here.
#   2. drover sync DIR --sync-id ID --prune --max-prune N
#                                  creates and updates the services of DIR, and deletes the ones
#                                  this pipeline created earlier that are no longer in DIR.
#
# Prune safety (why the flags are what they are):
#   --sync-id ID    ownership: sync labels what it writes with drover.io/sync-id=ID and prunes only
#                   services carrying that label, never ones created by `drover apply`, zkCli or
#                   another pipeline. The id must be stable across runs: CI checkouts move between
#                   runs, so the default (derived from the directory's path) would orphan services.
#   --max-prune N   refuses (exit 1, nothing written) to delete more than N services in one run, so
#                   a bad merge that drops most files does not take most services down. Raise it
#                   for one run (DROVER_MAX_PRUNE) when a large removal is intended.
#   --allow-empty   never passed unless DROVER_ALLOW_EMPTY=true: without it, a DIR with no
#                   documents (a broken checkout, a wrong path) is refused instead of deleting every
#                   service this pipeline owns.
#
# Environment:
#   DROVER_ZK          ZooKeeper connection string host:port[,host:port...][/chroot] (required)
#   DROVER_ZK_AUTH     the user identity USER:PASSWORD of `drover zk init --user-auth` (a CI secret)
#   DROVER_ROOT        Drover's root node (default /drover)
#   DROVER_SYNC_ID     this pipeline's ownership id (required), e.g. shop-prod
#   DROVER_MAX_PRUNE   most services one run may delete (default 3; 0 forbids deleting)
#   DROVER_PRUNE       false: create and update only, never delete (default true)
#   DROVER_DRY_RUN     true: print what would change and write nothing (for merge requests)
#   DROVER_ALLOW_EMPTY true: let an empty DIR delete every service this pipeline owns
#   DROVER             the drover command (default: drover on the PATH)
#
# Exit codes: those of drover. 0 synced; 1 invalid documents or a refused prune (nothing written);
# 2 usage error (bad settings, DIR missing); 3 ZooKeeper unreachable or access refused.
set -euo pipefail

die_usage() {
  echo "sync.sh: $*" >&2
  exit 2
}

dir="${1:-${DROVER_SPECS_DIR:-services}}"
drover="${DROVER:-drover}"
sync_id="${DROVER_SYNC_ID:-}"
max_prune="${DROVER_MAX_PRUNE:-3}"
prune="${DROVER_PRUNE:-true}"
dry_run="${DROVER_DRY_RUN:-false}"
allow_empty="${DROVER_ALLOW_EMPTY:-false}"

[ -d "$dir" ] || die_usage "$dir is not a directory of Service documents (pass DIR or set DROVER_SPECS_DIR)"
[ -n "$sync_id" ] || die_usage "set DROVER_SYNC_ID to this pipeline's ownership id (e.g. shop-prod): sync prunes only the services carrying it"
[ -n "${DROVER_ZK:-}" ] || die_usage "set DROVER_ZK to the ZooKeeper connection string (host:port[,host:port...][/chroot])"
[[ "$max_prune" =~ ^[0-9]+$ ]] || die_usage "DROVER_MAX_PRUNE must be a number of services, got '$max_prune'"
for flag in prune dry_run allow_empty; do
  case "${!flag}" in
    true | false) ;;
    *) die_usage "DROVER_${flag^^} must be true or false, got '${!flag}'" ;;
  esac
done

echo "==> drover validate -R -f $dir"
status=0
"$drover" validate -R -f "$dir" || status=$?
if [ "$status" -ne 0 ]; then
  echo "sync.sh: validation failed (exit $status); nothing was written" >&2
  exit "$status"
fi

args=(sync "$dir" --sync-id "$sync_id")
if [ "$prune" = true ]; then
  args+=(--prune --max-prune "$max_prune")
  if [ "$allow_empty" = true ]; then
    args+=(--allow-empty)
  fi
fi
if [ "$dry_run" = true ]; then
  args+=(--dry-run)
fi

echo "==> drover ${args[*]}"
exec "$drover" "${args[@]}"
