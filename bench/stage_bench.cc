// Per-stage benchmarks with the whole cities500 gazetteer loaded. Text comes from examples/,
// written for sitrep, repeated to a few hundred kilobytes.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sitrep/document.h"
#include "sitrep/gazetteer.h"
#include "src/lexicon/place_matcher.h"
#include "src/resolve/place_ranking.h"
#include "src/util/embedded_data.h"

namespace sitrep {
namespace {

const std::string& SampleText() {
  static const std::string text = [] {
    std::string all;
    Status st = ReadInputs({std::string(SITREP_SOURCE_DIR) + "/examples"}, {}, [&](Result<Document> d) {
      if (d.ok()) all += d->text + "\n\n";
      return true;
    });
    std::string out;
    while (out.size() < (256u << 10)) out += all;
    return out;
  }();
  return text;
}

const Gazetteer& World() {
  static auto g = Gazetteer::Open(SITREP_BENCH_GAZETTEER);
  return **g;
}

void BM_GazetteerOpen(benchmark::State& state) {
  for (auto _ : state) {
    auto g = Gazetteer::Open(SITREP_BENCH_GAZETTEER);
    if (!g.ok()) state.SkipWithError(g.status().ToString().c_str());
    benchmark::DoNotOptimize(g);
  }
}
BENCHMARK(BM_GazetteerOpen)->Unit(benchmark::kMillisecond);

void BM_GazetteerLookup(benchmark::State& state) {
  const std::vector<std::string> names = {"Kabul", "Mazar-i-Sharif", "Faizabad", "Kharkiv",
                                          "Springfield", "San Jose", "Nowhere-at-all", "Doha"};
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(World().Lookup(names[i++ % names.size()]));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_GazetteerLookup);

// News reports are a few kilobytes: stages run per document, so measure them that way.
const std::vector<std::string>& SampleDocs() {
  static const std::vector<std::string> docs = [] {
    std::vector<std::string> out;
    const std::string& text = SampleText();
    for (size_t at = 0; at < text.size(); at += 3000) out.push_back(text.substr(at, 3000));
    return out;
  }();
  return docs;
}

void BM_Segment(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& d : SampleDocs()) benchmark::DoNotOptimize(Segment(d));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * SampleText().size()));
}
BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond);

void BM_MatchPlaces(benchmark::State& state) {
  const std::string& text = SampleText();
  SegmentedText seg = Segment(text);
  for (auto _ : state) benchmark::DoNotOptimize(FindPlaceMentions(World(), seg, text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_MatchPlaces)->Unit(benchmark::kMillisecond);

void BM_MatchAndRankPlacesPerDocument(benchmark::State& state) {
  // Ranking is per document, so rank document-sized pieces.
  static const DemonymIndex demonyms = LoadDemonyms(EmbeddedData("countries.tsv"));
  const std::string& text = SampleText();
  for (auto _ : state) {
    for (const auto& d : SampleDocs()) {
      SegmentedText seg = Segment(d);
      auto m = FindPlaceMentions(World(), seg, d);
      benchmark::DoNotOptimize(RankPlaces(World(), seg, m, FocusCountry(World(), seg, m, demonyms)));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_MatchAndRankPlacesPerDocument)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sitrep

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.1f MB (gazetteer mapped: %.1f MB)\n", ru.ru_maxrss / 1024.0,
              std::filesystem::file_size(SITREP_BENCH_GAZETTEER) / 1048576.0);
  return 0;
}
