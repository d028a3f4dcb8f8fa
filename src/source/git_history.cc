// History enumeration: refs → commit graph (our own walk, so a shallow boundary or a missing
// commit is a recorded gap, not an error) → topological order, parents first → trees. Each tree
// id is expanded once across the whole history: an unchanged subtree costs nothing in later
// commits, which is what keeps a 10,000-commit walk cheap.
#include "source/git_history.h"

#include <algorithm>
#include <deque>
#include <cstdio>
#include <cstring>
#include <unordered_map>

#include "source/git_repo.h"
#include "source/pack_reader.h"
#include "source/raw_tree.h"

namespace keysweep {
namespace {

struct OidHash {
  size_t operator()(const git_oid& o) const {
    size_t h;
    std::memcpy(&h, o.id, sizeof h);
    return h;
  }
};
struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b); }
};
template <typename V>
using OidMap = std::unordered_map<git_oid, V, OidHash, OidEq>;
using OidSet = std::unordered_set<git_oid, OidHash, OidEq>;

struct RawTree {
  std::shared_ptr<const std::string> raw;  // keeps the names alive
  std::vector<TreeEntry> entries;
};

struct CommitNode {
  git_oid oid;
  git_oid tree;
  std::vector<git_oid> parents;
};

class HistoryWalker {
 public:
  HistoryWalker(git_repository* repo, HistoryInventory* out)
      : repo_(repo), out_(out), store_(std::string(git_repository_commondir(repo)) + "objects", size_t(128) << 20) {}

  void run(bool all_objects) {
    out_->shallow = git_repository_is_shallow(repo_) == 1;
    collect_tips();
    collect_commits();
    std::vector<size_t> order = topological_order();
    out_->commits = order.size();
    for (size_t rank = 0; rank < order.size(); ++rank) visit_commit(nodes_[order[rank]], rank);
    for (auto& [tree, label] : tree_tips_) walk_tree(tree, nullptr, "", nullptr);
    for (auto& [blob, label] : blob_tips_) add_blob(blob, label, nullptr);
    if (all_objects) add_unreachable();
    head();
  }

 private:
  void skip(const std::string& what, SkipReason reason, const std::string& detail) {
    out_->skips.push_back({what, reason, detail});
  }

  void add_tip(const git_oid& target, const std::string& name) {
    git_object* obj = nullptr;
    if (git_object_lookup(&obj, repo_, &target, GIT_OBJECT_ANY) != 0) {
      skip(name, SkipReason::kMissingObject, oid_hex(target) + ": " + git_error_text("object not found"));
      return;
    }
    // Annotated tags may point at tags, commits, trees or blobs.
    while (git_object_type(obj) == GIT_OBJECT_TAG) {
      git_object* next = nullptr;
      if (git_tag_target(&next, reinterpret_cast<git_tag*>(obj)) != 0) {
        skip(name, SkipReason::kMissingObject, oid_hex(*git_object_id(obj)));
        git_object_free(obj);
        return;
      }
      git_object_free(obj);
      obj = next;
    }
    const git_oid* id = git_object_id(obj);
    switch (git_object_type(obj)) {
      case GIT_OBJECT_COMMIT: tips_.push_back(*id); break;
      case GIT_OBJECT_TREE: tree_tips_.emplace_back(*id, name); break;
      case GIT_OBJECT_BLOB: blob_tips_.emplace_back(*id, name); break;
      default: break;
    }
    git_object_free(obj);
  }

  void collect_tips() {
    git_reference_iterator* it = nullptr;
    if (git_reference_iterator_new(&it, repo_) == 0) {
      git_reference* ref = nullptr;
      while (git_reference_next(&ref, it) == 0) {
        std::string name = git_reference_name(ref);
        git_reference* resolved = nullptr;
        if (git_reference_resolve(&resolved, ref) == 0) {
          add_tip(*git_reference_target(resolved), name);
          ++out_->refs;
          git_reference_free(resolved);
        } else {
          skip(name, SkipReason::kMissingObject, git_error_text("dangling reference"));
        }
        git_reference_free(ref);
      }
      git_reference_iterator_free(it);
    }
    // Older stash entries live only in the stash reflog.
    git_reflog* reflog = nullptr;
    if (git_reflog_read(&reflog, repo_, "refs/stash") == 0) {
      for (size_t i = 0; i < git_reflog_entrycount(reflog); ++i)
        add_tip(*git_reflog_entry_id_new(git_reflog_entry_byindex(reflog, i)), "refs/stash@{" + std::to_string(i) + "}");
      git_reflog_free(reflog);
    }
  }

