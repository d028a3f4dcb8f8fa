// Diffs with libgit2 (never the git binary): tree-to-index for --staged, parent-to-commit for
// each commit of --range. Only added lines are kept; the whole new blob is still scanned so
// multi-line secrets and context-bearing patterns see the full text.
#include "source/git_changes.h"

#include <map>

#include "keysweep/error.h"
#include "source/git_repo.h"

namespace keysweep {
namespace {

using RevwalkHandle = std::unique_ptr<git_revwalk, GitDeleter<git_revwalk, git_revwalk_free>>;

// Appends one job per changed, non-deleted, non-submodule file in `diff`.
void collect(git_diff* diff, const std::shared_ptr<const CommitInfo>& commit, ChangeSet* out) {
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES | GIT_DIFF_FIND_COPIES;
  git_diff_find_similar(diff, &find);
  size_t n = git_diff_num_deltas(diff);
  for (size_t i = 0; i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff, i);
    if (d->status == GIT_DELTA_DELETED || d->status == GIT_DELTA_UNMODIFIED) continue;
    if (d->new_file.mode == GIT_FILEMODE_COMMIT) {
      out->skips.push_back({d->new_file.path, SkipReason::kSubmodule, oid_hex(d->new_file.id)});
      continue;
    }
    if (d->flags & GIT_DIFF_FLAG_BINARY) continue;
    git_patch* p = nullptr;
    if (git_patch_from_diff(&p, diff, i) != 0 || !p) {
      // The new or old blob could not be loaded (partial clone, corruption): say so, go on.
      out->skips.push_back({d->new_file.path, SkipReason::kMissingObject, git_error_text()});
      continue;
    }
    if (d->flags & GIT_DIFF_FLAG_BINARY) continue;  // known only once the content is loaded
    PatchHandle patch(p);
    BlobJob job;
    job.oid = d->new_file.id;
    job.all_lines = false;
    for (size_t h = 0; h < git_patch_num_hunks(patch.get()); ++h) {
      size_t lines = 0;
      if (git_patch_get_hunk(nullptr, &lines, patch.get(), h) != 0) continue;
      for (size_t l = 0; l < lines; ++l) {
        const git_diff_line* line = nullptr;
        if (git_patch_get_line_in_hunk(&line, patch.get(), h, l) != 0 || line->origin != GIT_DIFF_LINE_ADDITION) continue;
        uint64_t no = uint64_t(line->new_lineno);
        if (!job.added_lines.empty() && job.added_lines.back().second + 1 == no)
          job.added_lines.back().second = no;
        else
          job.added_lines.push_back({no, no});
      }
    }
    if (job.added_lines.empty()) continue;  // pure rename, mode change, deletions only
    auto prov = std::make_shared<BlobProvenance>();
    prov->commit = commit;
    prov->path = d->new_file.path;
    prov->blob = oid_hex(d->new_file.id);
    job.provenance = std::move(prov);
    out->jobs.push_back(std::move(job));
  }
}

git_diff_options diff_options() {
  git_diff_options o = GIT_DIFF_OPTIONS_INIT;
  o.context_lines = 0;
  o.flags |= GIT_DIFF_IGNORE_SUBMODULES;
  return o;
}

git_commit* resolve_commit(git_repository* repo, const std::string& spec, const char* which) {
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, repo, spec.c_str()) != 0) {
    std::string msg = std::string(which) + " '" + spec + "' is not in this repository";
    if (git_repository_is_shallow(repo) == 1)
      msg += " (this is a shallow clone: fetch more history, e.g. git fetch --unshallow, or actions/checkout with fetch-depth: 0)";
    throw Error("--range", msg);
  }
  git_object* peeled = nullptr;
  int rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
  git_object_free(obj);
  if (rc != 0) throw Error("--range", std::string(which) + " '" + spec + "' does not name a commit");
  return reinterpret_cast<git_commit*>(peeled);
}

}  // namespace

