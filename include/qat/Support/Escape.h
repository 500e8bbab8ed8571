// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Escape.h - user text in generated files ------------------*- C++ -*-===//
//
// Paths, model names, ONNX node and tensor names and IR locations come from
// the user and may hold any bytes. Every such string that lands in a
// generated file goes through the one rule of that file's language, so no
// name can end a comment, open a line, or make the file invalid.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_SUPPORT_ESCAPE_H
#define QAT_SUPPORT_ESCAPE_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::qat {

/// Text for the inside of a C block comment (NAME.c, NAME.h): printable
/// ASCII stays as it is except `\` (written `\\`); any other byte, newlines
/// and non-ASCII UTF-8 included, becomes `\xNN`; `*/` and `/*` become
/// `*\/` and `/\*`, and `??` becomes `?\?`, so the text can neither end
/// nor nest a comment nor form a trigraph. The result reads back
/// unambiguously.
std::string escapeCComment(llvm::StringRef text);

/// Valid UTF-8 for a JSON string (llvm::json quotes and escapes it): each
/// byte that is not part of a valid UTF-8 sequence becomes U+FFFD.
std::string escapeJSONString(llvm::StringRef text);

/// Text for one cell of a Markdown table: valid UTF-8 (as escapeJSONString),
/// `|` and `\` escaped with a backslash, line breaks and other control
/// characters as spaces.
std::string escapeMarkdownCell(llvm::StringRef text);

} // namespace mlir::qat

#endif // QAT_SUPPORT_ESCAPE_H