  void collect_commits() {
    std::vector<git_oid> stack(tips_.begin(), tips_.end());
    while (!stack.empty()) {
      git_oid oid = stack.back();
      stack.pop_back();
      if (index_.count(oid) || missing_.count(oid)) continue;
      git_commit* c = nullptr;
      if (git_commit_lookup(&c, repo_, &oid) != 0) {
        missing_.insert(oid);
        // Beyond a shallow boundary parents are absent by design: not worth a skip each.
        if (!out_->shallow) skip("commit " + oid_hex(oid), SkipReason::kMissingObject, git_error_text());
        continue;
      }
      CommitNode node;
      node.oid = oid;
      node.tree = *git_commit_tree_id(c);
      for (unsigned i = 0; i < git_commit_parentcount(c); ++i) {
        node.parents.push_back(*git_commit_parent_id(c, i));
        stack.push_back(node.parents.back());
      }
      git_commit_free(c);
      index_.emplace(oid, nodes_.size());
      nodes_.push_back(std::move(node));
    }
  }

  // Parents before children; ties broken by discovery order, so the result is deterministic.
  std::vector<size_t> topological_order() {
    std::vector<size_t> order;
    std::vector<uint8_t> state(nodes_.size(), 0);  // 0 new, 1 on stack, 2 done
    for (size_t root = 0; root < nodes_.size(); ++root) {
      if (state[root]) continue;
      std::vector<std::pair<size_t, size_t>> stack{{root, 0}};
      state[root] = 1;
      while (!stack.empty()) {
        auto& [n, next_parent] = stack.back();
        if (next_parent < nodes_[n].parents.size()) {
          auto it = index_.find(nodes_[n].parents[next_parent++]);
          if (it != index_.end() && state[it->second] == 0) {
            state[it->second] = 1;
            stack.push_back({it->second, 0});
          }
          continue;
        }
        state[n] = 2;
        order.push_back(n);
        stack.pop_back();
      }
    }
    return order;
  }

  void visit_commit(CommitNode& node, uint64_t rank) {
    current_.reset();
    current_node_ = &node;
    current_rank_ = rank;
    // Compare with the first parent's tree: what it already had at the same path was counted
    // when the parent was visited (parents come first), so only changed entries cost anything.
    const git_oid* parent_tree = nullptr;
    if (!node.parents.empty()) {
      auto it = index_.find(node.parents[0]);
      if (it != index_.end()) parent_tree = &nodes_[it->second].tree;
    }
    walk_tree(node.tree, parent_tree, "", &node);
  }

  // Commit metadata is read only for commits that introduce a blob.
  std::shared_ptr<const CommitInfo> current_commit() {
    if (!current_ && current_node_) {
      git_commit* c = nullptr;
      CommitInfo info;
      if (git_commit_lookup(&c, repo_, &current_node_->oid) == 0) {
        info = commit_info(c, current_rank_);
        git_commit_free(c);
      } else {
        info.oid = oid_hex(current_node_->oid);
        info.order = current_rank_;
      }
      current_ = std::make_shared<const CommitInfo>(std::move(info));
    }
    return current_;
  }

