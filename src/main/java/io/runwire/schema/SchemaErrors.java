package io.runwire.schema;

import com.networknt.schema.ValidationMessage;
import java.util.Collection;
import java.util.List;

/** JSON Schema validation messages as {@code "<path>: <problem>"} lines a person can act on. */
public final class SchemaErrors {

    private SchemaErrors() {
    }

    public static List<String> describe(Collection<ValidationMessage> messages) {
        return messages.stream().map(SchemaErrors::describe).distinct().sorted().toList();
    }

    static String describe(ValidationMessage message) {
        String path = path(message.getInstanceLocation().toString());
        String property = message.getProperty();
        return switch (message.getType()) {
            case "required" -> join(path, property) + ": is required";
            case "additionalProperties", "unevaluatedProperties" -> join(path, property) + ": is not allowed";
            default -> (path.isEmpty() ? "body" : path) + ": " + problem(message);
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

    private static String join(String path, String property) {
        if (property == null) {
            return path.isEmpty() ? "body" : path;
        }
        return path.isEmpty() ? property : path + "." + property;
    }
}
