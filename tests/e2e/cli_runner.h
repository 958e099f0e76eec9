// Runs the sitrep binary as a user would and captures what it says. For end-to-end tests.
#ifndef SITREP_TESTS_E2E_CLI_RUNNER_H_
#define SITREP_TESTS_E2E_CLI_RUNNER_H_

#include <string>
#include <vector>

namespace sitrep::testing {

struct CliResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs SITREP_BINARY with `args`, feeding `input` on stdin.
CliResult RunSitrep(const std::vector<std::string>& args, const std::string& input = "");

// Starts SITREP_BINARY with `args` (stdin from /dev/null, output discarded) and returns its pid.
int StartSitrep(const std::vector<std::string>& args);
// Waits for a started process; returns its exit code (128 + signal if killed).
int WaitSitrep(int pid);

// The shared/ folder beside the checkout (reference article and gold), or empty if absent.
std::string SharedDir();

}  // namespace sitrep::testing

#endif  // SITREP_TESTS_E2E_CLI_RUNNER_H_