  // A (tree, path) pair is expanded once: the same tree at a new path (a copied or moved
  // folder) is walked again so its blobs' new places are counted. `before` is the tree the
  // first parent had at this path (null if none): entries identical there are skipped. Depth
  // first in entry order, with an explicit stack: a hostile repository can nest trees thousands
  // deep, which recursion would turn into a stack overflow.
  void walk_tree(const git_oid& tree_oid, const git_oid* before, const std::string& prefix, CommitNode* node) {
    std::vector<TreeFrame> stack;
    enter_tree(tree_oid, before, prefix, &stack);
    static const std::vector<TreeEntry> kEmpty;
    while (!stack.empty()) {
      TreeFrame& f = stack.back();
      if (f.next == f.tree->entries.size()) {
        stack.pop_back();
        continue;
      }
      const TreeEntry& e = f.tree->entries[f.next++];
      const std::vector<TreeEntry>& old_entries = f.old ? f.old->entries : kEmpty;
      // Both trees are in git's order: advance the old one alongside.
      const TreeEntry* same = nullptr;
      while (f.old_next < old_entries.size()) {
        int c = tree_order(old_entries[f.old_next], e);
        if (c < 0) {
          ++f.old_next;
          continue;
        }
        if (c == 0) same = &old_entries[f.old_next];
        break;
      }
      if (same && git_oid_equal(&same->oid, &e.oid)) continue;
      const git_oid* same_tree = same && same->kind == GIT_OBJECT_TREE ? &same->oid : nullptr;
      std::string path = f.prefix;
      path.append(display_entry_name(e.name));
      switch (e.kind) {
        case GIT_OBJECT_BLOB: add_blob(e.oid, path, node); break;
        case GIT_OBJECT_TREE: enter_tree(e.oid, same_tree, path + "/", &stack); break;  // may move f
        case GIT_OBJECT_COMMIT:
          if (submodules_.insert(path).second) skip(path, SkipReason::kSubmodule, oid_hex(e.oid));
          break;
        default: break;
      }
    }
  }

  struct TreeFrame {
    std::shared_ptr<const RawTree> tree, old;
    std::string prefix;
    size_t next = 0, old_next = 0;
  };

  // Pushes a frame for the tree at `prefix`, unless it is unchanged from `before`, was expanded
  // at this path already, or cannot be read (a skip).
  void enter_tree(const git_oid& tree_oid, const git_oid* before, const std::string& prefix, std::vector<TreeFrame>* stack) {
    if (before && git_oid_equal(before, &tree_oid)) return;
    if (!seen_trees_.insert(place_key(tree_oid, prefix)).second) return;
    std::shared_ptr<const RawTree> tree = load_tree(tree_oid), old = before ? load_tree(*before) : nullptr;
    if (!tree) {
      skip(prefix.empty() ? "tree " + oid_hex(tree_oid) : prefix, SkipReason::kMissingObject, git_error_text("tree not found"));
      return;
    }
    stack->push_back({std::move(tree), std::move(old), prefix, 0, 0});
  }

  // Trees come from the pack store when packed (delta chains resolved with a cache), else from
  // libgit2 (loose objects), re-encoded in the raw format so both paths parse alike. Parsed trees
  // are kept for a while: a commit's "before" tree was the "new" tree of its parent just earlier.
  std::shared_ptr<const RawTree> load_tree(const git_oid& oid) {
    if (auto it = parsed_.find(oid); it != parsed_.end()) return it->second;
    auto out = std::make_shared<RawTree>();
    int type = 0;
    out->raw = store_.read(oid, &type);
    if (!out->raw || type != GIT_OBJECT_TREE) {
      git_tree* t = nullptr;
      if (git_tree_lookup(&t, repo_, &oid) != 0) return nullptr;
      auto raw = std::make_shared<std::string>();
      for (size_t i = 0; i < git_tree_entrycount(t); ++i) {
        const git_tree_entry* e = git_tree_entry_byindex(t, i);
        char mode[16];
        std::snprintf(mode, sizeof mode, "%o ", unsigned(git_tree_entry_filemode(e)));
        raw->append(mode);
        raw->append(git_tree_entry_name(e));
        raw->push_back('\0');
        raw->append(reinterpret_cast<const char*>(git_tree_entry_id(e)->id), GIT_OID_RAWSZ);
      }
      git_tree_free(t);
      out->raw = std::move(raw);
    }
    if (!parse_tree(*out->raw, &out->entries)) return nullptr;
    if (parsed_order_.size() >= kParsedTrees) {
      parsed_.erase(parsed_order_.front());
      parsed_order_.pop_front();
    }
    parsed_.emplace(oid, out);
    parsed_order_.push_back(oid);
    return out;
  }

  static uint64_t place_key(const git_oid& oid, const std::string& path) {
    uint64_t h;
    std::memcpy(&h, oid.id, sizeof h);
    return h ^ (std::hash<std::string>()(path) * 0x9e3779b97f4a7c15ull);
  }

