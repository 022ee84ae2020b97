// Fusion adaptation of the syntax tree, for the grammar only.
#pragma once

#include "dsl/ast.hpp"

#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(pligt::ast::ComparisonTail, op, values)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Comparison, left, tail)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::TypeRef, name, optional)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Fact, name, type, title)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Kind, name, values)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Attribute, name, type, default_value, title)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Event, name, title, attributes)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Vocabulary, name, title, items)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::InForce, from, to)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Trigger, events, where)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Duration, amount, unit)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Duty, name, title, clauses)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Law, name, title, items)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Waive, duty, instead)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::ExemptionSet, name, title, items)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Children, count, provenance, note)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Adopts, set, from, to)
BOOST_FUSION_ADAPT_STRUCT(pligt::ast::Municipality, name, title, items)
