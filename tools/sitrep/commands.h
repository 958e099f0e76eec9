// The subcommands of the sitrep CLI: each file registers one on the CLI11 app.
#ifndef SITREP_TOOLS_SITREP_COMMANDS_H_
#define SITREP_TOOLS_SITREP_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>

#include "sitrep/control.h"

namespace sitrep::cli {

// Exit codes: 0 all done, 1 some input rejected (count on stderr), 2 usage or setup error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRejected = 1;
inline constexpr int kExitUsage = 2;

// Each Register* adds a subcommand and sets *run to its action when it is chosen.
using Action = std::function<int()>;
void RegisterCode(CLI::App& app, Action* run);
void RegisterGazetteer(CLI::App& app, Action* run);
void RegisterPlaces(CLI::App& app, Action* run);
void RegisterIngest(CLI::App& app, Action* run);
void RegisterQueries(CLI::App& app, Action* run);
void RegisterServe(CLI::App& app, Action* run);

// --stale-after and --challenge-days: how long evidence of control lasts (see ControlRules).
void AddControlRuleOptions(CLI::App* cmd, ControlRules* rules);

}  // namespace sitrep::cli

#endif  // SITREP_TOOLS_SITREP_COMMANDS_H_
