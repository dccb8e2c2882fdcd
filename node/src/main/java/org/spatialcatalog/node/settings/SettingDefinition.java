package org.spatialcatalog.node.settings;

import java.util.function.Function;

/**
 * One live setting: its key, how a text value is checked and converted, and its default.
 *
 * @param key the name used in the API and the database
 * @param description what it does and when a change takes effect, for the API and the docs
 * @param defaultValue the value when none is stored (may be null)
 * @param parser converts and validates a text value; throws IllegalArgumentException with a message
 *     that says what is expected
 * @param secret never shown by the API (masked)
 */
public record SettingDefinition<T>(
    String key,
    String description,
    String defaultValue,
    Function<String, T> parser,
    boolean secret) {

  /** Checks a value; the exception message names the key. */
  public T parse(String value) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(key, e.getMessage());
    }
  }
}
