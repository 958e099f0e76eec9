// The store's query commands: events, control, timeline, captures, claims.
//
// Filters are read the way an analyst types them: case does not matter, a place is looked up in
// the gazetteer ("Kondoz" and "Mazari Sharif" find Kunduz and Mazār-e Sharīf), a filter that
// matches nothing says so on stderr and exits 1, and a wrong --type lists the valid ones.
#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <set>
#include <tuple>

#include "sitrep/control.h"
#include "sitrep/gazetteer.h"
#include "sitrep/store.h"
#include "sitrep/text.h"
#include "src/resolve/place_ranking.h"
#include "tools/sitrep/commands.h"
#include "tools/sitrep/output.h"

namespace sitrep::cli {

namespace {

struct Common {
  std::string db = "sitrep.db", format, gazetteer;
  TableOptions table;
};

void AddCommon(CLI::App* cmd, Common* c) {
  cmd->add_option("--db", c->db, "SQLite database (default sitrep.db)");
  cmd->add_option("--format", c->format, "table, jsonl or csv (default: table on a terminal)")
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
  cmd->add_option("--gazetteer", c->gazetteer, "Compiled gazetteer (default: the one setup built)");
  AddTableOptions(cmd, &c->table);
}

std::string Upper(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}
std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// --type, in any case; an unknown one is a usage error that lists the valid names.
bool ParseTypeFlag(const std::string& name, std::optional<EventType>* type) {
  if (name.empty()) return true;
  *type = EventTypeFromName(Lower(name));
  if (*type) return true;
  std::cerr << "sitrep: unknown event type '" << name << "'; valid types:";
  for (int i = 0; i < kEventTypeCount; ++i)
    std::cerr << (i ? ", " : " ") << EventTypeName(static_cast<EventType>(i));
  std::cerr << "\n";
  return false;
}

// The gazetteer's readings of a place name the user typed: the places called so (in the country
// of the best of them, or of --country), else those whose transliteration skeleton it has when
// the spelling is close (one letter off in a short name, two in a longer one: "Xyzzy" is not
// Gaza). Says on stderr which place a name that is not the place's own was read as.
std::vector<uint32_t> PlaceReadings(const std::string& gazetteer_path, const std::string& name,
                                    const std::string& country) {
  std::vector<uint32_t> ids;
  auto g = Gazetteer::Open(gazetteer_path.empty() ? DefaultGazetteerPath() : gazetteer_path);
  if (!g.ok()) return ids;  // names as stored still match
  std::vector<NamedPlace> found = PlacesNamed(**g, name, Upper(country));
  std::string_view best_country;
  const NamedPlace* best = nullptr;
  for (const NamedPlace& n : found) {
    if (n.fuzzy) {
      double distance = 2 * (PriorScore(n.place) - n.score - 1.5);  // FuzzyCost's distance
      if (distance > (name.size() <= 6 ? 1.01 : 2.01)) continue;
    }
    if (!best) {
      best = &n;
      best_country = n.place.country;
    }
    if (n.place.country != best_country || n.place.geonames_id == 0) continue;
    ids.push_back(n.place.geonames_id);
  }
  if (best && MatchKey(best->place.name) != MatchKey(name)) {
    std::cerr << "sitrep: '" << name << "' read as " << best->place.name << " ("
              << best->place.admin1 << ", " << best->place.country << ")\n";
  }
  return ids;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& db) {
  if (FILE* f = std::fopen(db.c_str(), "rb")) {
    std::fclose(f);
  } else {
    return Status::NotFound(db + ": no such database (create it with `sitrep ingest`)");
  }
  return Store::Open(db, /*read_only=*/true);
}

std::optional<Date> ParseDateFlag(const std::string& s, const char* flag, bool* bad) {
  if (s.empty()) return std::nullopt;
  auto d = Date::Parse(s);
  if (!d) {
    std::cerr << "sitrep: " << flag << " wants a date YYYY-MM-DD, got '" << s << "'\n";
    *bad = true;
  }
  return d;
}

int Fail(const Status& s) {
  std::cerr << "sitrep: " << s.ToString() << "\n";
  return s.code() == Status::Code::kNotFound || s.code() == Status::Code::kInvalidArgument
             ? kExitUsage
             : kExitRejected;
}

Cell Str(const std::string& s) { return s.empty() ? Cell{} : Cell{s}; }

// By place name as a reader sorts it (case and diacritics aside), then division and country.
void SortByPlaceName(std::vector<ControlInterval>* v) {
  auto key = [](const ControlInterval& iv) {
    return std::make_tuple(MatchKey(iv.place.name), MatchKey(iv.place.admin1), iv.place.country);
  };
  std::stable_sort(v->begin(), v->end(), [&](const ControlInterval& a, const ControlInterval& b) {
    return key(a) < key(b);
  });
}

// What a table shows without --columns: enough to read, narrow enough for a terminal (names the
// rows lack are skipped). jsonl and csv keep every column.
const std::vector<std::string> kEventTableColumns = {"date",   "type",       "place",   "actor1",
                                                     "actor2", "confidence", "evidence"};
const std::vector<std::string> kIntervalTableColumns = {
    "place", "status", "controller",  "contested_by",    "claimed_by", "last_holder",
    "since", "until",  "reports_for", "reports_against", "correction", "evidence"};
const std::vector<std::string> kDivisionTableColumns = {
    "name",       "capital",     "status", "controller", "contested_by",
    "claimed_by", "last_holder", "since",  "correction"};
const std::vector<std::string> kClaimTableColumns = {"doc",   "claim",   "counts",     "claimed",
                                                     "coded", "verdict", "explanation"};

// Opens the store, runs the filter and prints the events; the distinct places they name are
// counted into *places when asked. Returns the exit code.
int PrintEvents(const Common& c, const EventFilter& f, size_t* places = nullptr) {
  auto store = OpenStore(c.db);
  if (!store.ok()) return Fail(store.status());
  auto events = (*store)->Events(f);
  if (!events.ok()) return Fail(events.status());
  if (events->empty()) {
    if (!f.place.empty() && f.place_ids.empty()) {
      std::cerr << "sitrep: no place matches '" << f.place << "'\n";
    } else {
      std::cerr << "sitrep: no events match\n";
    }
    return kExitRejected;
  }
  std::set<std::string> keys;
  RowOutput out(c.format, rows::EventColumns(), c.table, kEventTableColumns);
  if (!out.ok()) return Fail(out.status());
  for (const auto& se : *events) {
    if (se.event.place) keys.insert(PlaceKey(*se.event.place));
    out.Row(rows::EventCells(se));
  }
  out.End();
  if (places) *places = keys.size();
  return kExitOk;
}

// The divisions of the countries in force (or `country`), each with its capital's status; the
// count of capitals each side holds goes to stderr, for people.
int PrintDivisions(const Common& c, const std::string& country,
                   const std::vector<ControlInterval>& in_force, Date at) {
  auto g = Gazetteer::Open(c.gazetteer.empty() ? DefaultGazetteerPath() : c.gazetteer);
  if (!g.ok()) return Fail(g.status());
  std::vector<std::string> countries;
  if (!country.empty()) countries.push_back(country);
  for (const auto& iv : in_force) {
    if (country.empty() &&
        std::find(countries.begin(), countries.end(), iv.place.country) == countries.end())
      countries.push_back(iv.place.country);
  }
  auto divisions = DivisionsAt(**g, countries, in_force);
  RowOutput out(c.format, rows::DivisionColumns(), c.table, kDivisionTableColumns);
  if (!out.ok()) return Fail(out.status());
  for (const auto& d : divisions) out.Row(rows::DivisionCells(d));
  out.End();
  for (const CapitalCount& n : CountHeldCapitals(divisions)) {
    std::cerr << "sitrep: " << n.country << ": " << n.held << " of " << n.total
              << " provincial capitals held by " << n.holder << " on " << at.ToString() << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddControlRuleOptions(CLI::App* cmd, ControlRules* rules) {
  cmd->add_option("--stale-after", rules->stale_after_days,
                  "Days without a report after which a holder becomes unknown (default 30)")
      ->check(CLI::Range(1, 36500));
  cmd->add_option("--challenge-days", rules->challenge_days,
                  "Days a contest or a claim lasts after its last report (default 7)")
      ->check(CLI::Range(1, 3650));
}

void RegisterQueries(CLI::App& app, Action* run) {
  // --- events ---
  {
    struct Args {
      Common c;
      std::string type, place, admin1, country, actor, since, until, feature;
      double min_conf = 0;
      size_t limit = 0;
      bool current_only = false;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand("events", "List stored events (merged across reports)");
    AddCommon(cmd, &a->c);
    cmd->add_option("--type", a->type, "capture, clash, ...");
    cmd->add_option("--place", a->place, "Place name, any spelling");
    cmd->add_option("--admin1", a->admin1, "First-level division");
    cmd->add_option("--country", a->country, "ISO country code");
    cmd->add_option("--actor", a->actor, "Actor (either role)");
    cmd->add_option("--since", a->since, "Events that end on or after this date");
    cmd->add_option("--until", a->until, "Events that start on or before this date");
    cmd->add_option("--feature", a->feature, "GeoNames feature code (PPLA, PPLC, ...)");
    cmd->add_option("--min-confidence", a->min_conf, "Minimum confidence");
    cmd->add_option("--limit", a->limit, "At most this many");
    cmd->add_flag("--current", a->current_only, "Leave out historical events");
    cmd->callback([a, run] {
      *run = [a] {
        EventFilter f;
        bool bad = false;
        if (!ParseTypeFlag(a->type, &f.type)) return kExitUsage;
        f.place = a->place;
        if (!f.place.empty()) f.place_ids = PlaceReadings(a->c.gazetteer, a->place, a->country);
        f.admin1 = a->admin1;
        f.country = a->country;
        f.actor = a->actor;
        f.since = ParseDateFlag(a->since, "--since", &bad);
        f.until = ParseDateFlag(a->until, "--until", &bad);
        f.feature = a->feature;
        f.min_confidence = a->min_conf;
        f.limit = a->limit;
        f.include_historical = !a->current_only;
        if (bad) return kExitUsage;
        return PrintEvents(a->c, f);
      };
    });
  }
  // --- control ---
  {
    struct Args {
      Common c;
      std::string at, country, feature;
      bool divisions = false;
      ControlRules rules;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand("control", "Who held each place on a date");
    AddCommon(cmd, &a->c);
    cmd->add_option("--at", a->at, "Date YYYY-MM-DD")->required();
    cmd->add_option("--country", a->country, "ISO country code");
    cmd->add_option("--feature", a->feature, "GeoNames feature code (PPLA, ...)");
    cmd->add_flag("--divisions", a->divisions,
                  "One row per first-level division, with its capital's status, and the count of "
                  "capitals each side holds");
    AddControlRuleOptions(cmd, &a->rules);
    cmd->callback([a, run] {
      *run = [a] {
        bool bad = false;
        auto at = ParseDateFlag(a->at, "--at", &bad);
        if (bad) return kExitUsage;
        auto store = OpenStore(a->c.db);
        if (!store.ok()) return Fail(store.status());
        // The whole record, so an interval shows when it ended even after `at` (as the API does).
        auto t = ControlTimeline(**store, std::nullopt, a->rules);
        if (!t.ok()) return Fail(t.status());
        std::vector<ControlInterval> in_force = ControlAt(*t, *at);
        std::erase_if(in_force, [&](const ControlInterval& iv) {
          return (!a->country.empty() && iv.place.country != Upper(a->country)) ||
                 (!a->feature.empty() && iv.place.feature != Upper(a->feature));
        });
        if (a->divisions) return PrintDivisions(a->c, Upper(a->country), in_force, *at);
        if (in_force.empty()) {
          std::cerr << "sitrep: no places match\n";
          return kExitRejected;
        }
        SortByPlaceName(&in_force);
        RowOutput out(a->c.format, rows::IntervalColumns(), a->c.table, kIntervalTableColumns);
        if (!out.ok()) return Fail(out.status());
        for (const auto& iv : in_force) out.Row(rows::IntervalCells(iv));
        out.End();
        return kExitOk;
      };
    });
  }
  // --- timeline ---
  {
    struct Args {
      Common c;
      std::string place;
      ControlRules rules;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd =
        app.add_subcommand("timeline", "A place's control intervals with their evidence");
    AddCommon(cmd, &a->c);
    AddControlRuleOptions(cmd, &a->rules);
    cmd->add_option("place", a->place, "Place name, any spelling")->required();
    cmd->callback([a, run] {
      *run = [a] {
        auto store = OpenStore(a->c.db);
        if (!store.ok()) return Fail(store.status());
        auto t = ControlTimeline(**store, std::nullopt, a->rules);
        if (!t.ok()) return Fail(t.status());
        std::string key = MatchKey(a->place);
        std::vector<uint32_t> ids = PlaceReadings(a->c.gazetteer, a->place, "");
        std::vector<ControlInterval> found;
        for (const auto& iv : *t) {
          bool by_id = iv.place.geonames_id != 0 &&
                       std::find(ids.begin(), ids.end(), iv.place.geonames_id) != ids.end();
          if (by_id || MatchKey(iv.place.name) == key || MatchKey(iv.place.matched) == key)
            found.push_back(iv);
        }
        if (found.empty()) {
          if (ids.empty()) {
            std::cerr << "sitrep: no place matches '" << a->place << "'\n";
          } else {
            std::cerr << "sitrep: no control record for '" << a->place << "'\n";
          }
          return kExitRejected;
        }
        RowOutput out(a->c.format, rows::IntervalColumns(), a->c.table, kIntervalTableColumns);
        if (!out.ok()) return Fail(out.status());
        for (const auto& iv : found) out.Row(rows::IntervalCells(iv));
        out.End();
        return kExitOk;
      };
    });
  }
  // --- captures ---
  {
    struct Args {
      Common c;
      std::string since, until, feature, country;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand("captures", "Places captured in a period (count and list)");
    AddCommon(cmd, &a->c);
    cmd->add_option("--since", a->since, "From this date")->required();
    cmd->add_option("--until", a->until, "To this date (default: no end)");
    cmd->add_option("--feature", a->feature, "GeoNames feature code (PPLA, ...)");
    cmd->add_option("--country", a->country, "ISO country code");
    cmd->callback([a, run] {
      *run = [a] {
        bool bad = false;
        EventFilter f;
        f.type = EventType::kCapture;
        f.since = ParseDateFlag(a->since, "--since", &bad);
        f.until = ParseDateFlag(a->until, "--until", &bad);
        f.feature = a->feature;
        f.country = a->country;
        f.include_historical = false;
        if (bad) return kExitUsage;
        size_t places = 0;
        int rc = PrintEvents(a->c, f, &places);
        if (rc == kExitOk) std::cerr << "sitrep: " << places << " places captured\n";
        return rc;
      };
    });
  }
  // --- claims ---
  {
    struct Args {
      Common c;
      std::string data_dir;
    };
    auto a = std::make_shared<Args>();
    CLI::App* cmd =
        app.add_subcommand("claims", "Quantitative claims in the reports against the coded record");
    AddCommon(cmd, &a->c);
    cmd->add_option("--data", a->data_dir,
                    "A folder laid out like data/ whose files replace the compiled-in dictionaries")
        ->check(CLI::ExistingDirectory);
    cmd->callback([a, run] {
      *run = [a] {
        auto store = OpenStore(a->c.db);
        if (!store.ok()) return Fail(store.status());
        auto g = Gazetteer::Open(a->c.gazetteer.empty() ? DefaultGazetteerPath() : a->c.gazetteer);
        auto ids = (*store)->DocumentIds();
        if (!ids.ok()) return Fail(ids.status());
        EventFilter f;
        f.include_historical = false;
        auto events = (*store)->Events(f);
        if (!events.ok()) return Fail(events.status());
        RowOutput out(a->c.format,
                      {"doc", "claim", "counts", "claimed", "coded", "since", "until", "country",
                       "days_reported", "days_in_span", "verdict", "explanation", "evidence",
                       "evidence_start", "evidence_end"},
                      a->c.table, kClaimTableColumns);
        if (!out.ok()) return Fail(out.status());
        // A claim's country: where its own document's captures are (one pass over the record).
        std::map<std::string, std::map<std::string, int>> captures_by_doc;
        for (const auto& se : *events) {
          if (se.event.type != EventType::kCapture || !se.event.place) continue;
          for (const auto& r : se.reports) captures_by_doc[r.doc][se.event.place->country]++;
        }
        std::map<std::string, std::string> claim_country;
        for (const auto& [doc_id, counts] : captures_by_doc) {
          int most = 0;
          for (const auto& [cc, n] : counts) {
            if (n > most) {
              claim_country[doc_id] = cc;
              most = n;
            }
          }
        }
        size_t found = 0;
        for (const std::string& id : *ids) {
          auto doc = (*store)->GetDocument(id);
          if (!doc.ok()) return Fail(doc.status());
          const std::string& country = claim_country[id];
          int capitals = 0;
          if (g.ok() && !country.empty()) capitals = CountCapitals(**g, country);
          auto claims = FindClaims(*doc, a->data_dir);
          if (!claims.ok()) return Fail(claims.status());
          for (Claim& c : *claims) {
            c.country = country;
            JudgeClaim(*events, capitals, &c);
            out.Row({c.doc, c.text, std::string(ClaimCountsName(c.counts)),
                     static_cast<int64_t>(c.claimed), static_cast<int64_t>(c.coded),
                     c.since.ToString(), c.until.ToString(), Str(c.country),
                     static_cast<int64_t>(c.days_reported), static_cast<int64_t>(c.days_in_span),
                     c.verdict, c.explanation, c.evidence.sentence,
                     static_cast<int64_t>(c.evidence.start), static_cast<int64_t>(c.evidence.end)});
            ++found;
          }
        }
        out.End();
        if (!found) {
          std::cerr << "sitrep: no claims in the reports\n";
          return kExitRejected;
        }
        return kExitOk;
      };
    });
  }
}

}  // namespace sitrep::cli
