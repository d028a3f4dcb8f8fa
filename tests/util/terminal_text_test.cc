#include <doctest/doctest.h>

#include <string>

#include "util/json_text.h"
#include "util/terminal_text.h"
#include "util/utf8.h"

using keysweep::is_valid_utf8;
using keysweep::set_json_text;
using keysweep::terminal_safe;

TEST_SUITE("terminal_text") {
  TEST_CASE("escape sequences and control bytes become \\xNN, tab stays") {
    CHECK(terminal_safe("x\x1b[2J\x1b[31mred.txt") == "x\\x1b[2J\\x1b[31mred.txt");
    CHECK(terminal_safe("a\nb\rc\bd\x7f" "e") == "a\\x0ab\\x0dc\\x08d\\x7fe");
    CHECK(terminal_safe(std::string("nul\0x", 5)) == "nul\\x00x");
    CHECK(terminal_safe("col\tumn") == "col\tumn");
  }

  TEST_CASE("printable UTF-8 is kept as it is") {
    CHECK(terminal_safe("caf\xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x94\x91 plain") == "caf\xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x94\x91 plain");
  }

  TEST_CASE("invalid UTF-8 is escaped byte by byte") {
    CHECK(terminal_safe("caf\xe9.txt") == "caf\\xe9.txt");
    CHECK(terminal_safe("\xc0\xaf") == "\\xc0\\xaf");              // overlong '/'
    CHECK(terminal_safe("\xed\xa0\x80") == "\\xed\\xa0\\x80");     // a surrogate
    CHECK(terminal_safe("end\xe2\x80") == "end\\xe2\\x80");        // cut short
    CHECK(terminal_safe("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");  // past U+10FFFF
  }

  TEST_CASE("C1 controls and bidirectional overrides are escaped though valid UTF-8") {
    CHECK(terminal_safe("\xc2\x9b" "31m") == "\\xc2\\x9b31m");  // 8-bit CSI
    CHECK(terminal_safe("a\xe2\x80\xae" "b") == "a\\xe2\\x80\\xaeb");   // RIGHT-TO-LEFT OVERRIDE
    CHECK(terminal_safe("\xe2\x81\xa6x") == "\\xe2\\x81\\xa6x");  // LEFT-TO-RIGHT ISOLATE
  }

  TEST_CASE("the output is valid UTF-8 without control bytes whatever the input") {
    std::string all;
    for (int i = 0; i < 256; ++i) all += char(i);
    std::string out = terminal_safe(all + all);
    CHECK(is_valid_utf8(out));
    bool clean = true;
    for (unsigned char c : out) clean = clean && (c >= 0x20 || c == '\t') && c != 0x7f;
    CHECK(clean);
  }
}

TEST_SUITE("json_text") {
  TEST_CASE("valid UTF-8 is written as it is, with no base64 sibling") {
    nlohmann::ordered_json j;
    set_json_text(j, "path", "dir/caf\xc3\xa9 \x1b.txt");
    CHECK(j.dump() == "{\"path\":\"dir/caf\xc3\xa9 \\u001b.txt\"}");
  }

  TEST_CASE("invalid UTF-8 gets U+FFFD in the field and the exact bytes in <field>_base64") {
    nlohmann::ordered_json j;
    set_json_text(j, "path", "caf\xe9.txt");
    CHECK(j["path"] == "caf\xef\xbf\xbd.txt");
    CHECK(j["path_base64"] == "Y2Fm6S50eHQ=");
    set_json_text(j, "secret", "\xff");
    CHECK(j["secret_base64"] == "/w==");
    set_json_text(j, "s2", "\xff\xfe");
    CHECK(j["s2_base64"] == "//4=");
  }
}
