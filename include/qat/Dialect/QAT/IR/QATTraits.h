// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATTraits.h - marker traits of qat ops -------------------*- C++ -*-===//
//
// The traits QATInterfaces.td declares; what each means is stated there.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_DIALECT_QAT_IR_QATTRAITS_H
#define QAT_DIALECT_QAT_IR_QATTRAITS_H

#include "mlir/IR/OpDefinition.h"

namespace mlir::OpTrait::qat {

template <typename ConcreteType>
class FusesActivation : public TraitBase<ConcreteType, FusesActivation> {};

template <typename ConcreteType>
class RequantizesOutput : public TraitBase<ConcreteType, RequantizesOutput> {};

template <typename ConcreteType>
class ReadsOneActivation : public TraitBase<ConcreteType, ReadsOneActivation> {
};

template <typename ConcreteType>
class SharesQuantization : public TraitBase<ConcreteType, SharesQuantization> {
};

template <typename ConcreteType>
class ForwardsQuantization
    : public TraitBase<ConcreteType, ForwardsQuantization> {};

} // namespace mlir::OpTrait::qat

#endif // QAT_DIALECT_QAT_IR_QATTRAITS_H
