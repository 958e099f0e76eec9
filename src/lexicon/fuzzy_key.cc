// The transliteration skeleton (see fuzzy_key.h).
//
// Rules, applied to each token after the particles are dropped:
//  * a non-first token that starts with an article fused to a doubled sun letter loses it
//    ("Ezzor" -> "zor", as in "Deir Ezzor" for "Deir ez-Zor");
//  * digraphs become one symbol: sh, sch -> S; ch, tch, tsch -> C; zh -> Z (kept apart from s, k
//    and z: "Sunday" is not "Shendi"); kh -> k, gh -> g, dh -> d, th -> t, ph -> f, dj -> j,
//    ck -> k; tz -> ts; q and c -> k; x -> ks;
//  * vowels: a, e, i, o, u, and y except at the start of a token, and w after a or o unless a
//    vowel follows ("Kowt", "Zawr", "Naw"); a run of them becomes 'a' and a token's final run is
//    dropped ("Puli" = "Pul", "Maymana" = "Maymaneh"); w elsewhere is v ("Kharkiw", "Lwiw");
//  * h after a vowel and not before one is dropped ("Mehtar", "Shahr", "Farah");
// then the tokens are run together and doubled letters made single.
#include "src/lexicon/fuzzy_key.h"

#include <algorithm>
#include <array>
#include <vector>

#include "sitrep/text.h"

