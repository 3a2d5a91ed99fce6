#include <cstdio>

#include "cli/commands.h"

namespace dossier {

int RunAsk(const std::string& db, const std::string& question, bool json) {
  std::fprintf(stderr, "dossier ask: not available yet\n");
  return 2;
}

}  // namespace dossier
