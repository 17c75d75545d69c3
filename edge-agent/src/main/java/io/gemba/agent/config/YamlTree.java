package io.gemba.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;

/**
 * Reads YAML into a Jackson tree whose scalars are all text, exactly as written: {@code 010} stays
 * {@code 010} and {@code NO} (Norway) stays {@code NO}, so that each key's parser decides what its
 * text means. YAML {@code null} and {@code ~} become a null node; aliases ({@code *name}) and
 * duplicate keys are refused.
 */
final class YamlTree {

  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The file is not YAML; the message gives line, column and problem, never the file's text. */
  static final class SyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  private YamlTree() {}

  /**
   * The tree of {@code yaml}: {@link MissingNode} for an empty document.
   *
   * @throws SyntaxException if it is not YAML, has an alias or a key twice in a mapping
   */
  static JsonNode parse(String yaml) throws SyntaxException {
    try (YAMLParser parser = FACTORY.createParser(yaml)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return MissingNode.getInstance();
      }
      JsonNode root = read(parser, token);
      if (parser.nextToken() != null) {
        throw new SyntaxException(at(parser.currentLocation()) + "only one document is allowed");
      }
      return root;
    } catch (MarkedYAMLException e) {
      // Its message quotes the lines around the problem, which may hold anything: only the
      // problem and its place.
      throw new SyntaxException(at(e.getLocation()) + e.getProblem());
    } catch (JsonProcessingException e) {
      throw new SyntaxException(at(e.getLocation()) + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SyntaxException("cannot be read: " + e.getMessage());
    }
  }

  private static JsonNode read(YAMLParser parser, JsonToken token)
      throws IOException, SyntaxException {
    if (parser.isCurrentAlias()) {
      throw new SyntaxException(
          at(parser.currentTokenLocation())
              + "aliases (*"
              + parser.getText()
              + ") are not supported: write the value out");
    }
    switch (token) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_OBJECT;
            next = parser.nextToken()) {
          String key = parser.currentName();
          object.set(key, read(parser, parser.nextToken()));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          array.add(read(parser, next));
        }
        return array;
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        return NODES.textNode(parser.getText());
    }
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }
}