namespace sitrep {

namespace {

bool IsVowelLetter(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

constexpr size_t kMaxTokenLetters = 64;

// Letters with digraphs folded to one symbol each, into sym; their number, or 0 if too many.
size_t Symbols(std::string_view t, char* sym) {
  static constexpr std::pair<std::string_view, char> kDigraphs[] = {
      {"tsch", 'C'}, {"sch", 'S'}, {"tch", 'C'}, {"ch", 'C'}, {"sh", 'S'}, {"zh", 'Z'}, {"kh", 'k'},
      {"gh", 'g'},   {"dh", 'd'},  {"th", 't'},  {"ph", 'f'}, {"dj", 'j'}, {"ck", 'k'}};
  size_t n = 0;
  for (size_t i = 0; i < t.size();) {
    if (n + 2 > kMaxTokenLetters) return 0;
    char c = t[i];
    bool matched = false;
    if (i + 1 < t.size()) {  // every digraph starts a two-letter pair at least
      for (const auto& [from, to] : kDigraphs) {
        if (from[0] == c && t.substr(i, from.size()) == from) {
          sym[n++] = to;
          i += from.size();
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    if (c == 't' && i + 1 < t.size() && t[i + 1] == 'z') {  // "Lutzk" for "Lutsk"
      sym[n++] = 't';
      sym[n++] = 's';
      i += 2;
      continue;
    }
    ++i;
    if (c == 'q' || c == 'c') {
      sym[n++] = 'k';
    } else if (c == 'x') {
      sym[n++] = 'k';
      sym[n++] = 's';
    } else {
      sym[n++] = c;
    }
  }
  return n;
}

void AppendFolded(std::string_view token, bool first, std::string* out) {
  if (!first && token.size() > 4 &&
      (token[0] == 'a' || token[0] == 'e' || token[0] == 'i' || token[0] == 'u') &&
      token[1] == token[2] && std::string_view("tdrzsnl").find(token[1]) != std::string::npos) {
    token.remove_prefix(2);
  }
  char sym[kMaxTokenLetters];
  const size_t n = Symbols(token, sym);
  auto vowel = [&](size_t k) {
    char c = sym[k];
    if (IsVowelLetter(c)) return true;
    if (c == 'y') return k > 0;
    if (c == 'w') {
      return k > 0 && (sym[k - 1] == 'a' || sym[k - 1] == 'o') &&
             !(k + 1 < n && IsVowelLetter(sym[k + 1]));
    }
    return false;
  };
  size_t begin = out->size();
  for (size_t k = 0; k < n;) {
    if (vowel(k)) {
      while (k < n && vowel(k)) ++k;
      out->push_back('a');
      continue;
    }
    char c = sym[k];
    if (c == 'h' && k > 0 && vowel(k - 1) && !(k + 1 < n && vowel(k + 1))) {
      ++k;
      continue;
    }
    out->push_back(c == 'w' ? 'v' : c);
    ++k;
  }
  if (out->size() - begin > 1 && out->back() == 'a') out->pop_back();
}

}  // namespace

// al el il ul an ar as ash at ath ad adh az ez es en er et ed ud e i ye: the matcher asks of
// every capitalised word, so by length and letters rather than by search.
bool IsNameParticle(std::string_view t) {
  switch (t.size()) {
    case 1: return t[0] == 'e' || t[0] == 'i';
    case 2:
      switch (t[0]) {
        case 'a': return std::string_view("lnrstdz").find(t[1]) != std::string_view::npos;
        case 'e': return std::string_view("lzsnrtd").find(t[1]) != std::string_view::npos;
        case 'i': return t[1] == 'l';
        case 'u': return t[1] == 'l' || t[1] == 'd';
        case 'y': return t[1] == 'e';
        default: return false;
      }
    case 3: return t == "ash" || t == "ath" || t == "adh";
    default: return false;
  }
}

void FuzzySkeleton(std::span<const std::string_view> tokens, std::string* out) {
  out->clear();
  for (std::string_view t : tokens) {
    if (t.empty() || t.size() >= kMaxTokenLetters ||
        !std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      return;
  }
  bool first = true;
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool droppable = tokens.size() > 1 && i + 1 < tokens.size() && IsNameParticle(tokens[i]);
    if (droppable) continue;
    AppendFolded(tokens[i], first, out);
    first = false;
  }
  // Doubled letters single, in place.
  size_t w = 0;
  for (size_t r = 0; r < out->size(); ++r) {
    if (w == 0 || (*out)[w - 1] != (*out)[r]) (*out)[w++] = (*out)[r];
  }
  out->resize(w);
  if (out->size() < 3) out->clear();
}

std::string FuzzySkeleton(std::span<const std::string_view> tokens) {
  std::string out;
  FuzzySkeleton(tokens, &out);
  return out;
}

void NameKeys(std::string_view name, std::string* match_key, std::string* skeleton) {
  SegmentedText seg = Segment(name);
  std::vector<std::string_view> tokens;
  for (const Token& t : seg.tokens) {
    if (t.is(kWord) && !t.is(kPossessive)) tokens.push_back(seg.norm(t));
  }
  if (match_key) {  // as MatchKey does
    match_key->clear();
    for (std::string_view t : tokens) {
      if (!match_key->empty()) match_key->push_back(' ');
      match_key->append(t);
    }
  }
  if (skeleton) *skeleton = FuzzySkeleton(tokens);
}

std::string FuzzySkeletonOf(std::string_view name) {
  std::string skeleton;
  NameKeys(name, nullptr, &skeleton);
  return skeleton;
}

std::string NameLetters(std::span<const std::string_view> tokens) {
  static constexpr std::string_view kGeneric[] = {"district",     "raion",       "rayon",
                                                  "municipality", "township",    "province",
                                                  "oblast",       "governorate", "region"};
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string_view t = tokens[i];
    if (tokens.size() > 1 && i + 1 < tokens.size() && IsNameParticle(t)) continue;
    if (i > 0 && std::find(std::begin(kGeneric), std::end(kGeneric), t) != std::end(kGeneric))
      continue;
    out += t;
  }
  return out;
}

std::string NameLettersOf(std::string_view name) {
  SegmentedText seg = Segment(name);
  std::vector<std::string_view> tokens;
  for (const Token& t : seg.tokens) {
    if (t.is(kWord) && !t.is(kPossessive)) tokens.push_back(seg.norm(t));
  }
  return NameLetters(tokens);
}

double SpellingDistance(std::string_view a, std::string_view b) {
  if (a.size() > 64 || b.size() > 64) return a == b ? 0 : 64;
  auto vowel = [](char c) { return IsVowelLetter(c) || c == 'y'; };
  auto sub = [&](char x, char y) {
    if (x == y) return 0.0;
    if (vowel(x) && vowel(y)) return 0.5;
    auto pair = [&](char p, char q) { return (x == p && y == q) || (x == q && y == p); };
    if (pair('k', 'q') || pair('k', 'c') || pair('c', 'q') || pair('v', 'w') || pair('j', 'g') ||
        pair('z', 's'))
      return 0.5;
    return 1.0;
  };
  // Inserting or deleting s[i]: cheap for a vowel, an 'h' or a letter beside its twin.
  auto indel = [&](std::string_view s, size_t i) {
    char c = s[i];
    if (vowel(c) || c == 'h' || c == 'w' || (i > 0 && s[i - 1] == c) ||
        (i + 1 < s.size() && s[i + 1] == c))
      return 0.5;
    return 1.0;
  };
  std::array<double, 65> prev{}, cur{};
  prev[0] = 0;
  for (size_t j = 1; j <= b.size(); ++j) prev[j] = prev[j - 1] + indel(b, j - 1);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = prev[0] + indel(a, i - 1);
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + indel(a, i - 1), cur[j - 1] + indel(b, j - 1),
                         prev[j - 1] + sub(a[i - 1], b[j - 1])});
    }
    prev = cur;
  }
  return prev[b.size()];
}

}  // namespace sitrep
