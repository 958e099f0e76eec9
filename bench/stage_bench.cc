// Per-stage benchmarks with the whole cities500 gazetteer loaded. Text comes from examples/,
// written for sitrep, repeated to a few hundred kilobytes.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sitrep/document.h"
#include "sitrep/event_writer.h"
#include "sitrep/gazetteer.h"
#include "src/extract/coder.h"
#include "src/extract/time_expressions.h"
#include "src/lexicon/place_matcher.h"
#include "src/resolve/place_ranking.h"
#include "src/util/embedded_data.h"

namespace sitrep {
namespace {

// The first documents of the generated benchmark corpus ($SITREP_BENCH_CORPUS, a JSON Lines file),
// or the bundled examples when it is not there.
const std::vector<Document>& SampleDocuments() {
  static const std::vector<Document> docs = [] {
    std::vector<Document> out;
    const char* corpus = std::getenv("SITREP_BENCH_CORPUS");
    std::string path = corpus ? corpus : std::string(SITREP_SOURCE_DIR) + "/examples";
    size_t bytes = 0;
    while (bytes < (1u << 20)) {
      size_t before = bytes;
      ReadInputs({path}, {}, [&](Result<Document> d) {
        if (d.ok()) {
          bytes += d->text.size();
          out.push_back(std::move(d).value());
        }
        return bytes < (1u << 20);
      });
      if (bytes == before) break;
    }
    return out;
  }();
  return docs;
}

const std::string& SampleText() {
  static const std::string text = [] {
    std::string all;
    for (const Document& d : SampleDocuments()) all += d.text + "\n\n";
    return all;
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
  const std::vector<std::string> names = {
      "Kabul",       "Mazar-i-Sharif", "Faizabad",       "Kharkiv",
      "Springfield", "San Jose",       "Nowhere-at-all", "Doha"};
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
    for (const Document& d : SampleDocuments()) out.push_back(d.text);
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

const CoderResources& Coder() {
  static auto r = LoadCoderResources(&World());
  return **r;
}

void BM_MatchActorsAndTimes(benchmark::State& state) {
  const std::string& text = SampleText();
  SegmentedText seg = Segment(text);
  Date date{2021, 8, 11};
  for (auto _ : state) {
    benchmark::DoNotOptimize(Coder().actors.Find(seg, Coder().demonyms));
    benchmark::DoNotOptimize(FindTimeExpressions(seg, text, date));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_MatchActorsAndTimes)->Unit(benchmark::kMillisecond);

void BM_Read(benchmark::State& state) {
  const char* corpus = std::getenv("SITREP_BENCH_CORPUS");
  std::string path = corpus ? corpus : std::string(SITREP_SOURCE_DIR) + "/examples";
  size_t bytes = 0;
  for (auto _ : state) {
    size_t got = 0;
    ReadInputs({path}, {}, [&](Result<Document> d) {
      if (d.ok()) got += d->text.size();
      return got < (8u << 20);
    });
    bytes += got;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Read)->Unit(benchmark::kMillisecond);

// Everything after reading: segment, recognise, code and resolve, per document.
void BM_CodeDocuments(benchmark::State& state) {
  size_t events = 0;
  for (auto _ : state) {
    for (const Document& d : SampleDocuments()) events += CodeDocument(Coder(), d).size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * SampleText().size()));
  state.counters["events"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CodeDocuments)->Unit(benchmark::kMillisecond);

void BM_WriteJsonl(benchmark::State& state) {
  std::vector<Event> events;
  for (const Document& d : SampleDocuments()) {
    for (Event& e : CodeDocument(Coder(), d)) events.push_back(std::move(e));
  }
  std::ostringstream sink;
  auto writer = std::move(MakeEventWriter("jsonl", sink)).value();
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (const Event& e : events) writer->Format(e, &out);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * events.size()));
}
BENCHMARK(BM_WriteJsonl)->Unit(benchmark::kMillisecond);

void BM_MatchAndRankPlacesPerDocument(benchmark::State& state) {
  // Ranking is per document, so rank document-sized pieces.
  static const DemonymIndex demonyms = LoadDemonyms(EmbeddedData("countries.tsv"));
  const std::string& text = SampleText();
  for (auto _ : state) {
    for (const auto& d : SampleDocs()) {
      SegmentedText seg = Segment(d);
      auto m = FindPlaceMentions(World(), seg, d);
      benchmark::DoNotOptimize(
          RankPlaces(World(), seg, m, FocusCountry(World(), seg, m, demonyms)));
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
