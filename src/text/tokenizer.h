// Text into words (internal to src/text): the one tokenisation, used for the text read and for the
// phrases of the lexicon, so that both split the same way (docs/extraction.md, "Words").
//
// A word is a run of letters and digits, joined across an apostrophe ("can't", "knee's"), a hyphen
// between two letters or two digits ("x-ray", "3-4") and a point or comma between digits ("2.5",
// "50,000"). Letters are lowercased (ASCII); curly apostrophes read as straight ones. Digits
// followed by letters split, the letters marked `attached` ("45yo", "3cm"). Every other printable
// character is a token of its own, except quotes, which are dropped; sentence ends (. ! ? ; and
// line breaks) are boundaries; emoji and other pictographs are dropped; HTML tags are skipped
// (a block tag such as <p> or <br> is a line break) and the commonest entities decoded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fossa::extract {

enum class TokenKind {
  kWord,      // letters, or letters and digits
  kNumber,    // starts with a digit: "45", "2.5", "3-4", "50,000"
  kPunct,     // one character: , ( ) - / + < > : % & # ° ≥ ...
  kBoundary,  // the end of a sentence: . ! ? ; or a line break (text "\n")
};

struct Token {
  std::string text;  // normalised
  size_t begin = 0;  // bytes [begin, end) of the original text
  size_t end = 0;
  TokenKind kind = TokenKind::kWord;
  bool attached = false;  // follows a number with no space in between
};

struct Tokenized {
  std::vector<Token> tokens;
  size_t letters = 0;        // letters read
  size_t latin_letters = 0;  // of which a-z (any case)
  bool markup = false;       // HTML tags were skipped
};

// Precondition: `text` is valid UTF-8 (check_text). Never fails.
Tokenized tokenize(std::string_view text);

// Problems that make text unreadable: nullptr when `text` is valid UTF-8 without control
// characters (other than tab, line feed, carriage return and form feed), else why not.
const char* text_problem(std::string_view text);

// The number of characters (code points) of valid UTF-8 `text`.
size_t count_characters(std::string_view text);

}  // namespace fossa::extract
