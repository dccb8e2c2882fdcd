package org.spatialcatalog.node.oai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A syntactically valid OAI-PMH request: a known verb with only the arguments that verb allows,
 * each given once, the required ones present, and {@code resumptionToken} alone (protocol section
 * 3.1 and 4). Anything else is a {@code badVerb} or {@code badArgument}.
 *
 * @param verb the verb
 * @param arguments the arguments other than {@code verb}, in the order given
 */
record OaiRequest(String verb, Map<String, String> arguments) {

  private static final Set<String> LISTING =
      Set.of("metadataPrefix", "from", "until", "set", "resumptionToken");
  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "Identify", Set.of(),
          "ListMetadataFormats", Set.of("identifier"),
          "ListSets", Set.of("resumptionToken"),
          "GetRecord", Set.of("identifier", "metadataPrefix"),
          "ListIdentifiers", LISTING,
          "ListRecords", LISTING);

  static OaiRequest parse(Map<String, String[]> parameters) throws OaiException {
    String[] verbs = parameters.get("verb");
    if (verbs == null || verbs.length != 1 || !ALLOWED.containsKey(verbs[0])) {
      throw new OaiException(
          "badVerb",
          verbs == null
              ? "the verb argument is missing"
              : verbs.length != 1
                  ? "the verb argument is repeated"
                  : "'" + verbs[0] + "' is not an OAI-PMH verb");
    }
    String verb = verbs[0];
    Set<String> allowed = ALLOWED.get(verb);
    Map<String, String> arguments = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> p : parameters.entrySet()) {
      String name = p.getKey();
      if (name.equals("verb")) {
        continue;
      }
      if (!allowed.contains(name)) {
        throw OaiException.badArgument("'" + name + "' is not an argument of " + verb);
      }
      if (p.getValue().length != 1) {
        throw OaiException.badArgument("'" + name + "' is repeated");
      }
      if (p.getValue()[0].isEmpty()) {
        throw OaiException.badArgument("'" + name + "' is empty");
      }
      arguments.put(name, p.getValue()[0]);
    }
    if (arguments.containsKey("resumptionToken") && arguments.size() > 1) {
      throw OaiException.badArgument("resumptionToken is an exclusive argument");
    }
    boolean resumed = arguments.containsKey("resumptionToken");
    if (verb.equals("GetRecord") && !arguments.containsKey("identifier")) {
      throw OaiException.badArgument("GetRecord needs the identifier argument");
    }
    if ((verb.equals("GetRecord") || (verb.startsWith("List") && LISTING.equals(allowed)))
        && !resumed
        && !arguments.containsKey("metadataPrefix")) {
      throw OaiException.badArgument(verb + " needs the metadataPrefix argument");
    }
    return new OaiRequest(verb, arguments);
  }

  String argument(String name) {
    return arguments.get(name);
  }
}
