package io.runwire.schema;

import com.networknt.schema.ValidationMessage;
import java.util.Collection;
import java.util.List;

/** JSON Schema validation messages as {@code "<path>: <problem>"} lines a person can act on. */
public final class SchemaErrors {

    private SchemaErrors() {
    }

    public static List<String> describe(Collection<ValidationMessage> messages) {
        return describe(messages, "body");
    }

    /** As {@link #describe(Collection)}, naming the validated document's root {@code root} instead of "body". */
    public static List<String> describe(Collection<ValidationMessage> messages, String root) {
        return messages.stream().map(message -> describe(message, root)).distinct().sorted().toList();
    }

    static String describe(ValidationMessage message, String root) {
        String path = path(message.getInstanceLocation().toString());
        String property = message.getProperty();
        return switch (message.getType()) {
            case "required" -> join(path, property, root) + ": is required";
            case "additionalProperties", "unevaluatedProperties" -> join(path, property, root) + ": is not allowed";
            default -> (path.isEmpty() ? root : path) + ": " + problem(message);
        };
    }

    private static String problem(ValidationMessage message) {
        String error = message.getError();
        return error == null || error.isBlank() ? message.getMessage() : error.trim();
    }

    private static String path(String instanceLocation) {
        if (instanceLocation.isEmpty() || instanceLocation.equals("$")) {
            return "";
        }
        String path = instanceLocation.startsWith("$") ? instanceLocation.substring(1) : instanceLocation;
        // "$.a.b", "$.a[0]" and "/a/b" all name a.b
        path = path.replace('/', '.');
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String join(String path, String property, String root) {
        if (property == null) {
            return path.isEmpty() ? root : path;
        }
        return path.isEmpty() ? property : path + "." + property;
    }
}
