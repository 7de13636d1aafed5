package org.ntpgeo.data;

import org.ntpgeo.common.ProgressListener;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.ntpgeo.common.OptionError;
import org.ntpgeo.common.UserError;
import org.ntpgeo.io.Json;

/** Picks (and, for bpe, trains) the tokenizer named by the options. */
public final class Tokenizers {
    private Tokenizers() {}

    /** A ready tokenizer, its description for dataset.json, and any model file to save beside the dataset. */
    public interface Prepared {
        Tokenizer tokenizer();

        ObjectNode description();

        /** The trained model as HuggingFace tokenizer.json text, or null for a rule-based tokenizer. */
        default String modelJson() {
            return null;
        }

        default void saveInto(Path dir) {}
    }

    public static final List<String> NAMES = List.of("whitespace", "word", "char", "bpe");

    /** Throws a {@link UserError} unless {@code name} is one of {@link #NAMES} (the check of {@code --tokenizer}). */
    public static void requireKnown(String name) {
        if (!NAMES.contains(name)) {
            throw new OptionError("unknown {tokenizer} '" + name + "' (choose " + String.join(", ", NAMES) + ")");
        }
    }

    /** The rule-based tokenizers by name (whitespace, word, char). */
    public static Tokenizer simple(String name) {
        return switch (name) {
            case "whitespace" -> new WhitespaceTokenizer();
            case "word" -> new WordTokenizer();
            case "char" -> new CharTokenizer();
            default -> throw new UserError("unknown tokenizer '" + name + "' (choose " + String.join(", ", NAMES) + ")");
        };
    }

    public static Prepared prepare(BuildOptions options, List<Path> corpus, ProgressListener progress) {
        if ("bpe".equals(options.tokenizer())) return Bpe.train(options, corpus, progress);
        Tokenizer t = simple(options.tokenizer());
        return new Prepared() {
            @Override
            public Tokenizer tokenizer() {
                return t;
            }

            @Override
            public ObjectNode description() { // built when asked (after counting): JSON support loads no sooner
                ObjectNode d = Json.object();
                d.put("name", t.name());
                d.put("rule", switch (t.name()) {
                    case "whitespace" -> "maximal runs of non-White_Space code points";
                    case "word" -> "lowercased runs of L/M/N code points; every other non-space code point alone";
                    default -> "every code point except U+000D";
                });
                return d;
            }
        };
    }
}
