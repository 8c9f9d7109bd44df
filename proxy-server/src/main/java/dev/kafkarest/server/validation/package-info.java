/**
 * Checks on produce requests that operators configure: at most {@code produce.records.max} records per
 * request, and per-topic JSON Schemas (draft 2020-12) for the values of json-format produces, loaded once
 * at start-up. {@link dev.kafkarest.server.validation.ProduceValidation#rules} builds the core's
 * {@link dev.kafkarest.core.produce.ProduceRules} from the settings; the schema library (networknt) stays
 * in this package, behind the core's {@link dev.kafkarest.core.produce.ValueValidator}.
 */
@NullMarked
package dev.kafkarest.server.validation;

import org.jspecify.annotations.NullMarked;
