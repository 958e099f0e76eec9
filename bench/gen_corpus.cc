// Writes a deterministic benchmark corpus of dated reports from templates written for sitrep,
// with places drawn from the gazetteer and actors from data/actors.tsv, so the coder has real work
// in every sentence. usage: gen_corpus GAZETTEER OUT_DIR MEGABYTES
// Produces OUT_DIR/corpus.jsonl and OUT_DIR/dated/NNN/*.txt of about MEGABYTES each, and
// OUT_DIR/manifest.txt with document and sentence counts.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "sitrep/gazetteer.h"
#include "src/lexicon/tsv.h"
#include "src/util/embedded_data.h"

namespace {

using namespace sitrep;

const char* kTemplates[] = {
    "{GROUP} fighters captured {PLACE} {TIME}, {SOURCE} said.",
    "{FORCES} recaptured {PLACE} {TIME} after days of heavy fighting.",
    "Heavy clashes erupted in {PLACE} between {FORCES} and {GROUP} fighters {TIME}.",
    "{PLACE} fell to {GROUP} {TIME}, residents said.",
    "{PERSON} visited {PLACE} {TIME} to meet local commanders.",
    "Warplanes struck {GROUP} positions near {PLACE} overnight, {SOURCE} said.",
    "{FORCES} withdrew from {PLACE} {TIME} to avoid being encircled.",
    "Shelling hit a market in {PLACE}, killing {N} people, medics said.",
    "{GROUP} fighters are trying to reach {PLACE}, officials warned.",
    "Protesters rallied in {PLACE} {TIME} against rising bread prices.",
    "Talks between {GROUP} and the government resumed in {PLACE} {TIME}.",
    "{GROUP} first took {PLACE} in {YEAR}, before being pushed out.",
    "Aid agencies said food prices in {PLACE} had doubled since {MONTH}.",
    "Officials in {PLACE} said the roads to the north remained closed for a {NTH} day.",
    "A roadside bomb exploded near {PLACE} {TIME}, wounding {N} soldiers.",
    "\"We will hold {PLACE} whatever it costs,\" said {PERSON}.",
    "{FORCES} did not enter {PLACE}, a spokesman insisted.",
    "Residents of {PLACE} described long queues for fuel and water.",
    // Context without events, as most of a real report is.
    "The conflict has displaced more than {N} thousand people from the province around {PLACE}.",
    "Analysts said the fighting could shape negotiations over the future of the region.",
    "Schools in {PLACE} have been closed for {N} weeks, according to the education ministry.",
    "The United Nations appealed for more funding to feed families sheltering near {PLACE}.",
    "Prices of flour and cooking oil have risen sharply since {MONTH}, traders said.",
    "Hospitals in the area reported shortages of medicine and fuel for generators.",
    "{PERSON} has repeatedly called for international support.",
    "Mobile networks in {PLACE} were down for most of the day, residents said.",
    "The road between {PLACE} and the capital is the main route for aid convoys.",
    "Local elders said they feared a long winter without electricity.",
};
const char* kTimes[] = {
    "on Monday",      "on Tuesday", "on Wednesday",       "overnight", "on Friday",
    "since Saturday", "last week",  "earlier this month", "on Sunday", ""};
const char* kSources[] = {"a local official", "the regional governor", "a military spokesman",
                          "witnesses", "a monitoring group"};
const char* kMonths[] = {"January", "March", "May", "July", "September", "November"};
const char* kNth[] = {"second", "third", "fourth", "fifth"};

struct Country {
  std::string demonym;
  std::vector<std::string> places;
};

std::string Fill(std::string s, const std::map<std::string, std::string>& slots) {
  for (const auto& [k, v] : slots) {
    for (size_t at; (at = s.find(k)) != std::string::npos;) s.replace(at, k.size(), v);
  }
  // An empty {TIME} leaves a space before punctuation.
  for (const char* gap : {"  ", " ,", " ."}) {
    for (size_t at; (at = s.find(gap)) != std::string::npos;) s.erase(at, 1);
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: gen_corpus GAZETTEER OUT_DIR MEGABYTES\n");
    return 2;
  }
  auto g = Gazetteer::Open(argv[1]);
  if (!g.ok()) {
    std::fprintf(stderr, "%s\n", g.status().ToString().c_str());
    return 2;
  }
  namespace fs = std::filesystem;
  fs::path out = argv[2];
  const size_t target = static_cast<size_t>(std::stoul(argv[3])) << 20;
  fs::create_directories(out / "dated");

  // Conflict countries with their demonyms (data/countries.tsv) and larger towns (gazetteer).
  std::map<std::string, Country> countries;
  for (std::string_view line : tsv::SplitOn(EmbeddedData("countries.tsv"), '\n')) {
    std::vector<std::string_view> cols;
    if (line.empty() || line[0] == '#') continue;
    tsv::Split(line, &cols);
    if (cols.size() >= 4 && !cols[3].empty())
      countries[std::string(cols[0])].demonym = tsv::SplitOn(cols[3], ';')[0];
  }
  for (uint32_t i = 0; i < (*g)->size(); ++i) {
    Place p = (*g)->place(i);
    if (p.kind != PlaceKind::kPopulated || (p.rank < 2 && p.population < 50000)) continue;
    auto it = countries.find(std::string(p.country));
    if (it != countries.end() && p.name.find(' ') == std::string_view::npos)
      it->second.places.emplace_back(p.name);
  }
  std::vector<std::string> groups, persons;
  for (std::string_view line : tsv::SplitOn(EmbeddedData("actors.tsv"), '\n')) {
    std::vector<std::string_view> cols;
    if (line.empty() || line[0] == '#') continue;
    tsv::Split(line, &cols);
    if (cols.size() < 4) continue;
    if (cols[2] == "group") groups.emplace_back(cols[0]);
    if (cols[2] == "person" && cols[0].find(' ') != std::string_view::npos)
      persons.emplace_back(cols[0]);
  }
  std::vector<const Country*> conflict;
  for (const char* cc :
       {"AF", "UA", "SD", "ML", "BF", "MM", "YE", "SY", "CD", "SO", "NG", "IQ", "LY", "ET"}) {
    if (countries[cc].places.size() >= 5) conflict.push_back(&countries[cc]);
  }
  std::mt19937_64 rng(20260101);
  auto pick = [&](auto& v) -> const auto& {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  };
  auto pick_c = [&](auto& arr) {
    return arr[std::uniform_int_distribution<size_t>(0, std::size(arr) - 1)(rng)];
  };

  auto write_corpus = [&](bool jsonl) {
    size_t bytes = 0, docs = 0, sentences = 0;
    std::ofstream jl;
    if (jsonl) jl.open(out / "corpus.jsonl");
    rng.seed(jsonl ? 1 : 2);
    while (bytes < target) {
      const Country& c = *pick(conflict);
      int year = std::uniform_int_distribution<int>(2015, 2025)(rng);
      int month = std::uniform_int_distribution<int>(1, 12)(rng);
      int day = std::uniform_int_distribution<int>(1, 28)(rng);
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
      std::string text;
      int paragraphs = std::uniform_int_distribution<int>(6, 12)(rng);
      for (int p = 0; p < paragraphs; ++p) {
        int n = std::uniform_int_distribution<int>(1, 2)(rng);
        for (int s = 0; s < n; ++s) {
          std::map<std::string, std::string> slots = {
              {"{GROUP}", pick(groups)},
              {"{PLACE}", pick(c.places)},
              {"{PERSON}", pick(persons)},
              {"{FORCES}", c.demonym + " troops"},
              {"{TIME}", pick_c(kTimes)},
              {"{SOURCE}", pick_c(kSources)},
              {"{N}", std::to_string(std::uniform_int_distribution<int>(2, 40)(rng))},
              {"{YEAR}", std::to_string(std::uniform_int_distribution<int>(1990, 2012)(rng))},
              {"{MONTH}", pick_c(kMonths)},
              {"{NTH}", pick_c(kNth)}};
          text += (s ? " " : "") + Fill(pick_c(kTemplates), slots);
          ++sentences;
        }
        text += p + 1 < paragraphs ? "\n\n" : "\n";
      }
      std::string id(1, jsonl ? 'j' : 't');
      id += std::to_string(docs);
      if (jsonl) {
        std::string esc;
        for (char ch : text) {
          if (ch == '"' || ch == '\\') {
            esc += '\\';
            esc += ch;
          } else if (ch == '\n')
            esc += "\\n";
          else
            esc += ch;
        }
        std::string line =
            "{\"id\":\"" + id + "\",\"date\":\"" + date + "\",\"text\":\"" + esc + "\"}\n";
        jl << line;
        bytes += line.size();
      } else {
        char folder[32];
        std::snprintf(folder, sizeof folder, "%03zu", docs / 1000);
        fs::create_directories(out / "dated" / folder);
        std::ofstream f(out / "dated" / folder / (id + ".txt"));
        std::string content = std::string("date ") + date + "\n" + text;
        f << content;
        bytes += content.size();
      }
      ++docs;
    }
    return std::tuple{bytes, docs, sentences};
  };
  auto [jb, jd, js] = write_corpus(true);
  auto [tb, td, ts] = write_corpus(false);
  std::ofstream m(out / "manifest.txt");
  m << "jsonl_bytes " << jb << "\njsonl_documents " << jd << "\njsonl_sentences " << js << "\n"
    << "dated_bytes " << tb << "\ndated_documents " << td << "\ndated_sentences " << ts << "\n";
  std::printf("corpus: %.0f MB JSON Lines (%zu docs), %.0f MB dated text (%zu docs) in %s\n",
              jb / 1e6, jd, tb / 1e6, td, out.c_str());
  return 0;
}
