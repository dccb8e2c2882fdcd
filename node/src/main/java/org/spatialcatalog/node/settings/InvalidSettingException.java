package org.spatialcatalog.node.settings;

/** A settings update named an unknown key or carried a bad value. Nothing was stored. */
public class InvalidSettingException extends RuntimeException {

  private final String key;

  public InvalidSettingException(String key, String problem) {
    super("setting '" + key + "': " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
