// Extraction through the built-in env rules: what each syntax yields, what its decoys do not.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "envvars/env_engine.h"
#include "envvars/env_rule_loader.h"

using namespace keysweep;

namespace {

const EnvEngine& engine() {
  static EnvEngine e(builtin_env_rules(), CacheOptions{false, {}});
  return e;
}

// "NAME:line" for reads (with "?" when they have a default), "=NAME:line" for definitions,
// "~expr:line" for dynamic reads, as `path` would be read.
std::vector<std::string> found(const std::string& path, const std::string& text) {
  auto cands = engine().candidates(path);
  int lang = engine().pick_language(cands, text);
  REQUIRE_MESSAGE(lang >= 0, path);
  EnvEngine::Scratch s(engine());
  FileEnv f = engine().extract(uint32_t(lang), text, &s);
  std::vector<std::string> out;
  for (const auto& r : f.refs) out.push_back(r.name + (r.has_default ? "?" : "") + ":" + std::to_string(r.line));
  for (const auto& d : f.defs) out.push_back("=" + d.name + ":" + std::to_string(d.line));
  for (const auto& d : f.dynamic) out.push_back("~" + d.expression + ":" + std::to_string(d.line));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_SUITE("env extract") {
  TEST_CASE("javascript reads, defaults, destructuring and writes") {
    CHECK(found("a.js",
                "const a = process.env.DATABASE_URL;\n"
                "const b = process.env.PORT || 3000;\n"
                "const { REDIS_URL, QUEUE = 'jobs', SMTP_PASS: pass } = process.env;\n"
                "process.env.NODE_ENV = 'test';\n"
                "const c = process.env['API_KEY'] ?? '';\n") ==
          V{"DATABASE_URL:1", "PORT?:2", "QUEUE?:3", "REDIS_URL:3", "SMTP_PASS:3", "API_KEY?:5"});
  }

  TEST_CASE("a dynamic read is reported by its expression, never as a variable") {
    CHECK(found("a.ts", "const v = process.env[name];\n") == V{"~name:1"});
    CHECK(found("a.py", "import os\nv = os.environ.get(key)\n") == V{"~key:2"});
  }

  TEST_CASE("decoys that only look like env reads yield nothing") {
    CHECK(found("a.js",
                "const e = process.envelope.X;\n"
                "// process.env.COMMENTED\n"
                "const s = \"process.env.IN_A_STRING\";\n"
                "const o = myprocess.env.Y;\n")
              .empty());
    CHECK(found("a.py",
                "decoy = my_env.get(\"X\")\n"
                "label = \"os.environ['Y']\"\n"
                "# os.getenv(\"Z\")\n"
                "host = request.environ.get(\"HTTP_HOST\")\n")
              .empty());
    CHECK(found("A.java", "String v = System.getProperty(\"DATABASE_URL\");\n").empty());
  }

  TEST_CASE("python defaults and writes") {
    CHECK(found("s.py",
                "import os\n"
                "a = os.getenv('A')\n"
                "b = os.getenv('B', 'd')\n"
                "c = os.environ.get('C') or 'd'\n"
                "os.environ['D'] = '1'\n"
                "e = os.environ['E']\n") == V{"A:2", "B?:3", "C?:4", "E:6"});
  }

  TEST_CASE("environ imported from os counts, the WSGI environ argument does not") {
    CHECK(found("s.py", "from os import environ\nk = environ['SECRET']\n") == V{"SECRET:2"});
    CHECK(found("w.py", "def app(environ, start):\n    p = environ['PATH_INFO']\n").empty());
  }

  TEST_CASE("ruby fetch with and without a default") {
    CHECK(found("c.rb", "a = ENV.fetch('A')\nb = ENV.fetch('B', 1)\nc = ENV.fetch('C') { 1 }\nENV['D'] = 'x'\n") ==
          V{"A:1", "B?:2", "C?:3"});
  }

  TEST_CASE("go LookupEnv and optional struct tags have defaults, required tags do not") {
    CHECK(found("m.go",
                "a := os.Getenv(\"A\")\n"
                "b, ok := os.LookupEnv(\"B\")\n"
                "type C struct { P int `env:\"P\"`; T string `env:\"T,required\"` }\n") ==
          V{"A:1", "B?:2", "P?:3", "T:3"});
  }

  TEST_CASE("rust option_env and if-let have defaults, env! and expect do not") {
    CHECK(found("m.rs",
                "let a = env::var(\"A\").expect(\"A\");\n"
                "let b = option_env!(\"B\");\n"
                "if let Ok(c) = std::env::var(\"C\") {}\n"
                "let d = env!(\"D\");\n") == V{"A:1", "B?:2", "C?:3", "D:4"});
  }

  TEST_CASE("php superglobals: env-style names only") {
    CHECK(found("i.php", "<?php\n$a = $_SERVER['HTTP_HOST'];\n$b = $_SERVER['QUEUE_URL'];\n$c = env('APP_KEY', 'x');\n") ==
          V{"QUEUE_URL:3", "APP_KEY?:4"});
  }

  TEST_CASE("shell: upper-case env reads, not locals, positionals or well-known variables") {
    CHECK(found("d.sh",
                "#!/bin/sh\n"
                "OUT=$(mktemp)\n"
                "name=x\n"
                "echo \"$OUT $name $1 $@ $HOME\"\n"
                "curl \"$API_URL\" -H \"$AUTH_HEADER\"\n"
                "echo '$LITERAL'\n"
                "r=\"${REGION:-eu}\"\n"
                ": \"${TOKEN:?missing}\"\n") == V{"API_URL:5", "AUTH_HEADER:5", "REGION?:7", "TOKEN:8"});
  }

  TEST_CASE("a shell variable the script assigns from its own default is still an input") {
    CHECK(found("d.sh", "LEVEL=\"${LEVEL:-info}\"\necho \"$LEVEL\"\n") == V{"LEVEL?:1"});
  }

  TEST_CASE("dockerfile ENV pairs, legacy ENV and ARG are definitions") {
    CHECK(found("Dockerfile", "FROM x\nARG NPM_TOKEN\nENV A=1 B=2\nENV LANG C.UTF-8\n") ==
          V{"=NPM_TOKEN:2", "=A:3", "=B:3", "=LANG:4"});
  }

  TEST_CASE("compose: map and list environment, passthrough reads, interpolation") {
    CHECK(found("docker-compose.yml",
                "services:\n"
                "  web:\n"
                "    image: app:${TAG:-latest}\n"
                "    environment:\n"
                "      DB_URL: postgres://db\n"
                "      PASSTHROUGH:\n"
                "    ports:\n"
                "      - \"80:80\"\n"
                "  worker:\n"
                "    environment:\n"
                "      - QUEUE=jobs\n"
                "      - SENTRY_DSN\n") == V{"TAG?:3", "PASSTHROUGH:6", "SENTRY_DSN:12", "=DB_URL:5", "=QUEUE:11"});
  }

  TEST_CASE("kubernetes env lists are definitions; ports names are not") {
    CHECK(found("k8s/deploy.yaml",
                "apiVersion: apps/v1\n"
                "kind: Deployment\n"
                "spec:\n"
                "  containers:\n"
                "    - name: web\n"
                "      env:\n"
                "      - name: DATABASE_URL\n"
                "        valueFrom:\n"
                "          secretKeyRef:\n"
                "            name: db\n"
                "      ports:\n"
                "        - name: http\n") == V{"=DATABASE_URL:7"});
  }

  TEST_CASE("github actions: secrets, vars and env contexts, env maps") {
    CHECK(found(".github/workflows/ci.yml",
                "env:\n"
                "  REGISTRY: ghcr.io\n"
                "jobs:\n"
                "  d:\n"
                "    environment:\n"
                "      name: production\n"
                "    steps:\n"
                "      - run: x\n"
                "        env:\n"
                "          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n"
                "          URL: ${{ vars.DEPLOY_URL }}\n") ==
          V{"DEPLOY_TOKEN:10", "DEPLOY_URL:11", "=REGISTRY:2", "=TOKEN:10", "=URL:11"});
  }

  TEST_CASE("the most specific glob picks the language") {
    auto lang = [](const std::string& path) {
      auto c = engine().candidates(path);
      return c.empty() ? std::string("-") : engine().language(c[0]).name;
    };
    CHECK(lang("docker-compose.prod.yml") == "docker-compose");
    CHECK(lang("x/.github/workflows/ci.yaml") == "github-actions");
    CHECK(lang("deploy/app.yaml") == "kubernetes");
    CHECK(lang("web/App.TSX") == "typescript");
    CHECK(lang("Dockerfile.dev") == "dockerfile");
    CHECK(lang("README.md") == "-");
  }

  TEST_CASE("yaml without apiVersion is not a kubernetes manifest") {
    auto c = engine().candidates("values.yaml");
    CHECK(engine().language(uint32_t(engine().pick_language(c, "env:\n  LOG_LEVEL: info\n"))).name == "yaml");
  }
}
