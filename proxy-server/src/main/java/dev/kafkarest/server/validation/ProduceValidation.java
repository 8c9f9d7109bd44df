package dev.kafkarest.server.validation;

import dev.kafkarest.core.produce.ProduceRules;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the produce rules from the proxy's settings: the one call the composition root makes. */
public final class ProduceValidation {
  private static final Logger LOG = LoggerFactory.getLogger(ProduceValidation.class);

  private ProduceValidation() {}

  /**
   * Returns the produce rules configured in {@code settings} (all of the proxy's settings; keys other than
   * produce validation's are ignored), with every schema file read and compiled.
   *
   * @throws ConfigException naming the key (and the file), for an invalid setting or schema
   */
  public static ProduceRules rules(Map<String, ?> settings) {
    ProduceValidationSettings parsed = ProduceValidationSettings.from(settings);
    ProduceRules rules = new ProduceRules(parsed.maxRecords(), JsonSchemaValueValidator.load(parsed));
    parsed.topicSchemas().forEach((topic, file) ->
        LOG.info("json values produced to topic {} must match the JSON Schema in {}", topic, file.file()));
    parsed.prefixSchemas().forEach((prefix, file) ->
        LOG.info("json values produced to topics starting with {} must match the JSON Schema in {}", prefix,
            file.file()));
    return rules;
  }
}
