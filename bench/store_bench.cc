// Store figures at scale: ingest throughput into SQLite and `control --at` latency with one
// million events. Events are synthetic (places from the gazetteer, a fifth of them transfers);
// coding is measured elsewhere. usage: store_bench GAZETTEER DB_PATH [EVENTS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "sitrep/control.h"
#include "sitrep/gazetteer.h"
#include "sitrep/store.h"

using namespace sitrep;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: store_bench GAZETTEER DB_PATH [EVENTS]\n");
    return 2;
  }
  size_t target = argc > 3 ? std::stoul(argv[3]) : 1000000;
  auto g = Gazetteer::Open(argv[1]);
  if (!g.ok()) return 2;
  std::vector<PlaceRef> places;
  for (uint32_t i = 0; i < (*g)->size() && places.size() < 20000; ++i) {
    Place p = (*g)->place(i);
    if (p.kind != PlaceKind::kPopulated) continue;
    places.push_back(ToPlaceRef(p, p.name));
  }
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(std::string(argv[2]) + suffix);
  auto store = Store::Open(argv[2]);
  if (!store.ok()) return 2;
  std::mt19937_64 rng(7);
  const char* actors[] = {"Taliban", "Afghan government forces", "Rapid Support Forces", "M23",
                          "Wagner Group"};
  const EventType types[] = {EventType::kCapture,  EventType::kClash,   EventType::kAirstrike,
                             EventType::kShelling, EventType::kRetreat, EventType::kStatement,
                             EventType::kVisit,    EventType::kProtest, EventType::kClash,
                             EventType::kExplosion};
  size_t events = 0, docs = 0;
  IngestStats stats;
  auto t0 = std::chrono::steady_clock::now();
  while (events < target) {
    std::vector<std::pair<Document, std::vector<Event>>> batch;
    for (int d = 0; d < 200 && events < target; ++d, ++docs) {
      Document doc;
      doc.id = "b" + std::to_string(docs);
      doc.date = Date{2015, 1, 1}.AddDays(static_cast<int64_t>(rng() % 3650));
      doc.text = "Synthetic report " + std::to_string(docs) + ".";
      std::vector<Event> evs;
      for (int k = 0; k < 10 && events < target; ++k, ++events) {
        Event e;
        e.doc = doc.id;
        e.doc_date = doc.date;
        e.type = types[rng() % std::size(types)];
        e.actor1 = actors[rng() % std::size(actors)];
        e.actor2 = actors[rng() % std::size(actors)];
        e.place = places[rng() % places.size()];
        e.date = doc.date.AddDays(-static_cast<int64_t>(rng() % 6));
        e.date_end = doc.date;
        e.confidence = 0.8;
        e.evidence = {doc.text, 0, static_cast<uint32_t>(doc.text.size())};
        evs.push_back(std::move(e));
      }
      batch.emplace_back(std::move(doc), std::move(evs));
    }
    if (Status s = (*store)->IngestBatch(batch, &stats); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
  }
  double ingest_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "store ingest: %zu events (%zu new, %zu merged) from %zu documents in %.1f s = %.0f "
      "events/s\n",
      events, stats.events_new, stats.events_merged, docs, ingest_s, events / ingest_s);
  std::vector<double> ms;
  size_t rows = 0;
  for (int run = 0; run < 5; ++run) {
    auto t1 = std::chrono::steady_clock::now();
    auto timeline = ControlTimeline(**store);  // what `sitrep control --at` does
    if (!timeline.ok()) return 1;
    rows = ControlAt(*timeline, Date{2021, 8, 11}).size();
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf(
      "control --at 2021-08-11 over %zu events: %zu places, median %.0f ms (min %.0f, max %.0f)\n",
      events, rows, ms[2], ms[0], ms[4]);
  return 0;
}
