#include "text/tokenizer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>

namespace fossa::extract {
namespace {

enum class Kind : uint8_t { kLetter, kDigit, kApostrophe, kHyphen, kPoint, kComma, kSpace, kBreak, kBoundary, kDrop, kSymbol };

// One character as read: its class, its normalised text held in place (a code point's bytes, or an
// HTML entity as written when it does not decode to a known character: at most 10 bytes, see
// entity()) and where it is. Written in place by classify(), so a text's characters are not copied.
struct Char {
  Kind kind = Kind::kSpace;
  bool latin = false;
  uint8_t size = 0;
  char bytes[13];
  size_t begin = 0;
  size_t end = 0;

  std::string_view text() const { return {bytes, size}; }
};

// Decodes the code point at `at` of valid UTF-8; `length` receives its byte count.
uint32_t decode(std::string_view text, size_t at, size_t& length) {
  auto byte = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(text[i])); };
  uint32_t first = byte(at);
  if (first < 0x80) {
    length = 1;
    return first;
  }
  if (first < 0xE0) {
    length = 2;
    return ((first & 0x1F) << 6) | (byte(at + 1) & 0x3F);
  }
  if (first < 0xF0) {
    length = 3;
    return ((first & 0x0F) << 12) | ((byte(at + 1) & 0x3F) << 6) | (byte(at + 2) & 0x3F);
  }
  length = 4;
  return ((first & 0x07) << 18) | ((byte(at + 1) & 0x3F) << 12) | ((byte(at + 2) & 0x3F) << 6) | (byte(at + 3) & 0x3F);
}

bool in(uint32_t c, uint32_t low, uint32_t high) { return c >= low && c <= high; }

// The class of one code point and its normalised text.
void set(Char& out, Kind kind, std::string_view text, bool latin = false) {
  out.kind = kind;
  out.latin = latin;
  out.size = static_cast<uint8_t>(std::min(text.size(), sizeof out.bytes));
  std::memcpy(out.bytes, text.data(), out.size);
}

void set(Char& out, Kind kind, char text) {
  out.kind = kind;
  out.latin = false;
  out.size = 1;
  out.bytes[0] = text;
}

void classify(uint32_t c, std::string_view raw, Char& out) {
  if (in(c, 'a', 'z') || in(c, 'A', 'Z')) {
    set(out, Kind::kLetter, static_cast<char>(c >= 'a' ? c : c + ('a' - 'A')));
    out.latin = true;
    return;
  }
  if (in(c, '0', '9')) return set(out, Kind::kDigit, static_cast<char>(c));
  switch (c) {
    case '\'': case '`': case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x00B4:
      return set(out, Kind::kApostrophe, "'");
    case '-': case 0x2010: case 0x2011: return set(out, Kind::kHyphen, "-");
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return set(out, Kind::kSymbol, "-");
    case '.': case 0x2026: case 0x3002: return set(out, Kind::kPoint, ".");
    case ',': case 0x3001: case 0xFF0C: return set(out, Kind::kComma, ",");
    case '!': case '?': case ';': return set(out, Kind::kBoundary, static_cast<char>(c));
    case 0xFF01: return set(out, Kind::kBoundary, "!");
    case 0xFF1F: return set(out, Kind::kBoundary, "?");
    case '\n': case '\r': case '\f': case '\v': case 0x2028: case 0x2029: return set(out, Kind::kBreak, "\n");
    case ' ': case '\t': case 0x00A0: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF: return set(out, Kind::kSpace, "");
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: return set(out, Kind::kDrop, "");
    case 0x00B5: return set(out, Kind::kLetter, raw);  // micro sign, as in µmol
    default: break;
  }
  if (c < 0x80) return set(out, Kind::kSymbol, static_cast<char>(c));
  if (in(c, 0x2000, 0x200B)) return set(out, Kind::kSpace, "");
  // Emoji, pictographs, variation selectors and joiners: dropped.
  if (in(c, 0x1F000, 0x1FAFF) || in(c, 0x2600, 0x27BF) || in(c, 0x2B00, 0x2BFF) || in(c, 0xFE00, 0xFE0F) ||
      in(c, 0x200C, 0x200D) || c == 0x20E3 || in(c, 0xE0000, 0xE007F) || in(c, 0x1F1E6, 0x1F1FF)) {
    return set(out, Kind::kDrop, "");
  }
  if (in(c, 0x0080, 0x00BF) || c == 0x00D7 || c == 0x00F7 || in(c, 0x2000, 0x2BFF) || in(c, 0x3000, 0x303F) ||
      in(c, 0xFF00, 0xFFEF) || in(c, 0xE000, 0xF8FF)) {
    return set(out, Kind::kSymbol, raw);
  }
  return set(out, Kind::kLetter, raw, in(c, 0x00C0, 0x024F));
}

