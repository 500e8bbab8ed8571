// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CSourceWriter.cpp - one model's C file, kernel by kernel -----------===//

#include "CSourceWriter.h"

#include "qat/Support/Escape.h"
#include "qat/Support/Location.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::c_runtime;

std::string mlir::qat::cLiteral(int64_t v) {
  if (v == INT32_MIN)
    return "(-2147483647 - 1)";
  return std::to_string(v);
}

std::string mlir::qat::cTypeOf(Value v) {
  switch (cast<RankedTensorType>(v.getType()).getElementTypeBitWidth()) {
  case 16:
    return "int16_t";
  case 32:
    return "int32_t";
  case 64:
    return "int64_t";
  default:
    return "int8_t";
  }
}

bool mlir::qat::isInt16(Value v) {
  return cast<RankedTensorType>(v.getType()).getElementType().isInteger(16);
}

std::optional<SmallVector<int64_t>> mlir::qat::intConstant(Value v) {
  auto constant = v.getDefiningOp<arith::ConstantOp>();
  auto data =
      constant ? dyn_cast<DenseIntElementsAttr>(constant.getValue()) : nullptr;
  if (!data)
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &x : data.getValues<APInt>())
    values.push_back(x.getSExtValue());
  return values;
}

SmallVector<int64_t> mlir::qat::packFourBit(ArrayRef<int64_t> values) {
  SmallVector<int64_t> bytes((values.size() + 1) / 2, 0);
  for (auto [i, v] : llvm::enumerate(values))
    bytes[i / 2] |= (v & 15) << (i % 2 ? 4 : 0);
  for (int64_t &b : bytes)
    b = b >= 128 ? b - 256 : b;
  return bytes;
}

std::string mlir::qat::roundingName(qint::Rounding r) {
  return r == qint::Rounding::single_round ? "QAT_RT_SINGLE_ROUNDING"
                                           : "QAT_RT_DOUBLE_ROUNDING";
}

std::string CSourceWriter::array(StringRef type, ArrayRef<int64_t> values) {
  std::string name = uniqueName("k");
  arrayNamed(name, type, values);
  return name;
}

std::string CSourceWriter::table(StringRef type, ArrayRef<int64_t> values) {
  auto [it, inserted] = tables.try_emplace(
      {type.str(), std::vector<int64_t>(values.begin(), values.end())});
  if (inserted)
    it->second = array(type, values);
  return it->second;
}

void CSourceWriter::arrayNamed(StringRef name, StringRef type,
                               ArrayRef<int64_t> values) {
  llvm::raw_string_ostream os(globals);
  os << "static const " << type << " " << name << "[" << values.size()
     << "] = {";
  for (auto [i, v] : llvm::enumerate(values))
    os << (i % 16 ? " " : "\n    ") << cLiteral(v) << ",";
  os << "};\n";
}

std::string CSourceWriter::params(StringRef type,
                                  ArrayRef<std::string> fields) {
  std::string name = uniqueName("p");
  llvm::raw_string_ostream os(globals);
  os << "static const " << type << " " << name << " = {";
  auto print = [&](const std::string &f) { os << f; };
  llvm::interleave(fields, os, print, ", ");
  os << "};\n";
  return "&" + name;
}

std::string CSourceWriter::outputStage(ArrayRef<int32_t> multiplier,
                                       ArrayRef<int32_t> shift,
                                       int64_t channels, int64_t outputZp,
                                       int64_t actMin, int64_t actMax,
                                       qint::Rounding rounding) {
  SmallVector<int64_t> m, s;
  for (int64_t c = 0; c < channels; ++c) {
    size_t i = multiplier.size() == 1 ? 0 : c;
    m.push_back(multiplier[i]);
    s.push_back(shift[i]);
  }
  std::string mName = array("int32_t", m), sName = array("int32_t", s);
  return "{" + mName + ", " + sName + ", " + cLiteral(outputZp) + ", " +
         cLiteral(actMin) + ", " + cLiteral(actMax) + ", " +
         roundingName(rounding) + "}";
}

