#include <cstdio>

#include "cli/commands.h"

namespace dossier {

// The HTTP API and web UI are not built yet (no open issue asks for them so far).
int RunServe(const std::string& db, int port) {
  std::fprintf(stderr, "dossier serve: the web UI is not part of this version yet\n");
  return 2;
}

}  // namespace dossier
