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

// A `sitrep serve --port 0 ...` started for a test: its pid and the port it printed.
struct ServerProcess {
  int pid = -1;
  int port = 0;
};
// Starts the server with `args` after "serve --port 0", stderr to `log`, and waits (at most 30 s)
// for the port it prints. pid -1 if it did not start.
ServerProcess StartServer(const std::vector<std::string>& args,
                          const std::string& log = "/dev/null");

// The shared/ folder beside the checkout (reference article and gold), or empty if absent.
std::string SharedDir();

}  // namespace sitrep::testing

#endif  // SITREP_TESTS_E2E_CLI_RUNNER_H_