/// Tensors: arguments are the caller's inputs; a returned tensor (through
/// any reshape) is written straight into the caller's output; the rest live
/// at their planned arena offsets. Reshapes share their input's storage.
LogicalResult CSourceWriter::bindStorage() {
  for (BlockArgument arg : func.getArguments())
    storage[arg] = "input" + std::to_string(arg.getArgNumber());
  Operation *terminator = func.getBody().front().getTerminator();
  DenseMap<Operation *, std::string> outputOf;
  for (auto [i, v] : llvm::enumerate(terminator->getOperands())) {
    Value root = v;
    while (auto reshape = root.getDefiningOp<qint::ReshapeOp>())
      root = reshape.getInput();
    Operation *producer = root.getDefiningOp();
    if (producer && isa<qint::QIntDialect>(producer->getDialect()) &&
        !outputOf.count(producer))
      outputOf[producer] = "output" + std::to_string(i);
  }
  for (Operation &op : func.getBody().front()) {
    if (isa<qint::ReshapeOp>(op) || !isa<qint::QIntDialect>(op.getDialect()))
      continue;
    // A float result (dequantize) has no place in an integer program; its
    // op's model refuses it.
    if (!cast<RankedTensorType>(op.getResult(0).getType())
             .getElementType()
             .isSignlessInteger())
      continue;
    auto it = outputOf.find(&op);
    if (it != outputOf.end()) {
      storage[op.getResult(0)] = it->second;
      continue;
    }
    auto offset = op.getAttrOfType<IntegerAttr>("qint.offset");
    if (!offset)
      return op.emitError("has no arena offset: plan the memory first "
                          "(qint-plan-memory)");
    // The plan aligns an int16 tensor to 2 bytes.
    std::string at = "(a + " + std::to_string(offset.getInt()) + ")";
    storage[op.getResult(0)] =
        isInt16(op.getResult(0)) ? "((int16_t *)(void *)" + at + ")" : at;
  }
  return success();
}

/// The C expression for a tensor operand: its storage, or a constant array.
FailureOr<std::string> CSourceWriter::operand(Operation *user, Value v) {
  while (auto reshape = v.getDefiningOp<qint::ReshapeOp>())
    v = reshape.getInput();
  auto it = storage.find(v);
  if (it != storage.end())
    return it->second;
  auto cached = constantArrays.find(v);
  if (cached != constantArrays.end())
    return cached->second;
  std::optional<SmallVector<int64_t>> values = intConstant(v);
  if (!values)
    return user->emitError("operand is neither a tensor of the program nor "
                           "an integer constant");
  return constantArrays[v] = array(cTypeOf(v), *values);
}

std::string CSourceWriter::arrayPerBlock(ArrayRef<int64_t> vectors,
                                         ArrayRef<int64_t> words) {
  std::string name = uniqueName("k");
  arrayPerBlockNamed(name, vectors, words);
  return name;
}

void CSourceWriter::arrayPerBlockNamed(StringRef name,
                                       ArrayRef<int64_t> vectors,
                                       ArrayRef<int64_t> words) {
  if (vectors == words)
    return arrayNamed(name, "int8_t", words);
  globals +=
      "#if QAT_RT_WEIGHT_BLOCK == " + std::to_string(kVectorBlock) + "\n";
  arrayNamed(name, "int8_t", vectors);
  globals += "#else\n";
  arrayNamed(name, "int8_t", words);
  globals += "#endif\n";
}

FailureOr<std::string> CSourceWriter::state(Operation *op) {
  auto offset = op->getAttrOfType<IntegerAttr>("qint.state_offset");
  if (!offset)
    return op->emitError("has no state offset: plan the memory for C first");
  return "(a + " + std::to_string(offset.getInt()) + ")";
}

