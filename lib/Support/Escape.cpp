// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Escape.cpp - user text in generated files --------------------------===//

#include "qat/Support/Escape.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/JSON.h"

using namespace mlir;

std::string qat::escapeCComment(llvm::StringRef text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '\\') {
      out += "\\\\";
    } else if (c < 0x20 || c > 0x7e) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else if ((c == '*' && next == '/') || (c == '/' && next == '*') ||
               (c == '?' && next == '?')) {
      out += static_cast<char>(c);
      out += '\\';
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string qat::escapeJSONString(llvm::StringRef text) {
  if (llvm::json::isUTF8(text))
    return text.str();
  return llvm::json::fixUTF8(text);
}

std::string qat::escapeMarkdownCell(llvm::StringRef text) {
  std::string valid = escapeJSONString(text), out;
  out.reserve(valid.size());
  for (char c : valid) {
    if (c == '|' || c == '\\')
      out += '\\';
    out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
  }
  return out;
}
