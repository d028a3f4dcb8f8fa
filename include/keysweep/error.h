// The one error type for setup failures (arguments, rule and config files, opening inputs).
// Only src/app/ catches it; it prints "keysweep: error: <where>: <what>" and exits 2.
#pragma once

#include <stdexcept>
#include <string>

namespace keysweep {

class Error : public std::runtime_error {
 public:
  // `where` names the file, argument or rule id at fault; `what` says what is wrong with it.
  Error(std::string where, std::string what)
      : std::runtime_error(where.empty() ? what : where + ": " + what),
        where_(std::move(where)), what_(std::move(what)) {}

  const std::string& where() const { return where_; }
  const std::string& message() const { return what_; }

 private:
  std::string where_;
  std::string what_;
};

}  // namespace keysweep