LogicalResult CSourceWriter::resetState(Operation *op, StringRef resetCall,
                                        int slots,
                                        ArrayRef<std::string> initial) {
  FailureOr<std::string> at = state(op);
  if (failed(at))
    return failure();
  std::string zeros;
  for (int i = 0; i < slots; ++i)
    zeros += "0, ";
  appendReset("  if (" + resetCall + ", " + zeros + *at +
              ") != 0)\n    return -1;\n");
  if (initial.empty())
    return success();
  int64_t offset = op->getAttrOfType<IntegerAttr>("qint.state_offset").getInt();
  std::string armed = "*(int32_t *)(void *)(a + " +
                      std::to_string(offset + stateRegionBytes(op) - 4) + ")";
  appendReset("  " + armed + " = 1;\n");
  std::string values;
  for (const std::string &v : initial)
    values += v + ", ";
  appendBody("  if (" + armed + ") {\n    " + armed + " = 0;\n    if (" +
             resetCall + ", " + values + *at + ") != 0)\n      return " +
             std::to_string(position.lookup(op)) + ";\n  }\n");
  return success();
}

FailureOr<std::string> CSourceWriter::scratch(Operation *op) {
  if (scratchBytes(op) == 0)
    return std::string("0");
  auto offset = op->getAttrOfType<IntegerAttr>("qint.scratch_offset");
  if (!offset)
    return op->emitError("has no scratch offset: plan the memory for C "
                         "first");
  return "(a + " + std::to_string(offset.getInt()) + ")";
}

/// A checked runtime call between the profiling hooks; a failure returns
/// the kernel's error code, which is also its index in the hooks. The
/// comment names the op and where the user wrote it. A layer with wide
/// weights calls `wideText` where the runtime reads them.
void CSourceWriter::call(Operation *op, const Twine &text,
                         const Twine &wideText) {
  int64_t index = position.lookup(op);
  llvm::raw_string_ostream os(body);
  os << "  /* " << index << ": " << op->getName();
  std::string where = escapeCComment(describeLocation(op->getLoc()));
  if (!where.empty())
    os << " at " << where;
  os << " */\n  QAT_KERNEL_BEGIN(" << index << ");\n";
  std::string wideCall = wideText.str();
  if (wideCall.empty())
    os << "  if (" << text << " != 0)\n";
  else
    os << "#if QAT_RT_WIDE_WEIGHTS\n  if (" << wideCall
       << " != 0)\n#else\n  if (" << text << " != 0)\n#endif\n";
  os << "    return " << index << ";\n  QAT_KERNEL_END(" << index << ");\n";
}

FailureOr<SmallVector<std::string>> CSourceWriter::operands(Operation *op) {
  SmallVector<std::string> result;
  for (Value v : op->getOperands()) {
    FailureOr<std::string> e = operand(op, v);
    if (failed(e))
      return failure();
    result.push_back(*e);
  }
  return result;
}

std::string CSourceWriter::arrayPerBlockOrWide(ArrayRef<int64_t> vectors,
                                               ArrayRef<int64_t> words,
                                               ArrayRef<int64_t> wideWords) {
  std::string name = uniqueName("k");
  globals += "#if QAT_RT_WIDE_WEIGHTS\n";
  arrayNamed(name, "int64_t", wideWords);
  globals += "#else\n";
  arrayPerBlockNamed(name, vectors, words);
  globals += "#endif\n";
  return name;
}

std::string CSourceWriter::uniqueName(StringRef kind) {
  return "qat_" + options.name + "_" + kind.str() + std::to_string(counter++);
}

void mlir::qat::registerCKernels(DialectRegistry &registry) {
  registerLayerC(registry);
  registerElementwiseC(registry);
  registerPoolingC(registry);
  registerSoftmaxC(registry);
  registerDataMovementC(registry);
  registerRecurrentC(registry);
  registerMatMulC(registry);
  registerNormalizationC(registry);
}

#include "qat/Target/C/CKernelInterface.cpp.inc"
