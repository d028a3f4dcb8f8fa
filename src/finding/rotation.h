// The list of secrets to rotate: findings grouped by fingerprint (one secret, however many
// commits and paths carry it), each with where it was first and last seen and whether it is
// still present at HEAD.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "keysweep/finding.h"

namespace keysweep {

struct SecretToRotate {
  std::string fingerprint;
  const Rule* rule = nullptr;
  std::string secret;
  std::shared_ptr<const CommitInfo> first_seen, last_seen;  // null for uncommitted content
  std::string first_path;
  uint64_t places = 0;     // commit/path places carrying it, counted over all its blobs
  bool at_head = false;    // a blob holding it is in HEAD's tree
  std::string rotate_at;   // the rule's rotation or revocation reference
};

// Groups `findings` by fingerprint. `head_blobs` holds the blob ids of HEAD's tree. Sorted with
// secrets still present at HEAD first, then by severity (highest first), then by first commit.
std::vector<SecretToRotate> rotation_list(const std::vector<Finding>& findings,
                                          const std::unordered_set<std::string>& head_blobs);

// The reference that tells how to rotate or revoke: the first whose address mentions rotating,
// revoking, regenerating, resetting, deleting or expiring; else the last one; "" when none.
std::string rotation_reference(const Rule& rule);

}  // namespace keysweep