  void add_blob(const git_oid& oid, const std::string& path, CommitNode* node) {
    bool new_place = places_.insert(place_key(oid, path)).second;
    auto it = blobs_.find(oid);
    if (it != blobs_.end()) {
      if (new_place) {
        BlobProvenance& p = *out_->blobs[it->second].provenance;
        ++p.other_places;
        if (node) p.last_commit = current_commit();
      }
      return;
    }
    auto prov = std::make_shared<BlobProvenance>();
    if (node) prov->commit = prov->last_commit = current_commit();
    prov->path = path;
    prov->blob = oid_hex(oid);
    blobs_.emplace(oid, out_->blobs.size());
    out_->blobs.push_back({oid, std::move(prov)});
  }

  void add_unreachable() {
    git_odb* odb = nullptr;
    if (git_repository_odb(&odb, repo_) != 0) return;
    OdbHandle owned(odb);
    std::vector<git_oid> all;
    git_odb_foreach(
        odb, [](const git_oid* id, void* payload) { static_cast<std::vector<git_oid>*>(payload)->push_back(*id); return 0; },
        &all);
    std::sort(all.begin(), all.end(), [](const git_oid& a, const git_oid& b) { return git_oid_cmp(&a, &b) < 0; });
    for (const git_oid& id : all) {
      if (blobs_.count(id)) continue;
      size_t len;
      git_object_t type;
      if (git_odb_read_header(&len, &type, odb, &id) == 0 && type == GIT_OBJECT_BLOB)
        add_blob(id, "(unreachable)/" + oid_hex(id), nullptr);
    }
  }

  void head() {
    git_reference* ref = nullptr;
    if (git_repository_head(&ref, repo_) != 0) return;  // unborn or detached to nothing
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, repo_, git_reference_target(ref)) == 0) {
      out_->head_commit = oid_hex(*git_commit_id(c));
      out_->head_blobs = tree_blobs(repo_, *git_commit_tree_id(c));
      git_commit_free(c);
    }
    git_reference_free(ref);
  }

  git_repository* repo_;
  HistoryInventory* out_;
  PackedObjectStore store_;
  static constexpr size_t kParsedTrees = 4096;
  OidMap<std::shared_ptr<const RawTree>> parsed_;
  std::deque<git_oid> parsed_order_;
  std::vector<git_oid> tips_;
  std::vector<std::pair<git_oid, std::string>> tree_tips_, blob_tips_;
  std::vector<CommitNode> nodes_;
  OidMap<size_t> index_, blobs_;
  OidSet missing_;
  std::unordered_set<uint64_t> seen_trees_, places_;
  std::unordered_set<std::string> submodules_;
  CommitNode* current_node_ = nullptr;
  uint64_t current_rank_ = 0;
  std::shared_ptr<const CommitInfo> current_;
};

void collect_tree_blobs(git_repository* repo, const git_oid& root, std::unordered_set<std::string>* out) {
  std::vector<git_oid> pending{root};  // a stack, not recursion: trees may nest very deep
  OidSet seen;
  while (!pending.empty()) {
    git_oid tree_oid = pending.back();
    pending.pop_back();
    if (!seen.insert(tree_oid).second) continue;
    git_tree* t = nullptr;
    if (git_tree_lookup(&t, repo, &tree_oid) != 0) continue;
    TreeHandle tree(t);
    for (size_t i = 0; i < git_tree_entrycount(t); ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(t, i);
      if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) out->insert(oid_hex(*git_tree_entry_id(e)));
      else if (git_tree_entry_type(e) == GIT_OBJECT_TREE) pending.push_back(*git_tree_entry_id(e));
    }
  }
}

}  // namespace

std::unordered_set<std::string> tree_blobs(git_repository* repo, const git_oid& tree) {
  std::unordered_set<std::string> out;
  collect_tree_blobs(repo, tree, &out);
  return out;
}

HistoryInventory inventory_history(git_repository* repo, bool all_objects) {
  HistoryInventory inv;
  HistoryWalker(repo, &inv).run(all_objects);
  return inv;
}

}  // namespace keysweep
