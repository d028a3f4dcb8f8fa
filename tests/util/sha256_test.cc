#include <doctest/doctest.h>

#include <string>

#include "util/sha256.h"

using keysweep::sha256_hex;

TEST_SUITE("sha256") {
  TEST_CASE("matches the FIPS 180-4 test vectors") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }

  TEST_CASE("gives the same digest however the input is split across updates") {
    std::string text(300, 'x');
    for (size_t i = 0; i < text.size(); ++i) text[i] = char('a' + i % 26);
    for (size_t cut : {0ul, 1ul, 55ul, 56ul, 63ul, 64ul, 65ul, 128ul, 299ul}) {
      keysweep::Sha256 h;
      h.update(std::string_view(text).substr(0, cut));
      h.update(std::string_view(text).substr(cut));
      auto d = h.digest();
      CHECK(keysweep::to_hex(d.data(), d.size()) == sha256_hex(text));
    }
  }
}
