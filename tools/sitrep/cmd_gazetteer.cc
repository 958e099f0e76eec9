// sitrep gazetteer build DUMP... [--admin1 FILE]... [--admin2 FILE]... -o FILE
#include <chrono>
#include <iostream>

#include "sitrep/gazetteer.h"
#include "tools/sitrep/commands.h"
#include "tools/sitrep/files.h"

namespace sitrep::cli {

void RegisterGazetteer(CLI::App& app, Action* run) {
  struct Args {
    GazetteerSources sources;
    std::string out, countries, aliases, filters;
  };
  auto args = std::make_shared<Args>();
  CLI::App* gaz = app.add_subcommand("gazetteer", "Build the compiled gazetteer");
  gaz->require_subcommand(1);
  CLI::App* build = gaz->add_subcommand("build", "Compile GeoNames dumps into a gazetteer file");
  build
      ->add_option("dumps", args->sources.dumps, "GeoNames dumps (cities500.txt, allCountries.txt)")
      ->required();
  build->add_option("--admin1", args->sources.admin1,
                    "First-level division names: admin1CodesASCII.txt or admin1.json");
  build->add_option("--admin2", args->sources.admin2,
                    "Second-level division (district) names: admin2Codes.txt or admin2.json");
  build->add_option("-o,--output", args->out, "Gazetteer file to write")->required();
  build->add_option("--countries", args->countries,
                    "Country list (default: the built-in data/countries.tsv)");
  build->add_option("--aliases", args->aliases,
                    "Alias list (default: the built-in data/aliases.tsv)");
  build->add_option("--name-filters", args->filters, "Common-word list (default: built-in)");
  build->callback([args, run] {
    *run = [args] {
      GazetteerSources src = args->sources;
      for (auto [path, target] : {std::pair{&args->countries, &src.countries_tsv},
                                  std::pair{&args->aliases, &src.aliases_tsv},
                                  std::pair{&args->filters, &src.name_filters_tsv}}) {
        if (path->empty()) continue;
        auto text = ReadWholeFile(*path);
        if (!text.ok()) {
          std::cerr << "sitrep: " << text.status().ToString() << "\n";
          return kExitUsage;
        }
        *target = *text;
      }
      auto t0 = std::chrono::steady_clock::now();
      GazetteerBuildStats stats;
      Status st = BuildGazetteer(src, args->out, &stats);
      if (!st.ok()) {
        std::cerr << "sitrep: " << st.ToString() << "\n";
        return st.code() == Status::Code::kInvalidInput ? kExitRejected : kExitUsage;
      }
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::cerr << "sitrep: wrote " << args->out << ": " << stats.places << " places, "
                << stats.divisions << " divisions, " << stats.districts << " districts ("
                << stats.districts_at_division << " at their division's centroid), "
                << stats.countries << " countries, " << stats.names << " names (" << stats.aliases
                << " aliases), " << stats.fuzzy_keys << " fuzzy keys, "
                << stats.file_bytes / (1 << 20) << " MiB in " << secs << " s\n";
      return kExitOk;
    };
  });
}

}  // namespace sitrep::cli