ChangeSet staged_changes(git_repository* repo, const std::string& repo_label) {
  if (git_repository_is_bare(repo) == 1)
    throw Error(repo_label, "a bare repository has no index: --staged needs a work tree");
  ChangeSet out;
  git_index* idx = nullptr;
  if (git_repository_index(&idx, repo) != 0)
    throw Error(repo_label, "cannot read the index: " + git_error_text());
  IndexHandle index(idx);
  TreeHandle head_tree;
  git_reference* head = nullptr;
  if (git_repository_head(&head, repo) == 0) {  // an unborn HEAD diffs against the empty tree
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, repo, git_reference_target(head)) == 0) {
      git_tree* t = nullptr;
      if (git_commit_tree(&t, c) == 0) head_tree.reset(t);
      git_commit_free(c);
    }
    git_reference_free(head);
  }
  git_diff_options opts = diff_options();
  git_diff* d = nullptr;
  if (git_diff_tree_to_index(&d, repo, head_tree.get(), index.get(), &opts) != 0)
    throw Error(repo_label, "cannot diff the index against HEAD: " + git_error_text());
  DiffHandle diff(d);
  auto staged = std::make_shared<CommitInfo>();
  staged->message = "(staged)";
  collect(diff.get(), staged, &out);
  return out;
}

ChangeSet range_changes(git_repository* repo, const std::string& range) {
  size_t dots = range.find("..");
  if (dots == std::string::npos || range.find("...") != std::string::npos || dots == 0 || dots + 2 >= range.size())
    throw Error("--range", "'" + range + "' is not of the form BASE..HEAD");
  git_commit* base_c = resolve_commit(repo, range.substr(0, dots), "base");
  CommitHandle base(base_c);
  CommitHandle tip(resolve_commit(repo, range.substr(dots + 2), "head"));

  git_revwalk* w = nullptr;
  if (git_revwalk_new(&w, repo) != 0) throw Error("--range", git_error_text());
  RevwalkHandle walk(w);
  git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  if (git_revwalk_push(w, git_commit_id(tip.get())) != 0 || git_revwalk_hide(w, git_commit_id(base.get())) != 0)
    throw Error("--range", "cannot walk '" + range + "': " + git_error_text());
  std::vector<git_oid> commits;
  git_oid oid;
  int rc;
  while ((rc = git_revwalk_next(&oid, w)) == 0) commits.push_back(oid);
  if (rc != GIT_ITEROVER)
    throw Error("--range", "cannot walk '" + range + "': " + git_error_text() +
                               (git_repository_is_shallow(repo) == 1 ? " (shallow clone: fetch more history)" : ""));

  ChangeSet out;
  out.commits = commits.size();
  for (size_t rank = 0; rank < commits.size(); ++rank) {
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, repo, &commits[rank]) != 0) {
      out.skips.push_back({"commit " + oid_hex(commits[rank]), SkipReason::kMissingObject, git_error_text()});
      continue;
    }
    CommitHandle commit(c);
    TreeHandle tree, parent_tree;
    git_tree* t = nullptr;
    if (git_commit_tree(&t, c) != 0) {
      out.skips.push_back({"commit " + oid_hex(commits[rank]), SkipReason::kMissingObject, git_error_text()});
      continue;
    }
    tree.reset(t);
    if (git_commit_parentcount(c) > 0) {
      git_commit* parent = nullptr;
      if (git_commit_parent(&parent, c, 0) == 0) {
        git_tree* pt = nullptr;
        if (git_commit_tree(&pt, parent) == 0) parent_tree.reset(pt);
        git_commit_free(parent);
      }
    }
    git_diff_options opts = diff_options();
    git_diff* d = nullptr;
    if (git_diff_tree_to_tree(&d, repo, parent_tree.get(), tree.get(), &opts) != 0) {
      out.skips.push_back({"commit " + oid_hex(commits[rank]), SkipReason::kMissingObject, git_error_text()});
      continue;
    }
    DiffHandle diff(d);
    collect(diff.get(), std::make_shared<const CommitInfo>(commit_info(c, rank)), &out);
  }
  return out;
}

}  // namespace keysweep
