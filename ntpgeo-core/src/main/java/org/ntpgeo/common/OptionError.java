package org.ntpgeo.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user error about options, worded without knowing how the options were given. The message is a template in
 * which {@code {name}} stands for the option with the snake_case field name {@code name} (for example
 * {@code "{learning_rate} must be a finite number > 0, got -1"}): {@link #getMessage()} prints the field name, a
 * command line renders its own flag with {@link #render(Function)} (for example {@code --lr}).
 */
public class OptionError extends UserError {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");
    private final String template;

    public OptionError(String template) {
        super(template);
        this.template = template;
    }

    /** The option names the message refers to, in order of appearance. */
    public List<String> options() {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) if (!out.contains(m.group(1))) out.add(m.group(1));
        return out;
    }

    /** The message with every {@code {name}} replaced by {@code displayName.apply(name)}. */
    public String render(Function<String, String> displayName) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) m.appendReplacement(b, Matcher.quoteReplacement(displayName.apply(m.group(1))));
        m.appendTail(b);
        return b.toString();
    }

    @Override
    public String getMessage() {
        return render(Function.identity());
    }
}
