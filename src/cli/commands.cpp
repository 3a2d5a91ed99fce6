#include "cli/commands.h"

#include <cstdio>

namespace dossier {

static int NotYet(const char* what) {
  std::fprintf(stderr, "dossier %s: not available yet\n", what);
  return 2;
}

int RunBuild(const std::string&, const std::vector<std::string>&, int, bool) { return NotYet("build"); }
int RunDocs(const std::string&, bool, bool) { return NotYet("docs"); }
int RunEntities(const std::string&, bool) { return NotYet("entities"); }
int RunEvents(const std::string&, bool) { return NotYet("events"); }
int RunTimeline(const std::string&, bool) { return NotYet("timeline"); }
int RunConflicts(const std::string&, bool) { return NotYet("conflicts"); }
int RunAsk(const std::string&, const std::string&, bool) { return NotYet("ask"); }
int RunExport(const std::string&, const std::string&) { return NotYet("export"); }
int RunServe(const std::string&, int) { return NotYet("serve"); }

}  // namespace dossier