// An HTML entity at `at` ("&amp;"): the code point it stands for and its length; nullopt if none.
std::optional<uint32_t> entity(std::string_view text, size_t at, size_t& length) {
  static const std::array<std::pair<std::string_view, uint32_t>, 13> kNamed = {{
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0}, {"rsquo", 0x2019},
      {"lsquo", 0x2018}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}}};
  size_t semicolon = text.find(';', at + 1);
  if (semicolon == std::string_view::npos || semicolon - at > 9) return std::nullopt;
  std::string_view name = text.substr(at + 1, semicolon - at - 1);
  length = semicolon - at + 1;
  if (name.size() > 1 && name[0] == '#') {
    uint32_t value = 0;
    bool hex = name[1] == 'x' || name[1] == 'X';
    for (size_t i = hex ? 2 : 1; i < name.size(); ++i) {
      char d = name[i];
      uint32_t digit = 0;
      if (d >= '0' && d <= '9') {
        digit = static_cast<uint32_t>(d - '0');
      } else if (hex && ((d >= 'a' && d <= 'f') || (d >= 'A' && d <= 'F'))) {
        digit = static_cast<uint32_t>((d | 0x20) - 'a' + 10);
      } else {
        return std::nullopt;
      }
      value = value * (hex ? 16 : 10) + digit;
      if (value > 0x10FFFF) return std::nullopt;
    }
    if (value == 0 || in(value, 0xD800, 0xDFFF)) return std::nullopt;
    return value;
  }
  for (const auto& [entity_name, code] : kNamed) {
    if (name == entity_name) return code;
  }
  return std::nullopt;
}

// An HTML tag at `at` ("<p>", "</b>", "<br/>", "<!-- -->"): its length and whether it breaks a
// line; 0 when the '<' does not start a tag.
size_t tag(std::string_view text, size_t at, bool& breaks) {
  if (at + 1 >= text.size()) return 0;
  char next = text[at + 1];
  bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
  if (!letter && next != '/' && next != '!') return 0;
  size_t close = text.find('>', at + 1);
  size_t reopen = text.find('<', at + 1);
  if (close == std::string_view::npos || close - at > 400 || reopen < close) return 0;
  size_t name_start = at + 1 + (next == '/' ? 1 : 0);
  size_t name_end = name_start;
  auto name_char = [&](char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9'); };
  while (name_end < close && name_char(text[name_end])) ++name_end;
  std::string name;
  for (size_t i = name_start; i < name_end; ++i) name += static_cast<char>(text[i] | 0x20);
  static const std::array<std::string_view, 16> kBlock = {"p", "br", "div", "li", "ul", "ol", "tr", "td", "table", "h1",
                                                           "h2", "h3", "h4", "blockquote", "hr", "section"};
  breaks = false;
  for (auto block : kBlock) breaks |= name == block;
  return close - at + 1;
}

std::vector<Char> characters(std::string_view text, bool& markup, size_t& letters, size_t& latin) {
  std::vector<Char> out;
  out.reserve(text.size());
  size_t at = 0;
  while (at < text.size()) {
    if (text[at] == '<') {
      bool breaks = false;
      size_t length = tag(text, at, breaks);
      if (length > 0) {
        markup = true;
        Char& skipped = out.emplace_back();
        set(skipped, breaks ? Kind::kBreak : Kind::kSpace, breaks ? "\n" : "");
        skipped.begin = at;
        skipped.end = at + length;
        at += length;
        continue;
      }
    }
    size_t length = 0;
    uint32_t code = 0;
    if (text[at] == '&') {
      if (auto decoded = entity(text, at, length)) {
        code = *decoded;
        markup = true;
      } else {
        code = decode(text, at, length);
      }
    } else if (static_cast<unsigned char>(text[at]) < 0x80) {  // ASCII, without decoding
      code = static_cast<unsigned char>(text[at]);
      length = 1;
    } else {
      code = decode(text, at, length);
    }
    Char& c = out.emplace_back();
    classify(code, text.substr(at, length), c);
    if (c.kind == Kind::kLetter) {
      ++letters;
      if (c.latin) ++latin;
    }
    c.begin = at;
    c.end = at + length;
    at += length;
  }
  return out;
}

bool is_digit(const Char& c) { return c.kind == Kind::kDigit; }
bool is_letter(const Char& c) { return c.kind == Kind::kLetter; }

}  // namespace

