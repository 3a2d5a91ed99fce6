// Running the dossier command from tests: quoting for /bin/sh and capturing output.
#ifndef DOSSIER_TESTS_SHELL_H_
#define DOSSIER_TESTS_SHELL_H_

#include <stdio.h>
#include <sys/wait.h>

#include <string>

namespace dossier_test {

// `s` as one /bin/sh word.
inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs `cmd` with /bin/sh; its standard output goes to *out (when given). Returns the exit
// code, or -1 when it did not run or did not exit.
inline int Shell(const std::string& cmd, std::string* out = nullptr) {
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return -1;
  char buf[65536];
  size_t n;
  std::string o;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) o.append(buf, n);
  int status = pclose(p);
  if (out != nullptr) *out = std::move(o);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#if defined(DOSSIER_BINARY) && defined(DOSSIER_SOURCE_DIR)
// The bundled example corpus.
inline std::string ExamplesCorpus() { return std::string(DOSSIER_SOURCE_DIR) + "/examples/corpus"; }

// Builds `inputs` (paths as /bin/sh words) into the store `db` with the dossier command;
// its standard output and error go to *out. Returns the exit code.
inline int BuildStore(const std::string& db, const std::string& inputs, std::string* out) {
  return Shell(std::string(DOSSIER_BINARY) + " build --quiet --db " + db + " " + inputs + " 2>&1", out);
}
#endif

}  // namespace dossier_test

#endif  // DOSSIER_TESTS_SHELL_H_
