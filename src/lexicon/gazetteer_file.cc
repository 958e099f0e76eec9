// Opening a compiled gazetteer: map it, check every offset once, then serve lookups from the
// mapping with no further parsing. The checks make a damaged file a Corruption status instead of
// a crash later; they touch the place records and postings (a few MB; the hash buckets are
// checked as lookups meet them), which is what keeps load time in milliseconds rather than the
// seconds a rebuild from the dump would take.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "sitrep/gazetteer.h"
#include "sitrep/text.h"
#include "src/lexicon/fuzzy_key.h"
#include "src/lexicon/gazetteer_format.h"

namespace sitrep {

using gazetteer::Bucket;
using gazetteer::FileHeader;
using gazetteer::PlaceRecord;

struct Gazetteer::Rep {
  std::string path;
  const char* base = nullptr;
  size_t size = 0;
  const FileHeader* header = nullptr;
  const PlaceRecord* places = nullptr;
  const Bucket* buckets = nullptr;
  const Bucket* fuzzy_buckets = nullptr;
  const uint32_t* postings = nullptr;
  const char* strings = nullptr;
  ~Rep() {
    if (base) ::munmap(const_cast<char*>(base), size);
  }
  std::string_view Str(uint32_t off) const { return std::string_view(strings + off); }
};

Gazetteer::Gazetteer(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Gazetteer::~Gazetteer() = default;

Result<std::unique_ptr<Gazetteer>> Gazetteer::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::NotFound(path + ": cannot open gazetteer (" + std::strerror(errno) +
                            "); build one with `sitrep gazetteer build`");
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IOError(path + ": cannot stat");
  }
  auto rep = std::make_unique<Rep>();
  rep->path = path;
  rep->size = static_cast<size_t>(st.st_size);
  auto corrupt = [&](const std::string& why) {
    return Status::Corruption(path + ": not a sitrep gazetteer of version " +
                              std::to_string(gazetteer::kVersion) + " (" + why + ")");
  };
  if (rep->size < sizeof(FileHeader)) {
    ::close(fd);
    return corrupt("too short");
  }
  void* m = ::mmap(nullptr, rep->size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (m == MAP_FAILED) return Status::IOError(path + ": mmap failed");
  rep->base = static_cast<const char*>(m);
  const auto* h = reinterpret_cast<const FileHeader*>(rep->base);
  rep->header = h;
  if (std::memcmp(h->magic, gazetteer::kMagic, 8) != 0) return corrupt("bad magic");
  if (h->version != gazetteer::kVersion) return corrupt("version " + std::to_string(h->version));
  if (h->file_size != rep->size) return corrupt("truncated or extended");
  auto within = [&](uint64_t off, uint64_t count, uint64_t elem) {
    return off <= rep->size && count <= (rep->size - off) / elem && off % alignof(uint32_t) == 0;
  };
  if (!within(h->places_offset, h->place_count, sizeof(PlaceRecord)) ||
      !within(h->buckets_offset, h->bucket_count, sizeof(Bucket)) ||
      !within(h->fuzzy_buckets_offset, h->fuzzy_bucket_count, sizeof(Bucket)) ||
      h->fuzzy_bucket_count == 0 || (h->fuzzy_bucket_count & (h->fuzzy_bucket_count - 1)) != 0 ||
      h->fuzzy_buckets_offset % 8 != 0 ||
      !within(h->postings_offset, h->posting_count, sizeof(uint32_t)) ||
      !within(h->strings_offset, h->strings_size, 1) || h->strings_size == 0 ||
      h->bucket_count == 0 || (h->bucket_count & (h->bucket_count - 1)) != 0 ||
      h->buckets_offset % 8 != 0) {
    return corrupt("section out of bounds");
  }
  rep->places = reinterpret_cast<const PlaceRecord*>(rep->base + h->places_offset);
  rep->buckets = reinterpret_cast<const Bucket*>(rep->base + h->buckets_offset);
  rep->fuzzy_buckets = reinterpret_cast<const Bucket*>(rep->base + h->fuzzy_buckets_offset);
  rep->postings = reinterpret_cast<const uint32_t*>(rep->base + h->postings_offset);
  rep->strings = rep->base + h->strings_offset;
  if (rep->strings[h->strings_size - 1] != '\0') return corrupt("unterminated strings");
  for (uint32_t i = 0; i < h->place_count; ++i) {
    const PlaceRecord& r = rep->places[i];
    if (r.name_off >= h->strings_size || r.admin1_off >= h->strings_size ||
        r.admin1_code_off >= h->strings_size ||
        (r.division != gazetteer::kNone && r.division >= h->place_count) ||
        (r.district != gazetteer::kNone && r.district >= h->place_count) || r.kind > 3) {
      return corrupt("bad place record " + std::to_string(i));
    }
  }
  // Buckets are checked as Find meets them (a bad one reads as absent): the tables are the
  // largest sections (16 and 8 MB for the world), and touching them all here was most of the
  // time to open.
  for (uint32_t i = 0; i < h->posting_count; ++i) {
    if (rep->postings[i] >= h->place_count) return corrupt("bad posting");
  }
  return std::unique_ptr<Gazetteer>(new Gazetteer(std::move(rep)));
}

size_t Gazetteer::size() const { return rep_->header->place_count; }
std::string_view Gazetteer::path() const { return rep_->path; }

Place Gazetteer::place(uint32_t index) const {
  const PlaceRecord& r = rep_->places[index];
  Place p;
  p.index = index;
  p.geonames_id = r.geonames_id;
  p.name = rep_->Str(r.name_off);
  p.country = std::string_view(r.country, 2);
  p.feature = std::string_view(r.feature, strnlen(r.feature, sizeof r.feature));
  p.admin1 = rep_->Str(r.admin1_off);
  p.admin1_code = rep_->Str(r.admin1_code_off);
  p.lat = r.lat;
  p.lon = r.lon;
  p.population = r.population;
  p.kind = static_cast<PlaceKind>(r.kind);
  p.rank = r.rank;
  return p;
}

std::optional<Place> Gazetteer::DivisionOf(const Place& p) const {
  uint32_t d = rep_->places[p.index].division;
  if (d == gazetteer::kNone) return std::nullopt;
  return place(d);
}

std::optional<Place> Gazetteer::DistrictOf(const Place& p) const {
  uint32_t d = rep_->places[p.index].district;
  if (d == gazetteer::kNone) return std::nullopt;
  return place(d);
}

PlaceKind Gazetteer::kind(uint32_t index) const {
  return static_cast<PlaceKind>(rep_->places[index].kind);
}
std::string_view Gazetteer::country(uint32_t index) const {
  return std::string_view(rep_->places[index].country, 2);
}
uint32_t Gazetteer::division_index(uint32_t index) const { return rep_->places[index].division; }
uint32_t Gazetteer::district_index(uint32_t index) const { return rep_->places[index].district; }
uint8_t Gazetteer::rank(uint32_t index) const { return rep_->places[index].rank; }
uint32_t Gazetteer::population(uint32_t index) const { return rep_->places[index].population; }

namespace {
bool FindIn(const Bucket* buckets, uint32_t bucket_count, const uint32_t* postings,
            uint32_t posting_count, uint64_t key_hash, NameEntry* entry) {
  uint64_t h = key_hash ? key_hash : 1;
  const uint32_t mask = bucket_count - 1;
  for (uint32_t slot = static_cast<uint32_t>(h) & mask, probes = 0; probes <= mask;
       slot = (slot + 1) & mask, ++probes) {
    const Bucket& b = buckets[slot];
    if (b.hash == 0) return false;
    if (b.hash != h) continue;
    if (uint64_t{b.postings_start} + b.postings_count > posting_count) return false;
    entry->places = std::span<const uint32_t>(postings + b.postings_start, b.postings_count);
    entry->is_prefix = (b.flags & gazetteer::kPrefix) != 0;
    entry->is_common_word = (b.flags & gazetteer::kCommonWord) != 0;
    entry->is_time_word = (b.flags & gazetteer::kTimeWord) != 0;
    entry->has_district = (b.flags & gazetteer::kHasDistrict) != 0;
    return true;
  }
  return false;
}
}  // namespace

bool Gazetteer::Find(uint64_t key_hash, NameEntry* entry) const {
  const FileHeader& h = *rep_->header;
  return FindIn(rep_->buckets, h.bucket_count, rep_->postings, h.posting_count, key_hash, entry);
}

bool Gazetteer::FindFuzzy(uint64_t key_hash, NameEntry* entry) const {
  const FileHeader& h = *rep_->header;
  return FindIn(rep_->fuzzy_buckets, h.fuzzy_bucket_count, rep_->postings, h.posting_count,
                key_hash, entry);
}

std::vector<Place> Gazetteer::Lookup(std::string_view name) const {
  std::vector<Place> out;
  NameEntry e;
  if (!Find(KeyHash(MatchKey(name)), &e)) return out;
  for (uint32_t idx : e.places) out.push_back(place(idx));
  return out;
}

std::vector<Place> Gazetteer::LookupFuzzy(std::string_view name, std::string_view country) const {
  std::vector<Place> out;
  std::string skeleton = FuzzySkeletonOf(name);
  NameEntry e;
  if (skeleton.empty() || !FindFuzzy(FuzzyKeyHash(country, skeleton), &e)) return out;
  for (uint32_t idx : e.places) out.push_back(place(idx));
  return out;
}

PlaceRef ToPlaceRef(const Place& p, std::string_view matched) {
  PlaceRef r;
  r.name = p.name;
  r.matched = matched;
  r.geonames_id = p.geonames_id;
  r.admin1 = p.kind == PlaceKind::kDivision ? std::string(p.name) : std::string(p.admin1);
  r.country = p.country;
  r.feature = p.feature;
  r.lat = std::round(static_cast<double>(p.lat) * 1e5) / 1e5;
  r.lon = std::round(static_cast<double>(p.lon) * 1e5) / 1e5;
  return r;
}

int CountCapitals(const Gazetteer& g, std::string_view country) {
  int n = 0;
  for (uint32_t i = 0; i < g.size(); ++i) {
    if (g.kind(i) != PlaceKind::kPopulated || g.country(i) != country) continue;
    Place p = g.place(i);
    n += p.feature == "PPLA" || p.feature == "PPLC";
  }
  return n;
}

std::string DefaultGazetteerPath() {
  if (const char* env = std::getenv("SITREP_GAZETTEER"); env && *env) return env;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "gazetteer.sgz";
  for (fs::path candidate : {exe.parent_path() / "gazetteer.sgz",
                             exe.parent_path().parent_path() / "share/sitrep/gazetteer.sgz"}) {
    if (fs::exists(candidate, ec)) return candidate.string();
  }
  return (exe.parent_path() / "gazetteer.sgz").string();
}

}  // namespace sitrep