Tokenized tokenize(std::string_view text) {
  Tokenized out;
  std::vector<Char> chars = characters(text, out.markup, out.letters, out.latin_letters);
  auto& tokens = out.tokens;
  tokens.reserve(chars.size() / 4 + 8);  // about five characters a word with its space
  bool spaced = true;  // a separator since the last token
  auto push = [&](Token&& token) {
    token.attached = !spaced && !tokens.empty() && tokens.back().kind == TokenKind::kNumber &&
                     token.kind != TokenKind::kBoundary;
    if (token.kind == TokenKind::kBoundary && !tokens.empty() && tokens.back().kind == TokenKind::kBoundary &&
        (tokens.back().text == token.text || token.text == "\n" || tokens.back().text == "\n")) {
      if (tokens.back().text == "\n") tokens.back().text = token.text;  // "?\n" reads as "?"
      tokens.back().end = token.end;
      spaced = true;
      return;
    }
    tokens.push_back(std::move(token));
    spaced = false;
  };
  size_t k = 0;
  while (k < chars.size()) {
    const Char& c = chars[k];
    switch (c.kind) {
      case Kind::kSpace:
      case Kind::kDrop:
        spaced = true;
        ++k;
        continue;
      case Kind::kBreak:
        push({"\n", c.begin, c.end, TokenKind::kBoundary, false});
        spaced = true;
        ++k;
        continue;
      case Kind::kBoundary:
      case Kind::kPoint:
        push({std::string(c.text()), c.begin, c.end, TokenKind::kBoundary, false});
        ++k;
        continue;
      case Kind::kApostrophe:
        spaced = true;  // an apostrophe outside a word is a quote
        ++k;
        continue;
      case Kind::kHyphen:
      case Kind::kComma:
      case Kind::kSymbol:
        push({std::string(c.text()), c.begin, c.end, TokenKind::kPunct, false});
        ++k;
        continue;
      case Kind::kLetter:
      case Kind::kDigit:
        break;
    }
    // A word: letters and digits with their connectors.
    Token word;
    word.begin = c.begin;
    word.kind = is_digit(c) ? TokenKind::kNumber : TokenKind::kWord;
    bool numeric = is_digit(c);
    size_t j = k;
    while (j < chars.size()) {
      const Char& here = chars[j];
      const Char* before = j > k ? &chars[j - 1] : nullptr;
      const Char* after = j + 1 < chars.size() ? &chars[j + 1] : nullptr;
      if (is_letter(here)) {
        if (numeric && j > k) break;  // "45yo": the letters start a token of their own
        numeric = false;
      } else if (is_digit(here)) {
      } else if (here.kind == Kind::kApostrophe) {
        if (!before || !after || !is_letter(*after) || (!is_letter(*before) && !is_digit(*before))) break;
      } else if (here.kind == Kind::kHyphen) {
        if (!before || !after || !((is_letter(*before) && is_letter(*after)) || (is_digit(*before) && is_digit(*after)))) break;
      } else if (here.kind == Kind::kPoint || here.kind == Kind::kComma) {
        if (!numeric || !before || !after || !is_digit(*before) || !is_digit(*after)) break;
      } else {
        break;
      }
      word.text.append(here.bytes, here.size);
      word.end = here.end;
      ++j;
    }
    push(std::move(word));
    k = j;
  }
  return out;
}

const char* text_problem(std::string_view text) {
  size_t at = 0;
  while (at < text.size()) {
    auto byte = static_cast<unsigned char>(text[at]);
    if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII, most of any text
      ++at;
      continue;
    }
    size_t length = 0;
    uint32_t code = 0;
    if (byte < 0x80) {
      length = 1;
      code = byte;
    } else if (byte >= 0xC2 && byte < 0xE0) {
      length = 2;
      code = byte & 0x1Fu;
    } else if (byte >= 0xE0 && byte < 0xF0) {
      length = 3;
      code = byte & 0x0Fu;
    } else if (byte >= 0xF0 && byte < 0xF5) {
      length = 4;
      code = byte & 0x07u;
    } else {
      return "the text is not valid UTF-8: send plain text";
    }
    if (at + length > text.size()) return "the text is not valid UTF-8: it ends inside a character";
    for (size_t i = 1; i < length; ++i) {
      auto next = static_cast<unsigned char>(text[at + i]);
      if ((next & 0xC0) != 0x80) return "the text is not valid UTF-8: send plain text";
      code = (code << 6) | (next & 0x3Fu);
    }
    if ((length == 3 && (code < 0x800 || in(code, 0xD800, 0xDFFF))) || (length == 4 && (code < 0x10000 || code > 0x10FFFF))) {
      return "the text is not valid UTF-8: send plain text";
    }
    if ((code < 0x20 && code != '\t' && code != '\n' && code != '\r' && code != '\f') || code == 0x7F) {
      return "the text holds control characters (binary data?): send plain text";
    }
    at += length;
  }
  return nullptr;
}

size_t count_characters(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

}  // namespace fossa::extract
